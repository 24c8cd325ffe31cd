package pos.hub;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.core.pay.ResultBoard;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.pay.ResultUpdate;
import pos.contract.pay.StoredOrder;

/**
 * Records what the hub learnt about a payment: a compare-and-set on the result board (never
 * backwards, duplicates harmless) and, once the board holds a final state, the payment leaves the
 * pending queue (R8). The one place where notifications, status queries and the reconciler write.
 * Every result it writes carries the hub's signature ({@link pos.contract.pay.ResultSignature}); a
 * result in Redis without this hub's signature (written by a till, or by anyone else who reached
 * Redis) is not taken as the payment's state: it is not answered to anyone as final
 * ({@link #trustedResult}) and the hub's own answer replaces it, whatever its status.
 * Thread-safe (stateless apart from its collaborators).
 */
final class PaymentSettler {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettler.class);

    private final RedisResultBoard board;
    private final RedisPendingPayments pending;
    private final Clock clock;
    private final HubMetrics metrics;
    private final HubResultKey resultKey;
    private final HeldPayments held;

    PaymentSettler(RedisResultBoard board, RedisPendingPayments pending, Clock clock, HubMetrics metrics,
            HubResultKey resultKey, HeldPayments held) {
        this.held = Objects.requireNonNull(held, "held");
        this.resultKey = Objects.requireNonNull(resultKey, "resultKey");
        this.board = Objects.requireNonNull(board, "board");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** What a payment is for, as far as the hub knows it. */
    record Facts(long amountMinor, String currency, PaymentMethod method) {
    }

    /**
     * The amount, currency and method of {@code transactionId} from its order hash, else from its
     * stored result; empty when Redis knows neither.
     */
    Optional<Facts> facts(String transactionId) {
        Optional<StoredOrder> order = pending.order(transactionId);
        if (order.isPresent()) {
            StoredOrder o = order.get();
            return Optional.of(new Facts(o.amountMinor(), o.currency(), o.method()));
        }
        return trustedResult(transactionId).map(r -> new Facts(r.amountMinor(), r.currency(), r.method()));
    }

    /** The board's result of {@code transactionId} when it carries this hub's signature; else empty. */
    Optional<PaymentResult> trustedResult(String transactionId) {
        Optional<ResultBoard.Entry> entry = board.read(transactionId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (resultKey.signed(entry.get().result(), entry.get().signature())) {
            return Optional.of(entry.get().result());
        }
        if (entry.get().result().status().isFinal()) {
            log.warn("Payment {}: Redis holds {} without the hub's signature (written by a till or by someone else);"
                    + " not taken as its state", transactionId, entry.get().result().status());
        }
        return Optional.empty();
    }

    /** What one claim about a payment did. */
    record ClaimOutcome(ResultUpdate update, String heldBecause) {
        boolean held() {
            return heldBecause != null;
        }
    }

    /**
     * Settles {@code claim} when its amount and currency equal the order's ({@code known}); else holds
     * it ({@link HeldPayments}) and leaves the result board as it is. With no order known the claim's
     * own amount is recorded (nothing to compare with; the till compares with its own order).
     *
     * @param source what said so, for the log and the metrics ("notification", "status query", "reconciler")
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached: nothing settled or held
     */
    ClaimOutcome settleOrHold(String transactionId, HeldPayments.Claim claim, String reasonCode,
            Optional<Facts> known, String source) {
        if (known.isPresent() && !HeldPayments.matches(claim, known.get())) {
            return new ClaimOutcome(null, held.hold(transactionId, claim, known.get()));
        }
        PaymentMethod method = known.map(Facts::method).orElse(PaymentMethod.QR_SHOWN);
        return new ClaimOutcome(settle(transactionId, claim.status(), reasonCode,
                new Facts(claim.amountMinor(), claim.currency(), method), source), null);
    }

    /**
     * Offers {@code status} for the payment and takes it out of the pending queue when the board
     * then holds a final state.
     *
     * @param source what said so, for the log ("notification", "status query", "reconciler")
     */
    ResultUpdate settle(String transactionId, PaymentStatus status, String reasonCode, Facts facts, String source) {
        PaymentResult offered = new PaymentResult(transactionId, status, facts.amountMinor(), facts.currency(),
                facts.method(), status == PaymentStatus.FAILED || status == PaymentStatus.CLOSED ? reasonCode : null,
                clock.instant());
        // A stored result this hub did not sign is no state to keep or to move forward from: replace it
        // (compared inside the script, so a result signed meanwhile by another hub stays).
        Optional<ResultBoard.Entry> current = board.read(transactionId);
        String unverified = current.isPresent() && !resultKey.signed(current.get().result(), current.get().signature())
                ? (current.get().signature() == null ? "" : current.get().signature()) : null;
        ResultUpdate update = board.update(offered, unverified);
        metrics.resultOffered(source, update.outcome());
        switch (update.outcome()) {
            case STORED -> log.info("Payment {} is {} ({})", transactionId, status, source);
            case DUPLICATE -> log.debug("Payment {} is {} already ({}; duplicate)", transactionId, status, source);
            case REFUSED -> log.info("Payment {} stays {}: {} from the {} would move it backwards", transactionId,
                    update.stored().status(), status, source);
        }
        if (update.stored().status().isFinal() && pending.remove(transactionId)) {
            log.info("Payment {} left the pending queue: {}", transactionId, update.stored().status());
        }
        return update;
    }
}
