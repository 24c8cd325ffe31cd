package pos.app.reports;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.events.Conversion;
import pos.core.events.ConversionReport;
import pos.core.events.ConversionReports;
import pos.core.events.ElementIds;
import pos.core.events.EventRecorder;
import pos.core.events.PageIds;
import pos.core.events.ReportPeriod;
import pos.core.events.TenderConversion;

/**
 * The reports screen's state (R19): the chosen period, one {@link ReportRow} per tender type, the
 * "QR shown → paid" line, and whether a report is loading or failed. Reports are computed on the
 * background executor and applied on the UI thread; a slower answer for a period the clerk has
 * already left is dropped. Not thread-safe: use it on the UI thread.
 */
public final class ReportsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ReportsViewModel.class);

    private final ConversionReports reports;
    private final EventRecorder events;
    private final Clock clock;
    private final ZoneId zone;
    private final ResourceBundle text;
    private final NumberFormat percentFormat;
    private final TaskExecutor background;
    private final UiThread ui;

    private final ObjectProperty<ReportPeriod> period = new SimpleObjectProperty<>(ReportPeriod.TODAY);
    private final ObservableList<ReportRow> rows = FXCollections.observableArrayList();
    // One wrapper, kept: it forwards changes through a weak listener, so a fresh one per call could be collected.
    private final ObservableList<ReportRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final StringProperty qrShownText = new SimpleStringProperty("");
    private final StringProperty statusText = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final ObjectProperty<ConversionReport> report = new SimpleObjectProperty<>();
    private long generation; // UI thread only

    /**
     * @param reports    where reports come from (disk or database: called on {@code background})
     * @param events     where the screen reports its own page view and clicks
     * @param clock      "now" and, with {@code zone}, where today begins
     * @param locale     how percentages are written
     * @param text       the till's resource bundle ({@code reports.*} keys)
     * @param background runs the report queries
     * @param ui         brings results back to the UI thread
     */
    public ReportsViewModel(ConversionReports reports, EventRecorder events, Clock clock, ZoneId zone, Locale locale,
            ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.text = Objects.requireNonNull(text, "text");
        this.percentFormat = NumberFormat.getPercentInstance(Objects.requireNonNull(locale, "locale"));
        this.percentFormat.setMaximumFractionDigits(1);
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** The screen was shown: records the page view and loads the current period. */
    public void activate() {
        events.pageShown(PageIds.REPORTS);
        refresh();
    }

    /** The clerk chose {@code next}: records the click and loads it. */
    public void choose(ReportPeriod next) {
        Objects.requireNonNull(next, "next");
        events.clicked(ElementIds.REPORTS_PERIOD);
        period.set(next);
        refresh();
    }

    /** Loads the report of the current period (whole local days, up to the next midnight), off the UI thread. */
    public void refresh() {
        long mine = ++generation;
        ReportPeriod chosen = period.get();
        Instant from = chosen.start(clock, zone);
        Instant to = chosen.end(clock, zone);
        loading.set(true);
        statusText.set(text.getString("reports.loading"));
        background.execute(() -> {
            try {
                ConversionReport result = reports.between(from, to);
                ui.execute(() -> apply(mine, result));
            } catch (RuntimeException e) {
                LOG.error("Could not compute the conversion report for {} ({} to {})", chosen, from, to, e);
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ui.execute(() -> fail(mine, reason));
            }
        });
    }

    private void apply(long mine, ConversionReport result) {
        if (mine != generation) {
            return; // the clerk has asked for something else since
        }
        loading.set(false);
        failed.set(false);
        report.set(result);
        List<ReportRow> next = result.tenders().stream().map(this::row).toList();
        rows.setAll(next);
        Conversion qr = result.qrShown();
        qrShownText.set(MessageFormat.format(text.getString("reports.qrShown"), qr.paid(), qr.shown(), rateText(qr)));
        boolean nothing = next.stream().allMatch(r -> r.opened() == 0 && r.paid() == 0) && qr.shown() == 0;
        statusText.set(nothing ? text.getString("reports.empty") : "");
    }

    private void fail(long mine, String reason) {
        if (mine != generation) {
            return;
        }
        loading.set(false);
        failed.set(true);
        statusText.set(MessageFormat.format(text.getString("reports.error"), reason));
    }

    private ReportRow row(TenderConversion tender) {
        Conversion c = tender.conversion();
        return new ReportRow(tender.tender(), text.getString("reports.tender." + tender.tender().name()), c.shown(), c.paid(),
                rateText(c), c.percent().orElse(0));
    }

    private String rateText(Conversion conversion) {
        return conversion.ratio().isPresent() ? percentFormat.format(conversion.percent().getAsDouble() / 100.0)
                : text.getString("reports.noRate");
    }

    /** The period shown. */
    public ReadOnlyObjectProperty<ReportPeriod> periodProperty() {
        return period;
    }

    /** One row per tender type, in {@link ConversionReport#REPORTED_TENDERS} order. */
    public ObservableList<ReportRow> rows() {
        return readOnlyRows;
    }

    /** "QR code shown → paid: 2 of 4 (50%)". */
    public ReadOnlyStringProperty qrShownTextProperty() {
        return qrShownText;
    }

    /** Loading, empty-period or error text; empty when the table says it all. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** True when the last load failed ({@link #statusTextProperty()} says why). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    /** The last report loaded, or null before the first. */
    public ReadOnlyObjectProperty<ConversionReport> reportProperty() {
        return report;
    }

    /**
     * The conversion report loaded last as a table for the CSV export (issue 12 point 8): per tender, opened, paid,
     * the rate in percent and the sales paid without the page; then the QR codes shown. Empty before the first load.
     */
    public ReportTable exportTable() {
        ConversionReport loaded = report.get();
        if (loaded == null) {
            return ReportTable.EMPTY;
        }
        List<String> header = List.of(text.getString("reports.column.tender"), text.getString("reports.column.opened"),
                text.getString("reports.column.paid"), text.getString("reports.column.conversion"),
                text.getString("reports.column.paidWithoutPage"));
        List<List<String>> cells = new java.util.ArrayList<>();
        List<List<String>> csv = new java.util.ArrayList<>();
        for (TenderConversion t : loaded.tenders()) {
            Conversion c = t.conversion();
            String name = text.getString("reports.tender." + t.tender().name());
            cells.add(List.of(name, Long.toString(c.shown()), Long.toString(c.paid()), rateText(c),
                    Long.toString(t.paidWithoutPage())));
            csv.add(List.of(name, Long.toString(c.shown()), Long.toString(c.paid()),
                    c.percent().isPresent() ? Double.toString(c.percent().getAsDouble()) : "",
                    Long.toString(t.paidWithoutPage())));
        }
        Conversion qr = loaded.qrShown();
        String qrName = text.getString("reports.qrShownRow");
        cells.add(List.of(qrName, Long.toString(qr.shown()), Long.toString(qr.paid()), rateText(qr), ""));
        csv.add(List.of(qrName, Long.toString(qr.shown()), Long.toString(qr.paid()),
                qr.percent().isPresent() ? Double.toString(qr.percent().getAsDouble()) : "", ""));
        return new ReportTable(header, cells, csv);
    }

    /** The label of a period in the till's language. */
    public String periodName(ReportPeriod p) {
        return text.getString("reports.period." + p.name());
    }

    /** The label of a period in the till's language. */
    public String text(String key) {
        return text.getString(key);
    }
}
