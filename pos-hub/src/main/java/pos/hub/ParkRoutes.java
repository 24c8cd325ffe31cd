package pos.hub;

import static pos.hub.HttpAnswers.answer;
import static pos.hub.HttpAnswers.error;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.TransactionIds;
import pos.contract.hub.ParkedSalesAnswer;
import pos.contract.sale.MalformedSaleRecordException;
import pos.contract.sale.SaleSnapshotJson;
import pos.core.sale.SaleSnapshot;
import pos.hub.http.HttpGuard;
import pos.hub.park.MariaDbParkedSales;

/**
 * Issue 12 point 7, parked sales across the store's tills (tills only: {@link pos.hub.http.AccessPolicy}):
 * <pre>
 * PUT  /parked/{tx}         the SaleSnapshot as JSON: parked by the calling till; 201 {"parked":[the entry]};
 *                           409 already_recalled when that sale was recalled already; 400 not a sale snapshot
 * GET  /parked              200 {"parked": [{transactionId, tillId, parkedAt, clerkName, itemCount, totalMinor, currency}]}
 * POST /parked/{tx}/recall  claims the sale for the calling till, atomically: 200 the SaleSnapshot JSON;
 *                           409 already_recalled ("recalled by till-2 at ..."); 404 unknown_parked_sale
 * </pre>
 * Thread-safe.
 */
final class ParkRoutes {

    private static final Logger log = LoggerFactory.getLogger(ParkRoutes.class);

    private final MariaDbParkedSales parked;

    ParkRoutes(MariaDbParkedSales parked) {
        this.parked = Objects.requireNonNull(parked, "parked");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.put("/parked/{tx}", this::park);
        javalin.get("/parked", this::list);
        javalin.post("/parked/{tx}/recall", this::recall);
    }

    private static String transactionId(Context ctx) {
        String tx = ctx.pathParam("tx");
        if (!TransactionIds.isTransactionId(tx)) {
            throw new HttpProblem(400, "bad_transaction_id", "'" + TransactionIds.printable(tx)
                    + "' is not a transaction id (6-32 characters of 0-9 A-Z a-z _ - | *)");
        }
        return tx;
    }

    private void park(Context ctx) {
        String tx = transactionId(ctx);
        String till = HttpGuard.callerOf(ctx).tillId();
        SaleSnapshot snapshot;
        try {
            snapshot = SaleSnapshotJson.read(ctx.body());
        } catch (MalformedSaleRecordException e) {
            throw new HttpProblem(400, "bad_parked_sale", e.getMessage());
        }
        if (!snapshot.transactionId().equals(tx)) {
            throw new HttpProblem(400, "bad_parked_sale", "the body is sale " + TransactionIds.printable(snapshot.transactionId())
                    + ", not " + tx);
        }
        if (!parked.park(till, snapshot)) {
            answer(ctx, 409, error("already_recalled", "sale " + tx + " was recalled already; it cannot be parked again"));
            return;
        }
        log.info("Sale {} parked by till {} ({} lines)", tx, till, snapshot.lines().size());
        answer(ctx, 201, new ParkedSalesAnswer(parked.parked().stream().filter(p -> p.transactionId().equals(tx)).toList()));
    }

    private void list(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        answer(ctx, 200, new ParkedSalesAnswer(parked.parked()));
    }

    private void recall(Context ctx) {
        String tx = transactionId(ctx);
        String till = HttpGuard.callerOf(ctx).tillId();
        MariaDbParkedSales.Recall recall = parked.recall(tx, till);
        if (recall instanceof MariaDbParkedSales.Recall.Recalled recalled) {
            log.info("Sale {} recalled by till {}", tx, till);
            ctx.status(200).contentType("application/json").result(recalled.payload());
            ctx.attribute(HttpAnswers.ANSWERED, true);
        } else if (recall instanceof MariaDbParkedSales.Recall.AlreadyRecalled already) {
            answer(ctx, 409, error("already_recalled", "sale " + tx + " was recalled by " + already.byTill() + " at "
                    + already.at()));
        } else {
            throw new HttpProblem(404, "unknown_parked_sale", "no sale " + tx + " is parked in the store");
        }
    }
}
