package pos.core.pay;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of a payment as the store publishes it: to the till that asked, and to the
 * customer's side (R17, R22). Immutable.
 *
 * @param transactionId the till's transaction id
 * @param status        where the payment stands
 * @param amountMinor   the amount in minor units
 * @param currency      ISO 4217
 * @param method        how it was paid
 * @param reasonCode    the gateway's reason for a refusal, else null
 * @param updatedAt     when this status was learnt
 */
public record PaymentResult(String transactionId, PaymentStatus status, long amountMinor, String currency,
        PaymentMethod method, String reasonCode, Instant updatedAt) {
    public PaymentResult {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
