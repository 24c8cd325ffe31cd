package pos.core.pay;

import java.time.Instant;
import java.util.Objects;
import pos.core.money.Money;
import pos.core.sale.TransactionId;

/**
 * A request to take money for one sale: one payment attempt. Its transaction id is made on the
 * till when the attempt starts (a new attempt after a closed or failed one gets a new id, since a
 * gateway never reopens a closed out_trade_no); it is the gateway's out_trade_no and the key in
 * Redis and MariaDB, and stays the same on every retry of this attempt. The finished sale names
 * the attempt that paid in its tender's reference. Immutable.
 *
 * @param transactionId the attempt's idempotency key everywhere
 * @param tillId        the till asking
 * @param method        QR shown by the till, or the customer's pay-code
 * @param amount        what to take; positive
 * @param description   what the customer sees on the phone, e.g. "Store 12 · 3 items"
 * @param createdAt     the first attempt (the pending queue's score, R7, R11)
 */
public record PaymentOrder(TransactionId transactionId, String tillId, PaymentMethod method, Money amount,
        String description, Instant createdAt) {

    public PaymentOrder {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment must be for a positive amount: " + amount);
        }
    }

    /** The gateway's out_trade_no: the ULID's 26 characters fit every gateway's 6–32 limit. */
    public String outTradeNo() {
        return transactionId.value();
    }
}
