package pos.hub;

import static pos.hub.HttpAnswers.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        String notRedeemed = "voucher " + id + " has not been redeemed";
        RedemptionResult r = found.result().orElse(null);
        if (!full) { // a customer: the outcome and its sentence, nothing of the store, till or order
            answer(ctx, 200, r == null ? new VoucherAnswer(found.voucherId(), found.status(), null, null, notRedeemed, null, null,
                    null, null, null, null, null, null)
                    : new VoucherAnswer(found.voucherId(), found.status(), reason(r), null, r.detail(), null, null, null, null,
                            r.at().toString(), null, null, null));
            return;
        }
        String lastRefusedAt = found.lastRefusedAt() == null ? null : found.lastRefusedAt().toString();
        answer(ctx, 200, r == null ? new VoucherAnswer(found.voucherId(), found.status(), null, null, notRedeemed, null, null,
                null, null, null, found.refusedAttempts(), lastRefusedAt, found.source())
                : new VoucherAnswer(found.voucherId(), found.status(), reason(r), r.messageKey(), r.detail(), r.orderNumber(),
                        r.storeId(), r.tillId(), r.transactionId(), r.at().toString(), found.refusedAttempts(), lastRefusedAt,
                        found.source()));
    }

    private static String reason(RedemptionResult r) {
        return r.failure() == null ? null : r.failure().name();
    }

    /**
     * GET /vouchers/{id}: what a customer may see (voucher, status, reason, message, at) or, for a
     * till or the owner, all the hub knows. Fields without a value are left out. Immutable.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VoucherAnswer(String voucherId, String status, String reason, String messageKey, String message,
            String orderNumber, String storeId, String tillId, String transactionId, String at, Long refusedAttempts,
            String lastRefusedAt, String source) {
    }
}
