package pos.core.sale;

import java.util.Objects;
import pos.core.money.Money;

/**
 * A payment applied to a sale. Immutable.
 *
 * @param type     how it was paid
 * @param amount   the amount applied to the sale (never more than was due)
 * @param tendered what the customer handed over (cash); equals {@code amount} for other types
 * @param change    what goes back to the customer
 * @param reference the payment's own transaction id for gateway tenders (the out_trade_no of the
 *                  attempt that paid), null for cash
 */
public record Tender(TenderType type, Money amount, Money tendered, Money change, String reference) {
    public Tender {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(tendered, "tendered");
        Objects.requireNonNull(change, "change");
    }

    /** A tender without a reference (cash). */
    public Tender(TenderType type, Money amount, Money tendered, Money change) {
        this(type, amount, tendered, change, null);
    }
}
