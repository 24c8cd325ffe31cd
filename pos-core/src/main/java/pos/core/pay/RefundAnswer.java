package pos.core.pay;

import java.util.Objects;

/**
 * The gateway's answer to a refund. Immutable.
 *
 * @param refundNo the store's refund number; the same number refunds once
 * @param refundId the gateway's id of the refund
 * @param done     true when the money went back
 */
public record RefundAnswer(String refundNo, String refundId, boolean done) {
    public RefundAnswer {
        Objects.requireNonNull(refundNo, "refundNo");
    }
}
