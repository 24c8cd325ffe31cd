package pos.contract.hub;

import com.fasterxml.jackson.annotation.JsonProperty;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;

/**
 * GET /payments/{tx} for a customer's side (R3, R17): where the payment stands, nothing of the till
 * or the order. Immutable.
 *
 * @param finalStatus wire name {@code final}: the status will not change any more
 */
public record CustomerPaymentAnswer(String transactionId, PaymentStatus status, @JsonProperty("final") boolean finalStatus,
        boolean paid) {

    /** The answer for {@code result}. */
    public static CustomerPaymentAnswer of(PaymentResult result) {
        return new CustomerPaymentAnswer(result.transactionId(), result.status(), result.status().isFinal(),
                result.status().isPaid());
    }
}
