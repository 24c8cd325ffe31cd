package pos.hub;

import static pos.hub.HttpAnswers.JSON;
import static pos.hub.HttpAnswers.answer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.TransactionIds;
import pos.contract.voucher.VoucherRedisKeys;
import pos.core.voucher.RedemptionResult;
import pos.hub.http.HttpGuard;
import pos.hub.voucher.VoucherResults;

/**
 * GET /vouchers/{id}: a voucher's redemption for the customer's side (R3); a customer gets the outcome only.
 * Thread-safe.
 */
final class VoucherRoutes {

    private static final Logger log = LoggerFactory.getLogger(VoucherRoutes.class);

    private final VoucherResults vouchers;

    VoucherRoutes(VoucherResults vouchers) {
        this.vouchers = Objects.requireNonNull(vouchers, "vouchers");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.get("/vouchers/{id}", this::voucher);
    }
    private void voucher(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        boolean full = HttpGuard.callerOf(ctx).trusted();
        String id = ctx.pathParam("id");
        if (!VoucherRedisKeys.isVoucherId(id)) {
            throw new HttpProblem(400, "bad_voucher_id", "'" + TransactionIds.printable(id)
                    + "' is not a voucher id (1-32 characters of 0-9 A-Z a-z _ -)");
        }
        VoucherResults.Answer found = vouchers.query(id).orElseThrow(() -> new HttpProblem(404, "unknown_voucher",
                "no voucher " + id + " is known to the store"));
        ObjectNode node = JSON.createObjectNode();
        node.put("voucherId", found.voucherId());
        node.put("status", found.status());
        if (!full) { // a customer: the outcome and its sentence, nothing of the store, till or order
            found.result().ifPresentOrElse(r -> {
                node.put("reason", r.failure() == null ? null : r.failure().name());
                node.put("message", r.detail());
                node.put("at", r.at().toString());
            }, () -> node.put("message", "voucher " + id + " has not been redeemed"));
            answer(ctx, 200, node);
            return;
        }
        if (found.result().isPresent()) {
            RedemptionResult r = found.result().get();
            node.put("reason", r.failure() == null ? null : r.failure().name());
            node.put("messageKey", r.messageKey());
            node.put("message", r.detail());
            node.put("orderNumber", r.orderNumber());
            node.put("storeId", r.storeId());
            node.put("tillId", r.tillId());
            node.put("transactionId", r.transactionId());
            node.put("at", r.at().toString());
        } else {
            node.put("message", "voucher " + id + " has not been redeemed");
        }
        node.put("refusedAttempts", found.refusedAttempts());
        node.put("lastRefusedAt", found.lastRefusedAt() == null ? null : found.lastRefusedAt().toString());
        node.put("source", found.source());
        answer(ctx, 200, node);
    }
}
