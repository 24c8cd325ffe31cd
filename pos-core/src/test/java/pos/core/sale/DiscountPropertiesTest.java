package pos.core.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;

/**
 * Issue 12, "Done when": property tests over thousands of random carts with discounts: line totals,
 * tax per rate and the sale total always add up, nothing rounds twice. Each cart is built through
 * the {@link Sale} API (pieces, weighed lines, several tax rates, line and sale discounts, price
 * overrides), paid in cash with a random cash rounding, and recorded with {@link SaleRecord#of}; the
 * checks recompute every amount independently in exact arithmetic.
 */
class DiscountPropertiesTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");
    /** Two classes share 1300 so that tax per rate and tax per class differ in grouping. */
    static final List<TaxClass> CLASSES = List.of(new TaxClass("ZERO", 0), new TaxClass("SUPER", 600),
            new TaxClass("RED", 900), new TaxClass("MID", 1300), new TaxClass("MID2", 1300),
            new TaxClass("STD", 2000), new TaxClass("HIGH", 2100));

    final TransactionId.Generator ids = new TransactionId.Generator(Clock.fixed(T0, ZoneOffset.UTC));

    /** One line as drawn: what to add and what to do to it. */
    record LineSpec(boolean weighed, long price, int quantity, int grams, int taxClass,
            Discount discount, Long overridePrice) {
    }

    record CartSpec(List<LineSpec> lines, Discount saleDiscount, int roundingStep) {
    }

    @Provide
    Arbitrary<CartSpec> carts() {
        Arbitrary<Discount> discounts = Arbitraries.oneOf(
                Arbitraries.longs().between(1, 10_000).map(bp -> Discount.percent(bp, "loyalty")),
                Arbitraries.of(500L, 1000L, 1500L, 2500L, 3333L, 5000L, 10_000L).map(bp -> Discount.percent(bp, "staff")),
                Arbitraries.longs().between(1, 200_000).map(m -> Discount.amountMinor(m, "damaged")));
        Arbitrary<LineSpec> lines = Combinators.combine(
                Arbitraries.of(false, false, true),
                Arbitraries.longs().between(0, 20_000),
                Arbitraries.integers().between(1, 25),
                Arbitraries.integers().between(1, 5_000),
                Arbitraries.integers().between(0, CLASSES.size() - 1),
                discounts.injectNull(0.6),
                Arbitraries.longs().between(0, 30_000).injectNull(0.8))
                .as(LineSpec::new);
        return Combinators.combine(lines.list().ofMinSize(1).ofMaxSize(15), discounts.injectNull(0.4),
                Arbitraries.of(0, 5, 10)).as(CartSpec::new);
    }

    Sale build(CartSpec spec) {
        Sale sale = new Sale(ids.next(), EUR, T0);
        int code = 1000;
        for (LineSpec l : spec.lines()) {
            TaxClass tax = CLASSES.get(l.taxClass());
            Product p = new Product(String.valueOf(code++), null, "item", Money.ofMinor(l.price(), EUR), tax,
                    l.weighed() ? SaleUnit.KILOGRAM : SaleUnit.PIECE, null, "misc");
            SaleLine line = l.weighed() ? sale.addWeighed(p, l.grams()) : sale.addPieces(p, l.quantity());
            if (l.overridePrice() != null) {
                sale.overridePrice(line.lineNo(), Money.ofMinor(l.overridePrice(), EUR), "price match");
            }
            if (l.discount() != null) {
                sale.discountLine(line.lineNo(), l.discount());
            }
        }
        if (spec.saleDiscount() != null) {
            sale.discountSale(spec.saleDiscount());
        }
        return sale;
    }

    /** round(n / d) half-up, exactly, for n ≥ 0, d > 0. */
    static long halfUp(BigInteger n, BigInteger d) {
        return new BigDecimal(n).divide(new BigDecimal(d), 0, RoundingMode.HALF_UP).longValueExact();
    }

    @Property(tries = 3000)
    @Label("issue 12 point 4: line totals, tax per rate and the sale total add up; each rate's tax is the formula on its discounted gross")
    void totalsAddUp(@ForAll("carts") CartSpec spec) {
        Sale sale = build(spec);
        Totals totals = sale.totals();
        List<PricedLine> priced = totals.lines();
        assertThat(priced).hasSize(sale.lines().size());

        long total = 0;
        long discount = 0;
        long shares = 0;
        long afterOwnSum = 0;
        Map<Integer, Long> grossByRate = new TreeMap<>();
        Map<Integer, Long> lineTaxByRate = new TreeMap<>();
        for (PricedLine p : priced) {
            SaleLine l = p.line();
            // the line's gross: the price of the quantity or the weight, rounded once (weight: half-up)
            long expectedGross = l.weighed()
                    ? halfUp(BigInteger.valueOf(l.unitPrice().minorUnits()).multiply(BigInteger.valueOf(l.grams())), BigInteger.valueOf(1000))
                    : l.unitPrice().minorUnits() * l.quantity();
            assertThat(p.gross().minorUnits()).isEqualTo(expectedGross);
            // its own discount: rounded once from the exact percentage, or the amount capped at the gross
            Discount own = sale.lineDiscount(l.lineNo()).orElse(null);
            long expectedOwn = own == null ? 0 : own.isPercent()
                    ? halfUp(BigInteger.valueOf(expectedGross).multiply(BigInteger.valueOf(own.value())), BigInteger.valueOf(10_000))
                    : Math.min(own.value(), expectedGross);
            assertThat(p.lineDiscount().minorUnits()).isEqualTo(expectedOwn);
            // never negative, never more tax than the line costs
            assertThat(p.net().minorUnits()).isNotNegative();
            assertThat(p.saleShare().minorUnits()).isNotNegative();
            assertThat(p.tax().minorUnits()).isBetween(0L, p.net().minorUnits());
            assertThat(p.net().minorUnits()).isEqualTo(expectedGross - expectedOwn - p.saleShare().minorUnits());
            total += p.net().minorUnits();
            discount += p.discount().minorUnits();
            shares += p.saleShare().minorUnits();
            afterOwnSum += expectedGross - expectedOwn;
            grossByRate.merge(p.rateBasisPoints(), p.net().minorUnits(), Long::sum);
            lineTaxByRate.merge(p.rateBasisPoints(), p.tax().minorUnits(), Long::sum);
        }
        assertThat(totals.total().minorUnits()).as("the lines add up to the total").isEqualTo(total);
        assertThat(totals.discountTotal().minorUnits()).isEqualTo(discount);
        // the sale discount: worked out once on the sum after the lines' own discounts, shares add up to it
        Discount saleDiscount = sale.saleDiscount().orElse(null);
        long expectedSaleOff = saleDiscount == null || afterOwnSum == 0 ? 0 : saleDiscount.isPercent()
                ? halfUp(BigInteger.valueOf(afterOwnSum).multiply(BigInteger.valueOf(saleDiscount.value())), BigInteger.valueOf(10_000))
                : Math.min(saleDiscount.value(), afterOwnSum);
        assertThat(shares).as("the sale discount's shares add up to it").isEqualTo(expectedSaleOff);
        assertThat(totals.saleDiscount().minorUnits()).isEqualTo(expectedSaleOff);
        // each share is its exact proportion rounded once: within one minor unit of it
        for (PricedLine p : priced) {
            long afterOwn = p.gross().minorUnits() - p.lineDiscount().minorUnits();
            if (afterOwnSum > 0) {
                BigDecimal exact = new BigDecimal(BigInteger.valueOf(expectedSaleOff).multiply(BigInteger.valueOf(afterOwn)))
                        .divide(BigDecimal.valueOf(afterOwnSum), 10, RoundingMode.HALF_EVEN);
                assertThat(BigDecimal.valueOf(p.saleShare().minorUnits()).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
            }
        }
        // tax per rate: the formula, once, on the rate's discounted gross; the lines' tax adds up to it
        assertThat(totals.taxByRate().keySet()).isEqualTo(grossByRate.keySet());
        long taxSum = 0;
        for (Map.Entry<Integer, Long> e : grossByRate.entrySet()) {
            int rate = e.getKey();
            long expected = halfUp(BigInteger.valueOf(e.getValue()).multiply(BigInteger.valueOf(rate)),
                    BigInteger.valueOf(10_000L + rate));
            assertThat(totals.taxByRate().get(rate).minorUnits()).as("tax at rate %d", rate).isEqualTo(expected);
            assertThat(lineTaxByRate.get(rate)).as("lines' tax at rate %d", rate).isEqualTo(expected);
            for (PricedLine p : priced) {
                if (p.rateBasisPoints() == rate && e.getValue() > 0) {
                    BigDecimal exact = new BigDecimal(BigInteger.valueOf(expected).multiply(BigInteger.valueOf(p.net().minorUnits())))
                            .divide(BigDecimal.valueOf(e.getValue()), 10, RoundingMode.HALF_EVEN);
                    assertThat(BigDecimal.valueOf(p.tax().minorUnits()).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
                }
            }
            taxSum += expected;
        }
        assertThat(totals.taxTotal().minorUnits()).as("tax per class adds up to tax per rate").isEqualTo(taxSum);
    }

    @Property(tries = 2000)
    @Label("issue 12 point 4: the journaled record adds up, with cash rounding to the store's step, half-up, applied once")
    void recordAddsUpWithCashRounding(@ForAll("carts") CartSpec spec) {
        Sale sale = build(spec);
        Totals totals = sale.totals();
        sale.beginTender();
        CashRounding rounding = new CashRounding(spec.roundingStep());
        long exact = totals.total().minorUnits();
        if (exact == 0) {
            sale.payCash(Money.zero(EUR), rounding, T0.plusSeconds(60));
        } else {
            sale.payCash(Money.ofMinor(exact + 100, EUR), rounding, T0.plusSeconds(60));
        }
        SaleRecord record = SaleRecord.of(sale, "till-1");

        assertThat(record.totalMinor()).isEqualTo(exact);
        assertThat(record.lines().stream().mapToLong(SaleRecord.Line::lineTotalMinor).sum()).isEqualTo(record.totalMinor());
        assertThat(record.lines().stream().mapToLong(SaleRecord.Line::taxMinor).sum()).isEqualTo(record.taxMinor());
        Map<Integer, Long> taxByRate = new HashMap<>();
        for (SaleRecord.Line l : record.lines()) {
            long gross = l.grams() > 0
                    ? halfUp(BigInteger.valueOf(l.unitPriceMinor()).multiply(BigInteger.valueOf(l.grams())), BigInteger.valueOf(1000))
                    : l.unitPriceMinor() * l.quantity();
            assertThat(l.lineTotalMinor()).isEqualTo(gross - l.discountMinor()).isNotNegative();
            taxByRate.merge(l.taxRateBasisPoints(), l.taxMinor(), Long::sum);
        }
        taxByRate.forEach((rate, tax) -> assertThat(totals.taxByRate().get(rate).minorUnits()).isEqualTo(tax));
        assertThat(record.saleDiscountMinor()).isEqualTo(totals.saleDiscount().minorUnits());

        // cash rounding: the customer paid the exact total rounded half-up to the step, once
        long paid = record.tenders().stream().mapToLong(SaleRecord.Payment::amountMinor).sum();
        assertThat(record.paidMinor()).isEqualTo(paid);
        int step = spec.roundingStep();
        if (step > 1 && exact > 0) {
            long expected = halfUp(BigInteger.valueOf(exact), BigInteger.valueOf(step)) * step;
            if (expected == 0) {
                expected = exact; // an amount that would round to nothing is not rounded
            }
            assertThat(paid).isEqualTo(expected);
            assertThat(Math.abs(record.roundingMinor())).isLessThanOrEqualTo(step / 2);
        } else {
            assertThat(record.roundingMinor()).isZero();
        }
        assertThat(sale.due().minorUnits()).isZero();
    }

    @Property(tries = 1000)
    @Label("issue 12 point 4: a discount can be removed: removing every discount gives back the undiscounted totals")
    void removingDiscountsRestoresTotals(@ForAll("carts") CartSpec spec) {
        Sale sale = build(spec);
        List<Integer> lineNos = new ArrayList<>();
        sale.lines().forEach(l -> lineNos.add(l.lineNo()));
        lineNos.forEach(sale::removeLineDiscount);
        sale.removeSaleDiscount();
        Totals plain = Totals.of(sale.lines(), EUR);
        assertThat(sale.totals().total()).isEqualTo(plain.total());
        assertThat(sale.totals().discountTotal().isZero()).isTrue();
        assertThat(sale.totals().taxByRate()).isEqualTo(plain.taxByRate());
    }
}
