package pos.contract.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.sale.TenderType;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;

@DisplayName("Issue 12 point 5: a Z report is a till record kind; its JSON reads back as the same report")
class ZReportJsonTest {

    @Test
    @DisplayName("Z_REPORT round-trips through the journal's and the stream's JSON, counted cash by denomination included")
    void zReportRoundTrips() {
        ShiftFigures figures = new ShiftFigures("CNY", 20000, 4, 6628, 1, 800,
                List.of(new ShiftFigures.TenderFigures(TenderType.CASH, 3, 4998, 1, 800, 4198),
                        new ShiftFigures.TenderFigures(TenderType.QR, 1, 1130, 0, 0, 1130)),
                List.of(new ShiftFigures.TaxRateFigures(1300, 5128, 590, 800, 92, 498)),
                2, 150, 1, 50, 2, 650, 1, 1200, 1, 1, 5000, 1, 1500, 2, 27700);
        ZReport z = new ZReport("01SHIFT", "till-1", 7, Instant.parse("2026-12-06T09:00:00Z"),
                Instant.parse("2026-12-06T17:00:00Z"), "c1", null, figures, Map.of(10000L, 2, 5000L, 1, 10L, 3), 25030, -2670,
                "miscounted change", 4);

        assertThat(TillRecordJson.known(ZReport.KIND)).isTrue();
        assertThat(TillRecordJson.kindOf(ZReport.class)).isEqualTo(ZReport.KIND);
        String json = TillRecordJson.write(z);
        assertThat(TillRecordJson.read(ZReport.KIND, json)).isEqualTo(z);
    }
}
