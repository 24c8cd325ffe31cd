package pos.hub;

import static pos.hub.HttpAnswers.answer;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.TransactionIds;
import pos.contract.hub.CreditVoucherAnswer;
import pos.contract.hub.CreditVoucherRequest;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;
import pos.core.money.Money;
import pos.core.refund.RefundNumbers;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.hub.http.HttpGuard;
import pos.hub.voucher.IssuedVoucher;
import pos.hub.voucher.VoucherIssuer;

/**
 * Issue 12 point 3, a return paid by voucher refunded as a new credit voucher (tills only:
 * {@link pos.hub.http.AccessPolicy}):
 * <pre>
 * POST /credit-vouchers/{refundNo}  {"amountMinor": 1250, "currency": "EUR"}: the credit voucher of that refund,
 *                                   issued once through {@link VoucherIssuer} (signed, MariaDB, Redis); 200 with
 *                                   the same voucher every time it is asked: {voucherId, code, amountMinor, currency,
 *                                   expiresAt}; 400 bad refund number or amount; 409 refund_conflict when that refund
 *                                   number was issued for another amount; 503 MariaDB or Redis unreachable
 * </pre>
 * Thread-safe.
 */
final class CreditVoucherRoutes {

    /** How long a credit voucher may be redeemed. */
    static final Duration VALID_FOR = Duration.ofDays(365);

    private static final Logger log = LoggerFactory.getLogger(CreditVoucherRoutes.class);

    private final VoucherIssuer issuer;
    private final Clock clock;

    CreditVoucherRoutes(VoucherIssuer issuer, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.post("/credit-vouchers/{refundNo}", this::issue);
    }

    private void issue(Context ctx) {
        String refundNo = ctx.pathParam("refundNo");
        if (!RefundNumbers.isValid(refundNo)) {
            throw new HttpProblem(400, "bad_refund_no", "'" + TransactionIds.printable(refundNo)
                    + "' is not a refund number (1-32 characters of 0-9 A-Z a-z _ -)");
        }
        CreditVoucherRequest request;
        Money amount;
        try {
            request = Json.read(Json.TOLERANT, ctx.body(), CreditVoucherRequest.class);
            if (request.currency() == null) {
                throw new IllegalArgumentException("no currency");
            }
            amount = Money.ofMinor(request.amountMinor(), Currency.getInstance(request.currency()));
        } catch (MalformedJsonException | IllegalArgumentException e) {
            throw new HttpProblem(400, "bad_credit_voucher", "the body must be {\"amountMinor\": n, \"currency\": \"EUR\"}: "
                    + e.getMessage());
        }
        if (request.amountMinor() <= 0) {
            throw new HttpProblem(400, "bad_credit_voucher", "a credit voucher is worth more than 0, not "
                    + request.amountMinor());
        }
        String till = HttpGuard.callerOf(ctx).tillId();
        Instant expiresAt = clock.instant().plus(VALID_FOR).truncatedTo(ChronoUnit.SECONDS);
        IssuedVoucher issued;
        try {
            issued = issuer.issueCredit(refundNo, amount, expiresAt, Voucher.ANY_STORE, till);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(409, "refund_conflict", e.getMessage());
        }
        log.info("Credit voucher {} of {} for till {}'s refund", issued.voucher().voucherId(), amount, till);
        VoucherBenefit.AmountOff off = (VoucherBenefit.AmountOff) issued.voucher().benefit();
        answer(ctx, 200, new CreditVoucherAnswer(issued.voucher().voucherId(), issued.code(),
                off.amount().minorUnits(), off.amount().currency().getCurrencyCode(), issued.voucher().expiresAt().toString()));
    }
}
