package pos.contract.pay;

import java.time.Instant;
import java.util.Objects;

/**
 * One member of the pending queue (R7, R11). Immutable.
 *
 * @param transactionId the payment's transaction id
 * @param pendingSince  its first attempt (the member's score)
 */
public record PendingPayment(String transactionId, Instant pendingSince) {
    public PendingPayment {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(pendingSince, "pendingSince");
    }
}
