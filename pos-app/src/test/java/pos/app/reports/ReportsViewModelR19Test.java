package pos.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.events.ConversionReport;
import pos.core.events.ConversionReports;
import pos.core.events.EventRecorder;
import pos.core.events.PageIds;
import pos.core.events.ReportPeriod;
import pos.core.events.UiEvent;
import pos.core.sale.TenderType;

/** The reports view model without a window: same-thread executors, a fixed clock, a hand-written fake of the port. */
@DisplayName("R19 reports view model")
class ReportsViewModelR19Test {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T15:00:00Z"), ZoneOffset.UTC);
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    /** Answers from counts and remembers the periods asked for. */
    static final class FakeReports implements ConversionReports {
        final List<Instant[]> asked = new ArrayList<>();
        RuntimeException failure;

        @Override
        public ConversionReport between(Instant from, Instant to) {
            asked.add(new Instant[] {from, to});
            if (failure != null) {
                throw failure;
            }
            boolean week = from.isBefore(Instant.parse("2026-11-29T00:00:00Z"));
            return ConversionReport.of(from, to,
                    Map.of(PageIds.TENDER_CARD, week ? 40L : 10L, PageIds.TENDER_CASH, 20L, PageIds.TENDER_QR, 3L,
                            PageIds.QR_SHOWN, 4L),
                    Map.of(TenderType.CARD, week ? 30L : 7L, TenderType.CASH, 19L, TenderType.QR, 2L));
        }
    }

    final FakeReports reports = new FakeReports();
    final List<UiEvent> recorded = new ArrayList<>();
    final ReportsViewModel model = new ReportsViewModel(reports, new EventRecorder(recorded::add, "till-1", CLOCK), CLOCK,
            ZoneId.of("UTC"), Locale.US, TEXT, TaskExecutor.sameThread(), UiThread.sameThread());

    @Test
    @DisplayName("R19 today's report: one row per tender with opened, paid and conversion; QR shown → paid beside it")
    void todaysReport() {
        model.activate();

        assertThat(reports.asked).singleElement().satisfies(range -> {
            assertThat(range[0]).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
            assertThat(range[1]).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        });
        assertThat(model.rows()).extracting(ReportRow::tender).containsExactly(TenderType.CASH, TenderType.CARD, TenderType.QR,
                TenderType.PAY_CODE);
        assertThat(model.rows()).filteredOn(r -> r.tender() == TenderType.CARD).singleElement().satisfies(card -> {
            assertThat(card.tenderName()).isEqualTo("Card");
            assertThat(card.opened()).isEqualTo(10);
            assertThat(card.paid()).isEqualTo(7);
            assertThat(card.conversionText()).isEqualTo("70%");
            assertThat(card.percent()).isEqualTo(70.0);
        });
        assertThat(model.rows()).filteredOn(r -> r.tender() == TenderType.CASH).singleElement()
                .satisfies(cash -> assertThat(cash.conversionText()).isEqualTo("95%"));
        assertThat(model.rows()).filteredOn(r -> r.tender() == TenderType.QR).singleElement()
                .satisfies(qr -> assertThat(qr.conversionText()).isEqualTo("66.7%"));
        assertThat(model.rows()).filteredOn(r -> r.tender() == TenderType.PAY_CODE).singleElement().satisfies(payCode -> {
            assertThat(payCode.conversionText()).isEqualTo("\u2014");
            assertThat(payCode.percent()).isZero();
        });
        assertThat(model.qrShownTextProperty().get()).isEqualTo("QR code shown \u2192 paid: 2 of 4 (50%)");
        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(model.statusTextProperty().get()).isEmpty();
        assertThat(recorded).extracting(UiEvent::kind, UiEvent::targetId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(UiEvent.Kind.PAGE_SHOWN, PageIds.REPORTS));
    }

    @Test
    @DisplayName("R19 choosing the last 7 days asks from six midnights back and records the click")
    void lastSevenDays() {
        model.activate();
        model.choose(ReportPeriod.LAST_7_DAYS);

        assertThat(model.periodProperty().get()).isEqualTo(ReportPeriod.LAST_7_DAYS);
        assertThat(reports.asked.get(1)[0]).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(model.rows()).filteredOn(r -> r.tender() == TenderType.CARD).singleElement()
                .satisfies(card -> assertThat(card.conversionText()).isEqualTo("75%"));
        assertThat(recorded).extracting(UiEvent::targetId).containsExactly(PageIds.REPORTS, "reports.period");
    }

    @Test
    @DisplayName("R19 a report that cannot be read says so in a plain sentence and keeps the till running")
    void failureIsShown() {
        reports.failure = new IllegalStateException("cannot read the journal /data/journal.db: the disk is failing");
        model.activate();

        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(model.statusTextProperty().get())
                .isEqualTo("The report could not be read: cannot read the journal /data/journal.db: the disk is failing");
        assertThat(model.rows()).isEmpty();

        reports.failure = null;
        model.refresh();
        assertThat(model.failedProperty().get()).isFalse();
        assertThat(model.rows()).hasSize(4);
    }

    @Test
    @DisplayName("R19 an answer for a period the clerk has already left is dropped")
    void staleAnswersAreDropped() {
        List<Runnable> queued = new ArrayList<>();
        ReportsViewModel slow = new ReportsViewModel(reports, EventRecorder.discarding("till-1", CLOCK), CLOCK, ZoneId.of("UTC"),
                Locale.US, TEXT, queued::add, UiThread.sameThread());
        slow.activate(); // today, queued
        slow.choose(ReportPeriod.LAST_7_DAYS); // queued after it
        assertThat(slow.loadingProperty().get()).isTrue();
        assertThat(slow.statusTextProperty().get()).isEqualTo("Loading\u2026");
        queued.get(1).run(); // the week answers first
        queued.get(0).run(); // then the stale today answer
        assertThat(slow.reportProperty().get().from()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(slow.rows()).filteredOn(r -> r.tender() == TenderType.CARD).singleElement()
                .satisfies(card -> assertThat(card.opened()).isEqualTo(40));
    }
}
