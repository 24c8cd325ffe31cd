package pos.core.sale;

import java.util.Objects;
import pos.core.money.Money;

/**
 * A payment applied to a sale. Immutable.
 *
 * @param type     how it was paid
 * @param amount   the amount applied to the sale (never more than was due)
 * @param tendered what the customer handed over (cash); equals {@code amount} for other types
 * @param change   what goes back to the customer
 */
public record Tender(TenderType type, Money amount, Money tendered, Money change) {
    public Tender {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(tendered, "tendered");
        Objects.requireNonNull(change, "change");
    }
}
