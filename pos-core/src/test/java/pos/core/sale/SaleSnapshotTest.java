package pos.core.sale;

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

@DisplayName("Issue 12.7 a sale written down as a snapshot comes back the same")
class SaleSnapshotTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product MILK = new Product("1001", "4098369006029", "Milk", Money.ofMinor(109, EUR), STD, SaleUnit.PIECE, null, "dairy");
    static final Product CHEESE = new Product("2001", null, "Cheese", Money.ofMinor(1890, EUR), STD, SaleUnit.KILOGRAM, "00042", "deli");

    private static Sale sale() {
        Sale sale = new Sale(new TransactionId("01JEXAMP0E0000000000000000"), EUR, T0);
        sale.addPieces(MILK, 3);
        sale.addWeighed(CHEESE, 250);
        sale.addPriced(MILK, Money.ofMinor(99, EUR));
        sale.soldBy("c1", "Ann");
        sale.inShift("S1");
        sale.audit(new AuditEntry(AuditKind.LINE_VOIDED, T0, "c1", "s1", "4", 100, null));
        return sale;
    }

    @Test
    void anOpenSaleComesBackWithItsIdLinesClerkAuditAndNextLineNumber() {
        Sale original = sale();
        original.removeLine(3);
        Sale back = SaleSnapshot.of(original, "till-1", List.of(), T0.plusSeconds(5)).toSale();

        assertThat(back.id()).isEqualTo(original.id());
        assertThat(back.lines()).isEqualTo(original.lines());
        assertThat(back.total()).isEqualTo(original.total());
        assertThat(back.state()).isEqualTo(SaleState.OPEN);
        assertThat(back.clerkName()).contains("Ann");
        assertThat(back.shiftId()).contains("S1");
        assertThat(back.audit()).isEqualTo(original.audit());
        assertThat(back.addWeighed(CHEESE, 100).lineNo())
                .as("numbers go on after the highest kept, even when the last line was voided").isEqualTo(3);
    }

    @Test
    void aPartPaidSaleComesBackTenderingWithItsTender() {
        Sale original = sale();
        original.beginTender();
        original.payPart(TenderType.CARD, Money.ofMinor(500, EUR), "PAY1", T0);
        Sale back = SaleSnapshot.of(original, "till-1", List.of("PAY1"), T0).toSale();

        assertThat(back.state()).isEqualTo(SaleState.TENDERING);
        assertThat(back.isPartPaid()).isTrue();
        assertThat(back.due()).isEqualTo(original.due());
        assertThat(back.tenders()).isEqualTo(original.tenders());
    }

    @Test
    void aSaleLeftWhileTenderingWithNothingPaidComesBackOpen() {
        Sale original = sale();
        original.beginTender();
        assertThat(SaleSnapshot.of(original, "till-1", List.of(), T0).toSale().state()).isEqualTo(SaleState.OPEN);
    }

    @Test
    void sameSaleIgnoresOnlyTheTimeItWasTaken() {
        Sale original = sale();
        SaleSnapshot first = SaleSnapshot.of(original, "till-1", List.of(), T0);
        assertThat(SaleSnapshot.of(original, "till-1", List.of(), T0.plusSeconds(9)).sameSale(first)).isTrue();
        original.changeQuantity(1, 4);
        assertThat(SaleSnapshot.of(original, "till-1", List.of(), T0).sameSale(first)).isFalse();
    }

    @Test
    void aCancelledSaleIsNotKeptOpen() {
        Sale original = sale();
        original.cancel(T0);
        assertThatThrownBy(() -> SaleSnapshot.of(original, "till-1", List.of(), T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
