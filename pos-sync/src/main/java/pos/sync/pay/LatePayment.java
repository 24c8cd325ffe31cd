package pos.sync.pay;

import java.time.Instant;
import java.util.Objects;
import pos.core.pay.PaymentOrder;

/**
 * Money that arrived after the till gave up on a payment, as the desk reports it to the app
 * ("late payment of 12.50 EUR for sale 01H…: refunded"). Immutable.
 *
 * @param order    the payment
 * @param outcome  what the desk did
 * @param refundNo the refund number when refunded (derived from the transaction id, so it refunds once), else null
 * @param at       when the desk learnt it or acted
 */
public record LatePayment(PaymentOrder order, Outcome outcome, String refundNo, Instant at) {

    /** What became of the late money. */
    public enum Outcome {
        /** Found; a refund is under way (policy REFUND) and will be reported as {@link #REFUNDED}. */
        REFUNDING,
        /** Given back to the customer. */
        REFUNDED,
        /** Kept: policy REPORT; the clerk decides (complete the sale, or refund by hand). */
        REPORTED,
        /** Kept: the clerk asked again ("check again") and the sale is paid after all. */
        HONOURED
    }

    public LatePayment {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
