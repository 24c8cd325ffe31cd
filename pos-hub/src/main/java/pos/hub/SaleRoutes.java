package pos.hub;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.TransactionIds;
import pos.contract.hub.SaleReturnsAnswer;
import pos.hub.archive.MariaDbSaleLookup;
import pos.hub.archive.UnableToArchiveException;

/**
 * GET /sales/{tx}: a sale as the store archived it with every return already made against it, for a till
 * taking goods back (issue 12, point 3; tills only: HttpGuard / AccessPolicy). 404 when the store has no
 * such sale (yet: a sale reaches MariaDB when its till hands it on); 503 when MariaDB cannot be read.
 * Thread-safe.
 */
final class SaleRoutes {

    private static final Logger log = LoggerFactory.getLogger(SaleRoutes.class);

    private final MariaDbSaleLookup sales;

    SaleRoutes(MariaDbSaleLookup sales) {
        this.sales = Objects.requireNonNull(sales, "sales");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.get("/sales/{tx}", this::sale);
    }

    private void sale(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        String tx = ctx.pathParam("tx");
        if (!TransactionIds.isTransactionId(tx)) {
            throw new HttpProblem(400, "bad_transaction_id", "'" + TransactionIds.printable(tx)
                    + "' is not a transaction id (6-32 characters of 0-9 A-Z a-z _ - | *)");
        }
        Optional<SaleReturnsAnswer> found;
        try {
            found = sales.find(tx);
        } catch (UnableToArchiveException e) {
            log.warn("GET /sales/{} answered 503: {}", tx, e.getMessage());
            throw new HttpProblem(503, "mariadb_unreachable", "the store's database cannot be reached; try again shortly");
        }
        if (found.isEmpty()) {
            throw new HttpProblem(404, "unknown_sale", "no sale " + tx + " is known to the store");
        }
        ctx.status(200).contentType("application/json").result(found.get().toJson().getBytes(StandardCharsets.UTF_8));
    }
}
