package pos.sync.pay;

import java.util.Objects;
import pos.core.pay.PaymentOrder;
import pos.contract.pay.RedisPendingPayments;

/**
 * The store's pending queue of payments as the desk uses it (R7, R8): an entry before the gateway
 * is asked, removed when the payment is final. Implementations are thread-safe and fail fast with
 * an exception naming the server when it cannot be reached; both calls may be repeated safely.
 */
public interface PendingQueue {

    /** Adds (or refreshes) the payment's entry and order; {@code codeUrl} may be null until the gateway made the order. */
    void add(PaymentOrder order, String codeUrl);

    /** Takes the payment out of the queue (R8). */
    void remove(String transactionId);

    /** The queue in Redis ({@link RedisPendingPayments}: ZSET {@code pos:pay:pending} plus the order hash). */
    static PendingQueue of(RedisPendingPayments redis) {
        Objects.requireNonNull(redis, "redis");
        return new PendingQueue() {
            @Override
            public void add(PaymentOrder order, String codeUrl) {
                redis.add(order, codeUrl);
            }

            @Override
            public void remove(String transactionId) {
                redis.remove(transactionId);
            }
        };
    }
}
