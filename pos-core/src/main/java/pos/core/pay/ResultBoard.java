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
     * The latest result with the signature stored beside it (the hub's, over the result's canonical
     * text), if any. A board that keeps no signatures answers the result with none.
     */
    default Optional<Entry> read(String transactionId) {
        return get(transactionId).map(result -> new Entry(result, null));
    }

    /**
     * Stores {@code result} if the stored status may move to it ({@link PaymentStatus#canMoveTo});
     * a stale or backward update is ignored.
     *
     * @return the result now stored (the new one, or the one that stayed)
     */
    PaymentResult publish(PaymentResult result);

    /** Calls {@code listener} on a background thread when the transaction's result may have changed. */
    AutoCloseable watch(String transactionId, Consumer<String> listener);

    /**
     * A result as read from the board, with the signature stored beside it. Immutable.
     *
     * @param result    the result
     * @param signature the signature stored with it, or null when none was
     */
    record Entry(PaymentResult result, String signature) {
        public Entry {
            java.util.Objects.requireNonNull(result, "result");
        }
    }
}
