package pos.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.events.ReportPeriod;
import pos.core.journal.TillRecord;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.sync.journal.SqliteSaleJournal;

/** The takings reports' view model over a real SQLite journal, on one thread (issue 12 point 8). */
@DisplayName("Issue 12 point 8: takings reports view model")
class TakingsViewModelTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final ZoneId UTC = ZoneId.of("UTC");
    static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant NOW = DAY.plusSeconds(16 * 3600);
    static final Currency EUR = Currency.getInstance("EUR");

    @TempDir
    Path dataDir;
    final MutableClock clock = new MutableClock(DAY.plusSeconds(8 * 3600));
    SqliteSaleJournal journal;
    TakingsViewModel model;

    @BeforeEach
    void fill() {
        journal = SqliteSaleJournal.open(dataDir, clock);
        append(new TillEvent("E1", "till-1", "shift-1", new AuditEntry(AuditKind.SHIFT_OPENED, at(8, 0), "ann", null, null, 10000, null)));
        append(sale("S1", "ann", "Ann", SaleState.PAID, at(9, 10), 1240, TenderType.CASH, 0, List.of()));
        append(sale("S2", "bob", "Bob", SaleState.PAID, at(9, 40), 2500, TenderType.CARD, 100,
                List.of(new AuditEntry(AuditKind.LINE_VOIDED, at(9, 39), "bob", "sam", "2 P2", 350, null))));
        append(new TillEvent("E2", "till-1", "shift-2", new AuditEntry(AuditKind.SHIFT_OPENED, at(12, 0), "bob", null, null, 10000, null)));
        append(sale("S3", "bob", "Bob", SaleState.PAID, at(13, 5), 800, TenderType.QR, 0, List.of()));
        append(sale("S4", "ann", "Ann", SaleState.CANCELLED, at(13, 30), 600, null, 0, List.of()));
        append(new ReturnRecord("R1", "S1", "till-1", "till-1", "bob", null, "shift-2", "EUR", 240, 0, at(14, 0),
                List.of(new ReturnRecord.Line(2, "P2", "Item", 1, 0, 240, 0, "STD", 700)),
                List.of(new ReturnRecord.Refund(TenderType.CASH, 240, null, null, null)), "faulty"));
        clock.set(NOW);
        model = new TakingsViewModel(journal, EUR, clock, UTC, Locale.US, TEXT, TaskExecutor.sameThread(), UiThread.sameThread());
        model.refresh();
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    @DisplayName("Issue 12 point 8: today's takings: sales, returns, takings")
    void todaysTakings() {
        assertThat(model.periodTextProperty().get()).isEqualTo("Today");
        assertThat(model.statusTextProperty().get()).isEmpty();
        assertThat(model.tableProperty().get().header()).containsExactly("Figure", "Count", "Amount");
        assertThat(model.tableProperty().get().cells()).containsExactly(
                List.of("Sales", "3", "€45.40"),
                List.of("Returns", "1", "€2.40"),
                List.of("Takings (sales \u2212 returns)", "", "€43.00"));
        assertThat(model.tableProperty().get().csv()).contains(List.of("Sales", "3", "45.40"));
    }

    @Test
    @DisplayName("Issue 12 point 8: per tender, per clerk, per hour (with the chart's bars), returns · discounts · voids")
    void eachReport() {
        model.show(TakingsViewModel.Report.TENDERS);
        assertThat(model.tableProperty().get().header()).containsExactly("Tender", "Sales", "Sales amount", "Returns",
                "Returned", "Takings");
        assertThat(model.tableProperty().get().cells()).containsExactly(
                List.of("Cash", "1", "€12.40", "1", "€2.40", "€10.00"),
                List.of("QR (till shows code)", "1", "€8.00", "0", "€0.00", "€8.00"),
                List.of("Card", "1", "€25.00", "0", "€0.00", "€25.00"));

        model.show(TakingsViewModel.Report.CLERKS);
        assertThat(model.tableProperty().get().cells()).extracting(row -> row.get(0) + " " + row.get(5))
                .containsExactly("Ann €12.40", "Bob €30.60");

        model.show(TakingsViewModel.Report.HOURS);
        assertThat(model.tableProperty().get().cells()).extracting(row -> row.get(0) + " " + row.get(5))
                .containsExactly("09:00 €37.40", "10:00 €0.00", "11:00 €0.00", "12:00 €0.00", "13:00 €8.00", "14:00 -€2.40");
        assertThat(model.barsProperty().get()).first().isEqualTo(new TakingsViewModel.Bar("09:00", 37.40));

        model.show(TakingsViewModel.Report.ADJUSTMENTS);
        assertThat(model.tableProperty().get().cells()).contains(
                List.of("Returns", "1", "€2.40"),
                List.of("Discounts given", "1", "€1.00"),
                List.of("Lines voided", "1", "€3.50"),
                List.of("Sales cancelled", "1", "€6.00"));
    }

    @Test
    @DisplayName("Issue 12 point 8: a shift runs from its SHIFT_OPENED to the next; F8 again goes one shift back")
    void shifts() {
        model.chooseShift();
        assertThat(model.periodTextProperty().get()).isEqualTo("Shift 2 of 2 \u00b7 12:00 PM \u2013 now");
        assertThat(model.takingsProperty().get().sales().count()).isEqualTo(1);
        assertThat(model.takingsProperty().get().returns().count()).isEqualTo(1);

        model.chooseShift();
        assertThat(model.periodTextProperty().get()).isEqualTo("Shift 1 of 2 \u00b7 8:00 AM \u2013 12:00 PM");
        assertThat(model.takingsProperty().get().sales().count()).isEqualTo(2);

        model.choose(ReportPeriod.TODAY);
        assertThat(model.shiftChosenProperty().get()).isFalse();
        assertThat(model.takingsProperty().get().sales().count()).isEqualTo(3);
    }

    @Test
    @DisplayName("Issue 12 point 8: without shifts today, the shift report is the day's and says so")
    void noShiftIsTheDay() {
        clock.set(NOW.plusSeconds(24 * 3600));
        model.chooseShift();
        assertThat(model.periodTextProperty().get()).isEqualTo("No shift opened today: the whole day");
        assertThat(model.statusTextProperty().get()).isEqualTo("Nothing recorded in this period yet.");
    }

    @Test
    @DisplayName("Issue 12 point 8: the report shown is exported as CSV into the data directory's exports folder, the path said")
    void exportsCsv() throws Exception {
        model.show(TakingsViewModel.Report.TENDERS);
        ReportExportViewModel export = new ReportExportViewModel(ReportExports.inDataDir(dataDir, clock), TEXT,
                TaskExecutor.sameThread(), UiThread.sameThread());
        export.export(model.exportName(), model.tableProperty().get());

        Path file = export.lastFileProperty().get();
        assertThat(file).isEqualTo(dataDir.resolve("exports").resolve("takings-tenders-20261201-160000.csv"));
        assertThat(export.messageProperty().get()).isEqualTo("Saved: " + file);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            assertThat(in.read()).as("byte order mark").isEqualTo('\ufeff');
            List<CSVRecord> rows = CSVFormat.EXCEL.builder().setHeader().get().parse(in).getRecords();
            assertThat(rows).extracting(r -> r.get("Tender") + ";" + r.get("Sales amount") + ";" + r.get("Takings"))
                    .containsExactly("Cash;12.40;10.00", "QR (till shows code);8.00;8.00", "Card;25.00;25.00");
        }
        assertThat(Files.list(file.getParent())).as("no partial file left").hasSize(1);
    }

    @Test
    @DisplayName("Issue 12 point 8: an export that cannot be written says why and keeps nothing half-written")
    void exportFailureIsSaid() throws Exception {
        Files.writeString(dataDir.resolve("exports"), "a file where the folder should be");
        ReportExportViewModel export = new ReportExportViewModel(ReportExports.inDataDir(dataDir, clock), TEXT,
                TaskExecutor.sameThread(), UiThread.sameThread());
        export.export(model.exportName(), model.tableProperty().get());
        assertThat(export.messageProperty().get()).startsWith("The export could not be written: cannot write the report export ");
        assertThat(export.lastFileProperty().get()).isNull();
    }

    private void append(TillRecord record) {
        clock.set(record.at());
        journal.appendRecord(record);
    }

    static Instant at(int hour, int minute) {
        return DAY.plusSeconds(hour * 3600L + minute * 60L);
    }

    static SaleRecord sale(String id, String clerkId, String clerkName, SaleState state, Instant closedAt, long total,
            TenderType tender, long discount, List<AuditEntry> audit) {
        List<SaleRecord.Payment> payments = tender == null ? List.of()
                : List.of(new SaleRecord.Payment(tender, total, total, 0, tender == TenderType.CASH ? null : "ref-" + id));
        return new SaleRecord(id, "till-1", state, "EUR", total, 0, closedAt.minusSeconds(60), closedAt,
                List.of(new SaleRecord.Line(1, "P1", "Item", 1, 0, total + discount, total, "STD", total + discount, discount,
                        discount == 0 ? null : "damaged", 700, 0)),
                payments, clerkId, clerkName, null, 0, null, 0, audit);
    }

    /** A clock the test sets; UTC. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant next) {
            now = next;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
