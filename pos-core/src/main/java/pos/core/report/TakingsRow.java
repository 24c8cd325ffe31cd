package pos.core.report;

import java.util.Objects;

/**
 * One row of a takings breakdown (a tender, a clerk, an hour of the day): the paid sales and the returns that fall in
 * it, and the takings, sales minus returns. Immutable.
 *
 * @param key     what the row is for, stable for exports: the tender type, the clerk's id ("" without sign-in), the
 *                hour "00" to "23"
 * @param label   the same for people: the tender type, the clerk's name, "09:00"
 * @param sales   paid sales in the row (a sale split over two tenders counts once in each) and what they took
 * @param returns returns in the row and the money given back
 */
public record TakingsRow(String key, String label, Figure sales, Figure returns) {

    public TakingsRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sales, "sales");
        Objects.requireNonNull(returns, "returns");
    }

    /** The takings of the row: what the sales took minus what the returns gave back. */
    public long takingsMinor() {
        return sales.amountMinor() - returns.amountMinor();
    }

    TakingsRow withSale(long amountMinor) {
        return new TakingsRow(key, label, sales.plus(amountMinor), returns);
    }

    TakingsRow withReturn(long amountMinor) {
        return new TakingsRow(key, label, sales, returns.plus(amountMinor));
    }

    TakingsRow named(String newLabel) {
        return new TakingsRow(key, newLabel, sales, returns);
    }
}
