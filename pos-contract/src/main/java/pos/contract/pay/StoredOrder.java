package pos.contract.pay;

import java.time.Instant;
import java.util.Objects;
import pos.core.pay.PaymentMethod;

/**
 * A payment's order as kept in Redis ({@link PaymentKeys#order}): what the store hub needs to answer
 * a status query (R23) and to publish a result without the till. Immutable.
 *
 * @param transactionId the till's transaction id (out_trade_no)
 * @param tillId        the till that asked
 * @param method        QR shown by the till or the customer's pay-code
 * @param amountMinor   the amount in minor units
 * @param currency      ISO 4217
 * @param description   what the customer sees
 * @param createdAt     the first attempt
 * @param codeUrl       the gateway's payment link for a QR payment once known, else null
 */
public record StoredOrder(String transactionId, String tillId, PaymentMethod method, long amountMinor, String currency,
        String description, Instant createdAt, String codeUrl) {

    public StoredOrder {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
