package pos.core.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;

/** Issue 12 point 4: discounts, price overrides, tax on discounted tax-inclusive prices, cash rounding. */
class SaleDiscountTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final TaxClass RED = new TaxClass("RED", 700);
    static final Product WINE = new Product("1002", null, "Wine", Money.ofMinor(1000, EUR), STD, SaleUnit.PIECE, null, "misc");
    static final Product BREAD = new Product("1003", null, "Bread", Money.ofMinor(300, EUR), RED, SaleUnit.PIECE, null, "misc");
    static final Product APPLES = new Product("2001", null, "Apples", Money.ofMinor(299, EUR), RED, SaleUnit.KILOGRAM, "00042", "fruit");

    final TransactionId.Generator ids = new TransactionId.Generator(Clock.fixed(T0, ZoneOffset.UTC));

    static Money eur(long minor) {
        return Money.ofMinor(minor, EUR);
    }

    @Test
    @DisplayName("a 10 % line discount comes off the line; tax is recomputed on the discounted tax-inclusive price")
    void lineDiscountPercent() {
        Sale sale = new Sale(ids.next(), EUR, T0);
        SaleLine wine = sale.addPieces(WINE, 2); // 20.00 at 20 %
        sale.discountLine(wine.lineNo(), Discount.percent(1000, "loyalty"));
        Totals totals = sale.totals();
        assertThat(totals.total()).isEqualTo(eur(1800));
        assertThat(totals.discountTotal()).isEqualTo(eur(200));
        // 18.00 × 2000 / 12000 = 3.00
        assertThat(totals.taxByRate()).containsEntry(2000, eur(300));
        assertThat(totals.taxByClass()).containsEntry("STD", eur(300));
    }

    @Test
    @DisplayName("a sale discount is spread over the lines by largest remainder; the shares add up exactly")
    void saleDiscountSpread() {
        Sale sale = new Sale(ids.next(), EUR, T0);
        sale.addPieces(WINE, 1);  // 10.00
        sale.addPieces(BREAD, 1); // 3.00
        sale.addPieces(BREAD, 1); // joins: 6.00
        sale.addPieces(WINE, 1);  // new line: 10.00 (the last line was bread)
        sale.discountSale(Discount.amountMinor(100, "price match")); // 1.00 over 10, 6, 10 = 26
        Totals totals = sale.totals();
        // exact 0.3846…, 0.2307…, 0.3846… → floors 38, 23, 38 = 99; the one left goes to the first largest remainder
        assertThat(totals.lines()).extracting(p -> p.saleShare().minorUnits()).containsExactly(39L, 23L, 38L);
        assertThat(totals.total()).isEqualTo(eur(2500));
        assertThat(totals.saleDiscount()).isEqualTo(eur(100));
    }

    @Test
    @DisplayName("discounts never make a line negative: an amount larger than the line takes the line to zero")
    void neverNegative() {
        Sale sale = new Sale(ids.next(), EUR, T0);
        SaleLine bread = sale.addPieces(BREAD, 1);
        sale.discountLine(bread.lineNo(), Discount.amountMinor(5000, "damaged"));
        sale.discountSale(Discount.amountMinor(5000, "staff"));
        Totals totals = sale.totals();
        assertThat(totals.total().isZero()).isTrue();
        assertThat(totals.lines().get(0).lineDiscount()).isEqualTo(eur(300));
        assertThat(totals.saleDiscount().isZero()).isTrue();
    }

    @Test
    @DisplayName("a discount can be removed")
    void removable() {
        Sale sale = new Sale(ids.next(), EUR, T0);
        SaleLine wine = sale.addPieces(WINE, 1);
        sale.discountLine(wine.lineNo(), Discount.percent(5000, "staff"));
        sale.discountSale(Discount.percent(1000, "loyalty"));
        assertThat(sale.removeLineDiscount(wine.lineNo())).isPresent();
        assertThat(sale.removeSaleDiscount()).isPresent();
        assertThat(sale.total()).isEqualTo(eur(1000));
        assertThat(sale.totals().discountTotal().isZero()).isTrue();
    }

    @Test
    @DisplayName("a price override keeps the list price and its reason; the record carries both")
    void priceOverride() {
        Sale sale = new Sale(ids.next(), EUR, T0);
        SaleLine wine = sale.addPieces(WINE, 3);
        sale.overridePrice(wine.lineNo(), eur(800), "price match");
        assertThat(sale.listPrice(wine.lineNo())).isEqualTo(eur(1000));
        assertThat(sale.total()).isEqualTo(eur(2400));
        assertThatThrownBy(() -> sale.overridePrice(wine.lineNo(), eur(-1), "x"))
                .isInstanceOf(SaleException.class);
        sale.beginTender();
        sale.payCash(eur(2400), T0);
        SaleRecord.Line line = SaleRecord.of(sale, "till-1").lines().get(0);
        assertThat(line.listPriceMinor()).isEqualTo(1000);
        assertThat(line.unitPriceMinor()).isEqualTo(800);
        assertThat(line.discountReason()).isEqualTo("price match");
        assertThat(line.taxMinor()).isEqualTo(400); // 24.00 × 20/120
    }

    @Test
    @DisplayName("the record carries line discount, sale-discount share, tax per line and rate, and the sale discount")
    void recordCarriesDiscounts() {
        Sale sale = new Sale(ids.next(), EUR, T0);
        SaleLine wine = sale.addPieces(WINE, 1);
        sale.addWeighed(APPLES, 1500); // 4.485 → 4.49
        sale.discountLine(wine.lineNo(), Discount.percent(1000, "loyalty"));
        sale.discountSale(Discount.amountMinor(200, "staff"));
        sale.beginTender();
        sale.payCash(eur(2000), T0);
        SaleRecord r = SaleRecord.of(sale, "till-1");
        assertThat(r.totalMinor()).isEqualTo(900 + 449 - 200);
        assertThat(r.saleDiscountMinor()).isEqualTo(200);
        assertThat(r.saleDiscountReason()).isEqualTo("staff");
        // 2.00 over 9.00 and 4.49: 133.43 → 133 and 66.57 → 66, the unit left goes to the larger remainder
        assertThat(r.lines()).extracting(SaleRecord.Line::discountMinor).containsExactly(100L + 133, 67L);
        assertThat(r.lines().get(0).discountReason()).isEqualTo("loyalty");
        assertThat(r.lines()).extracting(SaleRecord.Line::taxRateBasisPoints).containsExactly(2000, 700);
        assertThat(r.lines().stream().mapToLong(SaleRecord.Line::discountMinor).sum()).isEqualTo(300);
        assertThat(r.lines().stream().mapToLong(SaleRecord.Line::taxMinor).sum()).isEqualTo(r.taxMinor());
    }

    @Test
    @DisplayName("cash rounding to 0.05, half-up, is recorded as the rounding amount; card payments are not rounded")
    void cashRounding() {
        CashRounding toFive = new CashRounding(5);
        assertThat(toFive.round(eur(1002))).isEqualTo(eur(1000));
        assertThat(toFive.round(eur(1003))).isEqualTo(eur(1005));
        assertThat(new CashRounding(10).round(eur(1005))).isEqualTo(eur(1010));
        assertThat(CashRounding.OFF.round(eur(1003))).isEqualTo(eur(1003));
        assertThat(toFive.round(eur(2))).isEqualTo(eur(2)); // would round to nothing: not rounded

        Sale sale = new Sale(ids.next(), EUR, T0);
        sale.addPieces(new Product("9", null, "Gum", eur(1002), RED, SaleUnit.PIECE, null, "misc"), 1);
        sale.beginTender();
        Tender cash = sale.payCash(eur(2000), toFive, T0);
        assertThat(cash.amount()).isEqualTo(eur(1000));
        assertThat(cash.change()).isEqualTo(eur(1000));
        SaleRecord r = SaleRecord.of(sale, "till-1");
        assertThat(r.totalMinor()).isEqualTo(1002);
        assertThat(r.roundingMinor()).isEqualTo(-2);
        assertThat(r.paidMinor()).isEqualTo(1000);
    }

    @Test
    @DisplayName("after a card pays part, only the cash rest is rounded; the tenders add up to total plus rounding")
    void cashRoundingOfTheRestAfterACard() {
        Sale sale = new Sale(ids.next(), EUR, T0);
        sale.addPieces(new Product("9", null, "Gum", eur(2508), RED, SaleUnit.PIECE, null, "misc"), 1);
        sale.beginTender();
        sale.payPart(TenderType.CARD, eur(1000), "01CARD", T0);
        assertThat(sale.due()).isEqualTo(eur(1508));
        Tender cash = sale.payCash(eur(1510), new CashRounding(5), T0); // 15.08 → 15.10
        assertThat(cash.amount()).isEqualTo(eur(1510));
        assertThat(cash.change().isZero()).isTrue();
        assertThat(sale.due().isZero()).isTrue();
        SaleRecord r = SaleRecord.of(sale, "till-1");
        assertThat(r.roundingMinor()).isEqualTo(2);
        assertThat(r.tenders().stream().mapToLong(SaleRecord.Payment::amountMinor).sum()).isEqualTo(r.paidMinor());
    }

    @Test
    @DisplayName("a cashier's discount above 10 % or above 10.00 needs a supervisor (the defaults)")
    void limits() {
        DiscountLimits limits = DiscountLimits.DEFAULT;
        assertThat(limits.needsApproval(eur(100), eur(1000))).isFalse(); // exactly 10 %
        assertThat(limits.needsApproval(eur(101), eur(1000))).isTrue();  // above 10 %
        assertThat(limits.needsApproval(eur(1000), eur(20_000))).isFalse(); // 5 %, exactly 10.00
        assertThat(limits.needsApproval(eur(1001), eur(20_000))).isTrue();  // above 10.00
        assertThat(limits.needsApproval(eur(0), eur(0))).isFalse();
        // a percentage is judged as typed: 10 % of 26.97 is 2.70 after rounding, still within 10 %
        assertThat(limits.needsApproval(Discount.percent(1000, "loyalty"), eur(2697))).isFalse();
        assertThat(limits.needsApproval(Discount.percent(1001, "loyalty"), eur(2697))).isTrue();
        assertThat(limits.needsApproval(Discount.percent(1000, "loyalty"), eur(10_010))).isTrue(); // 10.01 > 10.00
        assertThatThrownBy(() -> new DiscountLimits(101, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
