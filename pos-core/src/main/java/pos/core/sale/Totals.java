package pos.core.sale;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pos.core.money.Money;

/**
 * The totals of a list of lines, with their discounts. Immutable.
 *
 * <p>How it is worked out, each amount rounded once:
 * <ol>
 * <li>Each line's gross is {@code quantity × unitPrice} (weighed lines: the price of the weight,
 *     rounded half-up once, see {@link SaleLine}).
 * <li>A line's own discount is taken off its gross ({@link Discount#off}: a percentage rounded
 *     half-up once, an amount never more than the gross).
 * <li>The sale discount is worked out on the sum of the lines after their own discounts, then
 *     spread over the lines in proportion to those amounts by largest remainder, so the shares add
 *     up exactly to it and no line goes below zero.
 * <li>Prices include tax. The tax of each rate is computed once on the rate's discounted gross sum:
 *     {@code gross × rate / (10000 + rate)}, rounded half-up to the minor unit
 *     ({@link #TAX_ROUNDING}). It is then allocated to the lines of that rate by largest remainder
 *     in proportion to their discounted amounts, so the lines' tax adds up exactly to the rate's
 *     tax. Tax per class is the sum of its lines' tax.
 * </ol>
 *
 * @param total        the amount to pay, after discounts (before any cash rounding)
 * @param itemCount    pieces plus one per weighed line
 * @param taxByClass   the tax included in {@code total}, per tax class code
 * @param taxByRate    the tax included in {@code total}, per rate in basis points, ascending
 * @param discountTotal everything taken off: line discounts plus the sale discount
 * @param saleDiscount the sale discount (the sum of the lines' shares of it)
 * @param lines        the lines with their prices worked out, in cart order
 */
public record Totals(Money total, int itemCount, Map<String, Money> taxByClass, Map<Integer, Money> taxByRate,
        Money discountTotal, Money saleDiscount, List<PricedLine> lines) {

    public static final RoundingMode TAX_ROUNDING = RoundingMode.HALF_UP;

    public Totals {
        taxByClass = Collections.unmodifiableMap(new LinkedHashMap<>(taxByClass));
        taxByRate = Collections.unmodifiableMap(new TreeMap<>(taxByRate));
        lines = List.copyOf(lines);
    }

    /** Totals without discounts or a per-line breakdown (as before discounts existed). */
    public Totals(Money total, int itemCount, Map<String, Money> taxByClass) {
        this(total, itemCount, taxByClass, Map.of(), Money.zero(total.currency()), Money.zero(total.currency()), List.of());
    }

    /** The totals of lines without discounts. */
    public static Totals of(List<SaleLine> lines, Currency currency) {
        return of(lines, Map.of(), null, currency);
    }

    /**
     * The totals of lines with their discounts.
     *
     * @param lineDiscounts each line's own discount by line number; lines without one are absent
     * @param saleDiscount  the discount on the whole sale, or null
     */
    public static Totals of(List<SaleLine> lines, Map<Integer, Discount> lineDiscounts, Discount saleDiscount,
            Currency currency) {
        int n = lines.size();
        Money zero = Money.zero(currency);
        Money[] gross = new Money[n];
        Money[] own = new Money[n];
        long[] afterOwn = new long[n];
        long afterOwnSum = 0;
        int items = 0;
        for (int i = 0; i < n; i++) {
            SaleLine line = lines.get(i);
            gross[i] = line.lineTotal();
            Discount d = lineDiscounts.get(line.lineNo());
            own[i] = d == null ? zero : d.off(gross[i]);
            afterOwn[i] = Math.max(0, gross[i].minus(own[i]).minorUnits());
            afterOwnSum = Math.addExact(afterOwnSum, afterOwn[i]);
            items += line.weighed() ? 1 : line.quantity();
        }
        long saleOff = saleDiscount == null ? 0 : saleDiscount.off(Money.ofMinor(afterOwnSum, currency)).minorUnits();
        long[] shares = Shares.split(saleOff, afterOwn);
        long[] net = new long[n];
        Map<Integer, Long> grossByRate = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            net[i] = afterOwn[i] - shares[i];
            grossByRate.merge(lines.get(i).product().taxClass().rateBasisPoints(), net[i], Long::sum);
        }
        long[] tax = new long[n];
        Map<Integer, Money> taxByRate = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : grossByRate.entrySet()) {
            int rate = e.getKey();
            Money rateTax = taxOf(Money.ofMinor(e.getValue(), currency), rate);
            taxByRate.put(rate, rateTax);
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (lines.get(i).product().taxClass().rateBasisPoints() == rate) {
                    idx.add(i);
                }
            }
            long[] weights = idx.stream().mapToLong(i -> net[i]).toArray();
            long[] split = Shares.split(rateTax.minorUnits(), weights);
            for (int k = 0; k < idx.size(); k++) {
                tax[idx.get(k)] = split[k];
            }
        }
        Money total = zero;
        Money discount = zero;
        Map<String, Money> taxByClass = new LinkedHashMap<>();
        List<PricedLine> priced = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SaleLine line = lines.get(i);
            PricedLine p = new PricedLine(line, gross[i], own[i], Money.ofMinor(shares[i], currency),
                    Money.ofMinor(net[i], currency), line.product().taxClass().rateBasisPoints(),
                    Money.ofMinor(tax[i], currency));
            priced.add(p);
            total = total.plus(p.net());
            discount = discount.plus(p.discount());
            taxByClass.merge(line.product().taxClass().code(), p.tax(), Money::plus);
        }
        return new Totals(total, items, taxByClass, taxByRate, discount, Money.ofMinor(saleOff, currency), priced);
    }

    /**
     * The tax included in a tax-inclusive {@code gross} at {@code rateBasisPoints}:
     * {@code gross × rate / (10000 + rate)}, rounded half-up once.
     */
    public static Money taxOf(Money gross, int rateBasisPoints) {
        return gross.times(rateBasisPoints, 10_000L + rateBasisPoints, TAX_ROUNDING);
    }

    public Money taxTotal() {
        Money sum = Money.zero(total.currency());
        for (Money m : taxByClass.values()) {
            sum = sum.plus(m);
        }
        return sum;
    }
}
