package pos.core.sale;

import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pos.core.money.Money;

/**
 * The totals of a list of lines. Prices include tax; the tax part of each tax class is computed
 * once per class on the class's gross sum ({@code gross × rate / (1 + rate)}, rounded half-up), so
 * it does not drift with the number of lines. Immutable.
 *
 * @param total    the amount to pay
 * @param itemCount pieces plus one per weighed line
 * @param taxByClass the tax included in {@code total}, per tax class code
 */
public record Totals(Money total, int itemCount, Map<String, Money> taxByClass) {

    public static final RoundingMode TAX_ROUNDING = RoundingMode.HALF_UP;

    public Totals {
        taxByClass = Collections.unmodifiableMap(new LinkedHashMap<>(taxByClass));
    }

    public static Totals of(List<SaleLine> lines, java.util.Currency currency) {
        Money total = Money.zero(currency);
        int items = 0;
        Map<String, Money> grossByClass = new LinkedHashMap<>();
        Map<String, Integer> rateByClass = new LinkedHashMap<>();
        for (SaleLine line : lines) {
            Money lineTotal = line.lineTotal();
            total = total.plus(lineTotal);
            items += line.weighed() ? 1 : line.quantity();
            String cls = line.product().taxClass().code();
            grossByClass.merge(cls, lineTotal, Money::plus);
            rateByClass.put(cls, line.product().taxClass().rateBasisPoints());
        }
        Map<String, Money> tax = new LinkedHashMap<>();
        grossByClass.forEach((cls, gross) -> {
            int rate = rateByClass.get(cls);
            tax.put(cls, gross.times(rate, 10_000L + rate, TAX_ROUNDING));
        });
        return new Totals(total, items, tax);
    }

    public Money taxTotal() {
        Money sum = Money.zero(total.currency());
        for (Money m : taxByClass.values()) {
            sum = sum.plus(m);
        }
        return sum;
    }
}
