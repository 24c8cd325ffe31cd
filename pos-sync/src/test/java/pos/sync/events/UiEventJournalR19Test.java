package pos.sync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.events.ConversionReport;
import pos.core.events.PageIds;
import pos.core.events.UiEvent;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.TestSales;

@DisplayName("R19 buried points in the till's SQLite journal")
class UiEventJournalR19Test {

    static final Instant DAY = Instant.parse("2026-11-29T00:00:00Z");

    @TempDir
    Path dataDir;

    static UiEvent event(int i, UiEvent.Kind kind, String target, Instant at) {
        return new UiEvent(TestSales.transactionId(19, i), kind, "till-1", target, at);
    }

    /** A call this slow cost the FX thread a visible part of a frame. */
    private static final long SLOW_CALL_NANOS = 5_000_000L;
    /** A call this slow waited for something: the writer's first retry pause is 50 ms. */
    private static final long BLOCKED_NANOS = 250_000_000L;

    @Test
    @DisplayName("R19 page-shown and element-clicked events are journaled with client id, target id and time")
    void eventsAreJournaled() {
        try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir)) {
            try (JournaledEventSink sink = new JournaledEventSink(journal)) {
                sink.record(event(1, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CARD, DAY.plusSeconds(10)));
                sink.record(event(2, UiEvent.Kind.ELEMENT_CLICKED, "card.pay", DAY.plusSeconds(12)));
            }
            assertThat(journal.readAfter(0, 10)).extracting(SqliteUiEventJournal.StoredEvent::event).containsExactly(
                    event(1, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CARD, DAY.plusSeconds(10)),
                    event(2, UiEvent.Kind.ELEMENT_CLICKED, "card.pay", DAY.plusSeconds(12)));
            assertThat(journal.backlog()).isEqualTo(2);
        }
        // The same file as the sales journal, which still opens and works beside the events.
        try (SqliteSaleJournal sales = SqliteSaleJournal.open(dataDir)) {
            assertThat(sales.file().getFileName().toString()).isEqualTo(SqliteSaleJournal.FILE_NAME);
            assertThat(sales.append(TestSales.sale(19, "till-1", 1))).isTrue();
            assertThat(sales.count()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("R19 a burst of 10,000 record() calls never blocks the caller (max per call measured) and all land in SQLite")
    void aBurstNeverBlocksAndAllLand() {
        List<UiEvent> events = new ArrayList<>(10_000);
        for (int i = 0; i < 10_000; i++) {
            events.add(event(i, i % 2 == 0 ? UiEvent.Kind.PAGE_SHOWN : UiEvent.Kind.ELEMENT_CLICKED, "tender.cash",
                    DAY.plusMillis(i)));
        }
        long maxNanos = 0;
        int slowCalls = 0;
        long totalNanos;
        try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir)) {
            JournaledEventSink sink = new JournaledEventSink(journal);
            long burstStart = System.nanoTime();
            for (UiEvent event : events) {
                long start = System.nanoTime();
                sink.record(event);
                long took = System.nanoTime() - start;
                maxNanos = Math.max(maxNanos, took);
                slowCalls += took >= SLOW_CALL_NANOS ? 1 : 0;
            }
            totalNanos = System.nanoTime() - burstStart;
            sink.close(); // flushes
            assertThat(sink.lost()).isZero();
            assertThat(sink.written()).isEqualTo(10_000);
            assertThat(journal.count()).isEqualTo(10_000);
        }
        // A frame at 60 Hz is 16 ms; one event must cost the FX thread a tiny part of it. On a busy machine the
        // scheduler may take the CPU away in the middle of any call, so a handful of slow calls are the machine's;
        // a record() that waited for the writer would make every call slow, or one very slow.
        assertThat(slowCalls).as("record() calls of 5 ms or more, of 10,000 (slowest %d ns)", maxNanos).isLessThanOrEqualTo(10);
        assertThat(maxNanos).as("slowest record() call in ns").isLessThan(BLOCKED_NANOS);
        assertThat(totalNanos).as("whole burst in ns").isLessThan(500_000_000L);
    }

    @Test
    @DisplayName("R19 when the queue is full the event is dropped, counted, and the caller still does not block")
    void aFullQueueDropsAndCounts() {
        try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir)) {
            JournaledEventSink sink = new JournaledEventSink(journal, 1);
            // Closing the journal under the sink makes every write fail: the queue fills and stays full.
            journal.close();
            long maxNanos = 0;
            int slowCalls = 0;
            for (int i = 0; i < 100; i++) {
                long start = System.nanoTime();
                sink.record(event(i, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_QR, DAY));
                long took = System.nanoTime() - start;
                maxNanos = Math.max(maxNanos, took);
                slowCalls += took >= SLOW_CALL_NANOS ? 1 : 0;
            }
            // At most three are not lost yet: the writer's batch (the one it polled, plus one that arrived before it
            // drained the queue) and the one queued behind it.
            assertThat(sink.lost()).isGreaterThanOrEqualTo(97);
            // a full queue must not make record() wait: the writer never drains it here, so a wait would never end
            assertThat(slowCalls).as("record() calls of 5 ms or more, of 100 (slowest %d ns)", maxNanos).isLessThanOrEqualTo(1);
            assertThat(maxNanos).isLessThan(BLOCKED_NANOS);
            sink.close();
            assertThat(sink.lost()).isEqualTo(100);
        }
    }

    @Test
    @DisplayName("R19 close flushes what was queued; recording after close never throws and is counted as lost")
    void closeFlushes() {
        try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir)) {
            JournaledEventSink sink = new JournaledEventSink(journal);
            IntStream.range(0, 1_234).forEach(i -> sink.record(event(i, UiEvent.Kind.PAGE_SHOWN, PageIds.QR_SHOWN, DAY)));
            sink.close();
            assertThat(journal.count()).isEqualTo(1_234);
            assertThatCode(() -> sink.record(event(5_000, UiEvent.Kind.PAGE_SHOWN, PageIds.QR_SHOWN, DAY))).doesNotThrowAnyException();
            assertThat(sink.lost()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("R19 the same event id journaled twice is kept once")
    void sameIdOnce() {
        try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir)) {
            UiEvent e = event(1, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CASH, DAY);
            assertThat(journal.appendAll(List.of(e, e))).isEqualTo(1);
            assertThat(journal.appendAll(List.of(e))).isZero();
            assertThat(journal.count()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("R19 report on a known data set: 10 card tenders opened, 7 paid → 70 %; 4 QR shown, 2 paid → 50 %; other periods and cancelled sales left out")
    void reportOnAKnownDataSet() {
        Instant from = DAY;
        Instant to = DAY.plusSeconds(86_400);
        try (SqliteSaleJournal sales = SqliteSaleJournal.open(dataDir);
                SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir)) {
            List<UiEvent> events = new ArrayList<>();
            int n = 0;
            for (int i = 0; i < 10; i++) {
                events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CARD, DAY.plusSeconds(3600 + i)));
            }
            for (int i = 0; i < 3; i++) {
                events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_QR, DAY.plusSeconds(7200 + i)));
            }
            for (int i = 0; i < 4; i++) {
                events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.QR_SHOWN, DAY.plusSeconds(7300 + i)));
            }
            for (int i = 0; i < 5; i++) {
                events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CASH, DAY.plusSeconds(8000 + i)));
            }
            events.add(event(n++, UiEvent.Kind.ELEMENT_CLICKED, PageIds.TENDER_CARD, DAY.plusSeconds(3700))); // a click, not a page
            events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CARD, DAY.minusSeconds(1))); // the day before
            events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CARD, to)); // the next day
            journal.appendAll(events);

            int s = 0;
            for (int i = 0; i < 7; i++) {
                sales.append(sale(s++, SaleState.PAID, DAY.plusSeconds(3800 + i), TenderType.CARD));
            }
            sales.append(sale(s++, SaleState.PAID, DAY.plusSeconds(7400), TenderType.QR));
            sales.append(sale(s++, SaleState.PAID, DAY.plusSeconds(7500), TenderType.QR));
            for (int i = 0; i < 4; i++) {
                sales.append(sale(s++, SaleState.PAID, DAY.plusSeconds(8100 + i), TenderType.CASH));
            }
            sales.append(sale(s++, SaleState.CANCELLED, DAY.plusSeconds(8200), null));
            sales.append(sale(s++, SaleState.PAID, DAY.minusSeconds(5), TenderType.CARD)); // the day before

            ConversionReport report = new SqliteConversionReports(journal).between(from, to);

            assertThat(report.tender(TenderType.CARD).conversion().shown()).isEqualTo(10);
            assertThat(report.tender(TenderType.CARD).conversion().paid()).isEqualTo(7);
            assertThat(report.tender(TenderType.CARD).conversion().percent()).hasValue(70.0);
            assertThat(report.tender(TenderType.QR).conversion().shown()).isEqualTo(3);
            assertThat(report.tender(TenderType.QR).conversion().paid()).isEqualTo(2);
            assertThat(report.tender(TenderType.CASH).conversion().shown()).isEqualTo(5);
            assertThat(report.tender(TenderType.CASH).conversion().paid()).isEqualTo(4);
            assertThat(report.tender(TenderType.CASH).conversion().percent()).hasValue(80.0);
            assertThat(report.tender(TenderType.PAY_CODE).conversion().ratio()).isEmpty();
            assertThat(report.qrShown().shown()).isEqualTo(4);
            assertThat(report.qrShown().paid()).isEqualTo(2);
            assertThat(report.qrShown().percent()).hasValue(50.0);
        }
    }

    @Test
    @DisplayName("Issue 12 point 8: \"Cash: opened 4, paid 5, 125 %\" cannot happen: a split sale's cash rest without the cash page, and a sale whose page was shown before the period, are not conversions")
    void paidNeverExceedsOpened() {
        Instant from = DAY;
        Instant to = DAY.plusSeconds(86_400);
        try (SqliteSaleJournal sales = SqliteSaleJournal.open(dataDir);
                SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir)) {
            List<UiEvent> events = new ArrayList<>();
            int n = 0;
            int s = 0;
            // four cash sales, each with the cash panel opened while it was open
            for (int i = 0; i < 4; i++) {
                Instant opened = DAY.plusSeconds(3600 + i * 600L);
                events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CASH, opened.plusSeconds(60)));
                sales.append(sale(s++, opened, opened.plusSeconds(90), payment(TenderType.CASH, 500, 0)));
            }
            // a split sale: the card page opened, the card took 3.00, the rest 2.00 taken in cash without the cash page
            Instant opened = DAY.plusSeconds(7200);
            events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CARD, opened.plusSeconds(30)));
            sales.append(sale(s++, opened, opened.plusSeconds(120), payment(TenderType.CARD, 300, 1),
                    payment(TenderType.CASH, 200, 0)));
            // a sale over midnight: its cash page shown the day before, paid in cash today
            events.add(event(n++, UiEvent.Kind.PAGE_SHOWN, PageIds.TENDER_CASH, from.minusSeconds(10)));
            sales.append(sale(s++, from.minusSeconds(40), from.plusSeconds(10), payment(TenderType.CASH, 500, 0)));
            journal.appendAll(events);

            ConversionReport report = new SqliteConversionReports(journal).between(from, to);

            // before: cash "opened 4, paid 6" (150 %), every cash-paid sale of the day counted whether its page showed or not
            assertThat(report.tender(TenderType.CASH).conversion()).isEqualTo(new pos.core.events.Conversion(4, 4));
            assertThat(report.tender(TenderType.CASH).paidWithoutPage()).isEqualTo(2);
            assertThat(report.tender(TenderType.CARD).conversion()).isEqualTo(new pos.core.events.Conversion(1, 1));
            for (var row : report.tenders()) {
                assertThat(row.conversion().paid()).as(row.tender().name()).isLessThanOrEqualTo(row.conversion().shown());
            }
        }
    }

    static SaleRecord.Payment payment(TenderType type, long amount, int ref) {
        return type == TenderType.CASH ? new SaleRecord.Payment(type, amount, amount, 0)
                : new SaleRecord.Payment(type, amount, amount, 0, TestSales.transactionId(1921, ref));
    }

    /** A paid one-line sale of 5.00 open from {@code openedAt} to {@code closedAt}. */
    static SaleRecord sale(int i, Instant openedAt, Instant closedAt, SaleRecord.Payment... payments) {
        return new SaleRecord(TestSales.transactionId(1922, i), "till-1", SaleState.PAID, "EUR", 500, 80, openedAt, closedAt,
                List.of(new SaleRecord.Line(1, "4006381333931", "Item", 1, 0, 500, 500, "STANDARD")), List.of(payments));
    }

    /** A one-line sale closed at {@code closedAt}, paid in full by {@code type} (none when cancelled). */
    static SaleRecord sale(int i, SaleState state, Instant closedAt, TenderType type) {
        String id = TestSales.transactionId(1919, i);
        List<SaleRecord.Payment> tenders = type == null ? List.of() : List.of(type == TenderType.CASH
                ? new SaleRecord.Payment(type, 500, 500, 0)
                : new SaleRecord.Payment(type, 500, 500, 0, TestSales.transactionId(1920, i)));
        // open 5 minutes before it closes: its tender page is shown while it is open (issue 12 point 8 matches them)
        return new SaleRecord(id, "till-1", state, "EUR", 500, 80, closedAt.minusSeconds(300), closedAt,
                List.of(new SaleRecord.Line(1, "4006381333931", "Item", 1, 0, 500, 500, "STANDARD")), tenders);
    }
}
