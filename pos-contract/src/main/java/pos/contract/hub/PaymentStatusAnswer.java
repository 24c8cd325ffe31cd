package pos.contract.hub;

import com.fasterxml.jackson.annotation.JsonProperty;
import pos.contract.json.Json;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;

/**
 * GET /payments/{tx} for a till (R22, R23): where a payment stands and what the hub knows of it. Immutable.
 *
 * @param finalStatus wire name {@code final}: the status will not change any more (the till reads only the status)
 * @param amountMinor the amount, or null when the hub does not know it
 * @param method      how it is paid, or null
 * @param reasonCode  the gateway's reason, or null
 * @param updatedAt   ISO-8601 instant of the last change, or null
 */
public record PaymentStatusAnswer(String transactionId, PaymentStatus status, @JsonProperty("final") Boolean finalStatus,
        Boolean paid, Long amountMinor, String currency, PaymentMethod method, String reasonCode, String updatedAt) {

    public PaymentStatusAnswer {
        Json.required(status, "status");
    }

    /** The answer for {@code result}. */
    public static PaymentStatusAnswer of(PaymentResult result) {
        return new PaymentStatusAnswer(result.transactionId(), result.status(), result.status().isFinal(),
                result.status().isPaid(), result.amountMinor(), result.currency(), result.method(), result.reasonCode(),
                result.updatedAt().toString());
    }
}
