package pos.sync.refund;

import java.time.Instant;
import java.util.Objects;

/**
 * One journaled step of a refund. Immutable.
 *
 * @param returnId the return
 * @param refundNo the refund number (the return id for {@link RefundStepKind#RETURN_STARTED})
 * @param kind     the step
 * @param refundId the gateway's refund id for a done gateway refund; null otherwise
 * @param detail   words for people: the gateway's code and message of a refusal, the amount; may be null
 * @param at       when it was journaled
 */
public record RefundStep(String returnId, String refundNo, RefundStepKind kind, String refundId, String detail, Instant at) {
    public RefundStep {
        Objects.requireNonNull(returnId, "returnId");
        Objects.requireNonNull(refundNo, "refundNo");
        Objects.requireNonNull(kind, "kind");
    }
}
