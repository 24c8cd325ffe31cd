package pos.hub;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.pay.ResultUpdate;
import pos.contract.pay.StoredOrder;

/**
 * Records what the hub learnt about a payment: a compare-and-set on the result board (never
 * backwards, duplicates harmless) and, once the board holds a final state, the payment leaves the
 * pending queue (R8). The one place where notifications, status queries and the reconciler write.
 * Thread-safe (stateless apart from its collaborators).
 */
final class PaymentSettler {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettler.class);

    private final RedisResultBoard board;
    private final RedisPendingPayments pending;
    private final Clock clock;
    private final HubMetrics metrics;

    PaymentSettler(RedisResultBoard board, RedisPendingPayments pending, Clock clock, HubMetrics metrics) {
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
        return board.get(transactionId).map(r -> new Facts(r.amountMinor(), r.currency(), r.method()));
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
        ResultUpdate update = board.update(offered);
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
