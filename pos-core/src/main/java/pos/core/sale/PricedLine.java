package pos.core.sale;

import java.util.Objects;
import pos.core.money.Money;

/**
 * One sale line with its price worked out: what it costs before and after its discounts and the
 * tax included in what it costs. Made by {@link Totals}; immutable.
 *
 * @param line          the cart line (its unit price is the one sold at, after any override)
 * @param gross         {@code quantity × unitPrice} (or the weighed price) before discounts
 * @param lineDiscount  the line's own discount, at most {@code gross}
 * @param saleShare     its share of the sale discount (largest remainder over the lines' totals
 *                      after their own discounts)
 * @param net           what the line costs: {@code gross − lineDiscount − saleShare}, never negative
 * @param rateBasisPoints the line's tax rate
 * @param tax           the tax included in {@code net}: its share of its rate's tax
 */
public record PricedLine(SaleLine line, Money gross, Money lineDiscount, Money saleShare, Money net,
        int rateBasisPoints, Money tax) {

    public PricedLine {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(gross, "gross");
        Objects.requireNonNull(lineDiscount, "lineDiscount");
        Objects.requireNonNull(saleShare, "saleShare");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(tax, "tax");
    }

    /** Everything taken off the line: its own discount plus its share of the sale discount. */
    public Money discount() {
        return lineDiscount.plus(saleShare);
    }
}
