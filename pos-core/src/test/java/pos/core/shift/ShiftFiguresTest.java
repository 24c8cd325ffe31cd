package pos.core.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static pos.core.shift.ShiftRecords.day;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.journal.TillRecord;
import pos.core.sale.TenderType;
import pos.core.shift.ShiftFigures.TaxRateFigures;
import pos.core.shift.ShiftFigures.TenderFigures;

@DisplayName("Issue 12 point 5: a shift's figures, worked out by hand from hand-made records")
class ShiftFiguresTest {

    private final ShiftFigures figures = ShiftFigures.of("CNY", 20000, day());

    @Test
    @DisplayName("sales and returns by count and amount; cancelled sales are not sales")
    void salesAndReturnsByCountAndAmount() {
        assertThat(figures.salesCount()).isEqualTo(4);
        assertThat(figures.salesMinor()).as("what was paid: S4's 9.98 rounded to 10.00").isEqualTo(3000 + 2130 + 500 + 1000);
        assertThat(figures.returnsCount()).isEqualTo(1);
        assertThat(figures.returnsMinor()).isEqualTo(800);
        assertThat(figures.netTakingsMinor()).isEqualTo(6630 - 800);
    }

    @Test
    @DisplayName("per tender, net of refunds: a split sale counts once under each of its tenders")
    void perTenderNetOfRefunds() {
        assertThat(figures.tenders()).containsExactly(
                new TenderFigures(TenderType.CASH, 3, 3000 + 1000 + 1000, 1, 800, 5000 - 800),
                new TenderFigures(TenderType.QR, 1, 1130, 0, 0, 1130),
                new TenderFigures(TenderType.CARD, 1, 500, 0, 0, 500));
        assertThat(figures.tenders().stream().mapToLong(TenderFigures::netMinor).sum()).isEqualTo(figures.netTakingsMinor());
    }

    @Test
    @DisplayName("tax per rate: the sales' lines minus the returned lines, rates ascending")
    void taxPerRateSalesMinusReturns() {
        assertThat(figures.taxRates()).containsExactly(
                new TaxRateFigures(0, 500, 0, 0, 0, 0),
                new TaxRateFigures(600, 1000, 57, 0, 0, 57),
                new TaxRateFigures(1300, 3000 + 1130 + 998, 345 + 130 + 115, 800, 92, 590 - 92));
    }

    @Test
    @DisplayName("discounts (lines' discounts, of which sale discounts), voids in paid and cancelled sales, cancellations")
    void discountsVoidsAndCancellations() {
        assertThat(figures.discountedLines()).isEqualTo(2);
        assertThat(figures.discountsMinor()).isEqualTo(150);
        assertThat(figures.saleDiscountsCount()).isEqualTo(1);
        assertThat(figures.saleDiscountsMinor()).isEqualTo(50);
        assertThat(figures.voidsCount()).isEqualTo(2);
        assertThat(figures.voidsMinor()).isEqualTo(650);
        assertThat(figures.cancellationsCount()).isEqualTo(1);
        assertThat(figures.cancellationsMinor()).isEqualTo(1200);
    }

    @Test
    @DisplayName("no-sale openings, pay-ins and pay-outs from the till events; sign-ins move no money")
    void tillEvents() {
        assertThat(figures.noSaleCount()).isEqualTo(1);
        assertThat(figures.payInsCount()).isEqualTo(1);
        assertThat(figures.payInsMinor()).isEqualTo(5000);
        assertThat(figures.payOutsCount()).isEqualTo(1);
        assertThat(figures.payOutsMinor()).isEqualTo(1500);
    }

    @Test
    @DisplayName("cash expected = float + cash kept from sales (change already out, rounding in) − cash refunds + pay-ins − pay-outs")
    void cashExpected() {
        assertThat(figures.cashRoundingMinor()).isEqualTo(2);
        // 200.00 + (30.00 + 10.00 + 10.00) − 8.00 + 50.00 − 15.00
        assertThat(figures.cashExpectedMinor()).isEqualTo(20000 + 3000 + 1000 + 1000 - 800 + 5000 - 1500);
    }

    @Test
    @DisplayName("the same records give the same figures, whatever else is in the list and if a record comes twice")
    void oneComputationSameRecordsSameFigures() {
        List<TillRecord> twice = new ArrayList<>(day());
        twice.addAll(day());
        assertThat(ShiftFigures.of("CNY", 20000, twice)).isEqualTo(figures);
        assertThat(ShiftFigures.of("CNY", 20000, day())).isEqualTo(figures);
    }

    @Test
    @DisplayName("an empty shift expects its float")
    void emptyShiftExpectsItsFloat() {
        ShiftFigures empty = ShiftFigures.of("CNY", 12345, List.of());
        assertThat(empty.cashExpectedMinor()).isEqualTo(12345);
        assertThat(empty.tenders()).isEmpty();
        assertThat(empty.salesCount()).isZero();
    }
}
