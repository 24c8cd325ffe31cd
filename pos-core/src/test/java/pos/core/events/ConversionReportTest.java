package pos.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.sale.TenderType;

@DisplayName("R19 conversion report")
class ConversionReportTest {

    static final Instant FROM = Instant.parse("2026-11-29T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-30T00:00:00Z");

    @ParameterizedTest(name = "R19 {0} shown, {1} paid → {2} %")
    @CsvSource(textBlock = """
            10, 7, 70.0
            3,  2, 66.7
            4,  4, 100.0
            5,  0, 0.0
            """)
    @DisplayName("R19 the rate is paid over shown in percent, one decimal")
    void rateIsPaidOverShown(long shown, long paid, double percent) {
        Conversion conversion = new Conversion(shown, paid);
        assertThat(conversion.percent()).hasValue(percent);
        assertThat(conversion.ratio()).hasValue((double) paid / shown);
    }

    @Test
    @DisplayName("R19 a page never shown has no rate rather than 0 % or a division by zero")
    void neverShownHasNoRate() {
        assertThat(new Conversion(0, 0).ratio()).isEmpty();
        assertThat(new Conversion(0, 0).percent()).isEmpty();
    }

    @Test
    @DisplayName("Issue 12 point 8: a page cannot convert more often than it was shown (no \"125 %\")")
    void paidNeverExceedsShown() {
        assertThatThrownBy(() -> new Conversion(4, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shown 4 times cannot convert 5 times");
    }

    @Test
    @DisplayName("R19 per tender type: tender page opened → paid, and QR shown → paid by QR")
    void reportFromCounts() {
        ConversionReport report = ConversionReport.of(FROM, TO,
                Map.of(PageIds.TENDER_CARD, 10L, PageIds.TENDER_CASH, 20L, PageIds.TENDER_QR, 5L, PageIds.QR_SHOWN, 8L,
                        "sell", 99L),
                Map.of(TenderType.CARD, 7L, TenderType.CASH, 19L, TenderType.QR, 4L));

        assertThat(report.tenders()).extracting(TenderConversion::tender).containsExactlyElementsOf(ConversionReport.REPORTED_TENDERS);
        assertThat(report.tender(TenderType.CARD).conversion()).isEqualTo(new Conversion(10, 7));
        assertThat(report.tender(TenderType.CARD).conversion().percent()).hasValue(70.0);
        assertThat(report.tender(TenderType.CASH).conversion()).isEqualTo(new Conversion(20, 19));
        assertThat(report.tender(TenderType.QR).conversion()).isEqualTo(new Conversion(5, 4));
        assertThat(report.tender(TenderType.PAY_CODE).conversion()).isEqualTo(new Conversion(0, 0));
        assertThat(report.qrShown()).isEqualTo(new Conversion(8, 4));
        assertThat(report.qrShown().percent()).hasValue(50.0);
    }

    @Test
    @DisplayName("R19 counts cannot be negative and a period cannot end before it starts")
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Conversion(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversionReport.of(TO, FROM, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }

    @Test
    @DisplayName("R19 today runs from local midnight to the next; the last 7 days start six midnights earlier")
    void periodsStartAtLocalMidnight() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:15:00Z"), ZoneOffset.UTC);
        assertThat(ReportPeriod.TODAY.start(clock, berlin)).isEqualTo(Instant.parse("2026-11-28T23:00:00Z"));
        assertThat(ReportPeriod.LAST_7_DAYS.start(clock, berlin)).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(ReportPeriod.TODAY.end(clock, berlin)).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
        assertThat(ReportPeriod.LAST_7_DAYS.end(clock, berlin)).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
    }

    @Test
    @DisplayName("R19 the recorder stamps each event with a unique ULID, the till id and the clock's time")
    void recorderStampsEvents() {
        List<UiEvent> seen = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:15:00Z"), ZoneOffset.UTC);
        EventRecorder recorder = new EventRecorder(seen::add, "till-7", clock);
        recorder.pageShown(PageIds.TENDER_CARD);
        recorder.clicked(ElementIds.CARD_PAY);

        assertThat(seen).extracting(UiEvent::kind).containsExactly(UiEvent.Kind.PAGE_SHOWN, UiEvent.Kind.ELEMENT_CLICKED);
        assertThat(seen).extracting(UiEvent::targetId).containsExactly("tender.card", "card.pay");
        assertThat(seen).allSatisfy(e -> {
            assertThat(e.clientId()).isEqualTo("till-7");
            assertThat(e.at()).isEqualTo(clock.instant());
            assertThat(e.id()).hasSize(26);
        });
        assertThat(seen.get(0).id()).isNotEqualTo(seen.get(1).id());
    }
}
