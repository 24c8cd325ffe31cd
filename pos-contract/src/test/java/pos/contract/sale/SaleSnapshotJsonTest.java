package pos.contract.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;
import pos.core.sale.CashRounding;
import pos.core.sale.Discount;
import pos.core.sale.Sale;
import pos.core.sale.SaleSnapshot;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;

@DisplayName("Issue 12.7 the JSON of a kept or parked sale")
class SaleSnapshotJsonTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123Z");

    @Test
    void aSnapshotReadsBackEqual() {
        SaleSnapshot snapshot = new SaleSnapshot("01JEXAMPLE0000000000000000", "till-1", "EUR", SaleState.TENDERING, T0, "c1",
                "Ann \u674e", "S1",
                List.of(new SaleSnapshot.Line(1, "1001", "4098369006029", "Milk", 109, 109, "RED", 700, SaleUnit.PIECE, null,
                        "dairy", 3, 0),
                        new SaleSnapshot.Line(2, "2001", null, "Cheese", 1890, 1890, "STD", 2000, SaleUnit.KILOGRAM, "00042",
                                "deli", 1, 250)),
                List.of(new SaleSnapshot.Payment(TenderType.CARD, 300, 300, 0, "PAY1")),
                List.of(new AuditEntry(AuditKind.SALE_PARKED, T0, "c1", null, "x", 800, null)), List.of("PAY1"), T0);
        assertThat(SaleSnapshotJson.read(SaleSnapshotJson.write(snapshot))).isEqualTo(snapshot);
    }

    static final Currency EUR = Currency.getInstance("EUR");
    static final Product MILK = new Product("1001", "4098369006029", "Milk", Money.ofMinor(109, EUR),
            new TaxClass("RED", 700), SaleUnit.PIECE, null, "dairy");
    static final Product CHEESE = new Product("2001", null, "Cheese", Money.ofMinor(1890, EUR),
            new TaxClass("STD", 2000), SaleUnit.KILOGRAM, "00042", "deli");

    /** A sale with a line discount, a price override, a sale discount, an audit trail and a clerk. */
    private static Sale discountedSale() {
        Sale sale = new Sale(new TransactionId("01JEXAMP0E0000000000000001"), EUR, T0);
        sale.addPieces(MILK, 3);
        sale.addWeighed(CHEESE, 250);
        sale.addPieces(MILK, 1);
        sale.discountLine(1, Discount.percent(1000, "Damaged pack"));
        sale.overridePrice(2, Money.ofMinor(1500, EUR), "Price match");
        sale.discountLine(3, Discount.amountMinor(20, "Loyalty"));
        sale.discountSale(Discount.amountMinor(50, "Staff"));
        sale.soldBy("c1", "Ann");
        sale.inShift("S1");
        sale.audit(new AuditEntry(AuditKind.LINE_DISCOUNT, T0, "c1", null, "1", 33, "Damaged pack"));
        sale.audit(new AuditEntry(AuditKind.PRICE_OVERRIDE, T0, "c1", "s1", "2", 98, "Price match"));
        sale.audit(new AuditEntry(AuditKind.SALE_DISCOUNT, T0, "c1", null, null, 50, "Staff"));
        return sale;
    }

    @Test
    @DisplayName("12.7 + 12.4: a kept or parked sale keeps its line and sale discounts, price overrides, tax per rate, audit trail and clerk")
    void aDiscountedSaleComesBackFromItsJsonWithTheSameTotals() {
        Sale original = discountedSale();
        SaleSnapshot snapshot = SaleSnapshot.of(original, "till-1", List.of(), T0.plusSeconds(3));

        SaleSnapshot read = SaleSnapshotJson.read(SaleSnapshotJson.write(snapshot));
        assertThat(read).isEqualTo(snapshot);
        Sale back = read.toSale();

        assertThat(back.totals()).as("total, tax per rate and class, discounts, priced lines").isEqualTo(original.totals());
        assertThat(back.total()).isEqualTo(original.total());
        assertThat(back.totals().taxByRate()).isEqualTo(original.totals().taxByRate()).containsKeys(700, 2000);
        assertThat(back.totals().discountTotal().isPositive()).isTrue();
        assertThat(back.lineDiscount(1)).contains(Discount.percent(1000, "Damaged pack"));
        assertThat(back.lineDiscount(3)).contains(Discount.amountMinor(20, "Loyalty"));
        assertThat(back.saleDiscount()).contains(Discount.amountMinor(50, "Staff"));
        assertThat(back.listPrice(2)).isEqualTo(Money.ofMinor(1890, EUR));
        assertThat(back.overrideReason(2)).contains("Price match");
        assertThat(back.audit()).isEqualTo(original.audit());
        assertThat(back.clerkId()).contains("c1");
        assertThat(back.clerkName()).contains("Ann");
        assertThat(back.shiftId()).contains("S1");
        back.overridePrice(2, Money.ofMinor(1890, EUR), "back to list");
        assertThat(back.overrideReason(2)).as("the list price is still known: setting it removes the override").isEmpty();
    }

    @Test
    @DisplayName("12.7 + 12.4: a paid sale with cash rounding comes back due nothing")
    void aPaidSaleWithCashRoundingComesBackWithItsRounding() {
        Sale original = discountedSale();
        original.beginTender();
        original.payCash(Money.ofMinor(5000, EUR), new CashRounding(5), T0);
        SaleSnapshot read = SaleSnapshotJson.read(SaleSnapshotJson.write(SaleSnapshot.of(original, "till-1", List.of(), T0)));
        Sale back = read.toSale();

        assertThat(back.state()).isEqualTo(SaleState.PAID);
        assertThat(back.rounding()).isEqualTo(original.rounding());
        assertThat(back.due()).isEqualTo(original.due());
        assertThat(back.totals()).isEqualTo(original.totals());
    }

    @Test
    @DisplayName("12.7: a snapshot written before discounts existed still reads, without discounts")
    void anOlderSnapshotReadsWithoutDiscounts() {
        String older = "{\"transactionId\":\"01JEXAMP0E0000000000000002\",\"tillId\":\"till-1\",\"currency\":\"EUR\","
                + "\"state\":\"OPEN\",\"openedAt\":\"2026-12-06T10:00:00Z\",\"lines\":[{\"lineNo\":1,\"productCode\":\"1001\","
                + "\"name\":\"Milk\",\"unitPriceMinor\":109,\"listPriceMinor\":109,\"taxClass\":\"RED\",\"taxRateBasisPoints\":700,"
                + "\"unit\":\"PIECE\",\"quantity\":2,\"grams\":0}],\"savedAt\":\"2026-12-06T10:00:00Z\"}";
        SaleSnapshot read = SaleSnapshotJson.read(older);
        assertThat(read.saleDiscount()).isNull();
        assertThat(read.lines().get(0).discount()).isNull();
        assertThat(read.toSale().total()).isEqualTo(Money.ofMinor(218, EUR));
    }

    @Test
    void somethingElseIsRefusedWithAReason() {
        assertThatThrownBy(() -> SaleSnapshotJson.read("{\"transactionId\":\"x\"}"))
                .isInstanceOf(MalformedSaleRecordException.class).hasMessageContaining("not a sale snapshot");
        assertThatThrownBy(() -> SaleSnapshotJson.read("")).isInstanceOf(MalformedSaleRecordException.class);
    }
}
