package pos.core.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 12 point 5: the Z report and the drawer's denominations")
class ZReportTest {

    @Test
    @DisplayName("a Z is the shift's record: its id is the shift's, its figures are the X report's")
    void zIsKeyedByItsShift() {
        ShiftFigures figures = ShiftFigures.of("CNY", 20000, ShiftRecords.day());
        ZReport z = new ZReport(ShiftRecords.SHIFT, "till-1", 1, ShiftRecords.T0, ShiftRecords.T0.plusSeconds(3600), "c1",
                "c2", figures, Map.of(10000L, 2, 5000L, 1), 25000, 25000 - figures.cashExpectedMinor(), "miscount", 3);
        assertThat(z.kind()).isEqualTo("Z_REPORT");
        assertThat(z.recordId()).isEqualTo(ShiftRecords.SHIFT);
        assertThat(z.figures()).isEqualTo(ShiftFigures.of("CNY", 20000, ShiftRecords.day()));
        assertThat(z.floatMinor()).isEqualTo(20000);
        assertThat(z.countedCash().keySet()).containsExactly(5000L, 10000L);
    }

    @Test
    @DisplayName("Z numbers start at 1")
    void zNumbersStartAtOne() {
        ShiftFigures figures = ShiftFigures.of("CNY", 0, java.util.List.of());
        assertThatThrownBy(() -> new ZReport("s", "t", 0, ShiftRecords.T0, ShiftRecords.T0, null, null, figures, Map.of(),
                0, 0, null, 0)).hasMessageContaining("start at 1");
    }

    @Test
    @DisplayName("the drawer is counted in the currency's notes and coins, largest first")
    void denominations() {
        assertThat(Denominations.of(Currency.getInstance("CNY"))).startsWith(10000L, 5000L).endsWith(50L, 10L);
        assertThat(Denominations.of(Currency.getInstance("EUR"))).contains(20L, 1L).hasSize(15);
        assertThat(Denominations.of(Currency.getInstance("CHF"))).startsWith(10000L, 5000L, 2000L).endsWith(2L, 1L);
        assertThat(Denominations.total(Map.of(10000L, 2, 50L, 3))).isEqualTo(20150);
    }
}
