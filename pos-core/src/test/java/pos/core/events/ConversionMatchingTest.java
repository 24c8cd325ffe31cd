package pos.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

@DisplayName("Issue 12 point 8: a tender page converts into the sale open when it showed, at most once")
class ConversionMatchingTest {

    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant TO = FROM.plusSeconds(86_400);
    int ids;

    UiEvent shown(String till, String page, long second) {
        return new UiEvent("E" + (ids++), UiEvent.Kind.PAGE_SHOWN, till, page, FROM.plusSeconds(second));
    }

    SaleRecord sale(String till, long opened, long closed, TenderType... types) {
        List<SaleRecord.Payment> payments = new ArrayList<>();
        for (TenderType type : types) {
            payments.add(new SaleRecord.Payment(type, 100, 100, 0, type == TenderType.CASH ? null : "r" + ids));
        }
        return new SaleRecord("S" + (ids++), till, SaleState.PAID, "EUR", 100L * types.length, 0, FROM.plusSeconds(opened),
                FROM.plusSeconds(closed), List.of(new SaleRecord.Line(1, "P", "Item", 1, 0, 100, 100, "STD")), payments);
    }

    @Test
    @DisplayName("Issue 12 point 8: two showings in one sale convert once; a showing on another till converts nothing here")
    void matching() {
        List<UiEvent> events = List.of(
                shown("till-1", PageIds.TENDER_CASH, 10), shown("till-1", PageIds.TENDER_CASH, 20), // Esc, then F9 again
                shown("till-2", PageIds.TENDER_CASH, 110), // another till's, while till-1's second sale is open
                shown("till-1", PageIds.TENDER_CARD, 210));
        List<SaleRecord> sales = List.of(
                sale("till-1", 0, 30, TenderType.CASH),
                sale("till-1", 100, 130, TenderType.CASH), // no cash page during it on till-1
                sale("till-1", 200, 230, TenderType.CARD, TenderType.CASH));

        ConversionReport report = ConversionReport.of(FROM, TO, events, sales);

        assertThat(report.tender(TenderType.CASH).conversion()).isEqualTo(new Conversion(3, 1));
        assertThat(report.tender(TenderType.CASH).paidWithoutPage()).isEqualTo(2);
        assertThat(report.tender(TenderType.CARD).conversion()).isEqualTo(new Conversion(1, 1));
    }

    @Test
    @DisplayName("Issue 12 point 8: over a thousand random days, paid never exceeds shown and every paid sale is counted once")
    void neverMoreThanShown() {
        Random random = new Random(12);
        for (int day = 0; day < 1_000; day++) {
            List<UiEvent> events = new ArrayList<>();
            List<SaleRecord> sales = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String till = "till-" + random.nextInt(2);
                long at = random.nextInt(86_000);
                if (random.nextBoolean()) {
                    events.add(shown(till, PageIds.TENDER_CASH, at + random.nextInt(60)));
                }
                TenderType type = random.nextBoolean() ? TenderType.CASH : TenderType.CARD;
                sales.add(sale(till, at, at + random.nextInt(60), type));
            }
            ConversionReport report = ConversionReport.of(FROM, TO, events, sales);
            for (TenderConversion row : report.tenders()) {
                assertThat(row.conversion().paid()).isLessThanOrEqualTo(row.conversion().shown());
                long paidBy = sales.stream().filter(s -> s.tenders().get(0).type() == row.tender()).count();
                assertThat(row.conversion().paid() + row.paidWithoutPage()).isEqualTo(paidBy);
            }
        }
    }
}
