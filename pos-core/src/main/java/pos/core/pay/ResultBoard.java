package pos.core.pay;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where payment results are kept for the till and the customer's side (R2, R17, R22): a value per
 * transaction with a time to live, and a change signal. The signal is a hint to read again, never
 * the state itself. Implementations are thread-safe.
 */
public interface ResultBoard {

    /** The latest result, if any. */
    Optional<PaymentResult> get(String transactionId);

    /**
     * Stores {@code result} if the stored status may move to it ({@link PaymentStatus#canMoveTo});
     * a stale or backward update is ignored.
     *
     * @return the result now stored (the new one, or the one that stayed)
     */
    PaymentResult publish(PaymentResult result);

    /** Calls {@code listener} on a background thread when the transaction's result may have changed. */
    AutoCloseable watch(String transactionId, Consumer<String> listener);
}
