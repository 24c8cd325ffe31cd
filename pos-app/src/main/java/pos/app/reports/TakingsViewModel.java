package pos.app.reports;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.audit.TillEvent;
import pos.core.events.ReportPeriod;
import pos.core.journal.SaleJournal;
import pos.core.journal.TillRecord;
import pos.core.money.Money;
import pos.core.report.Figure;
import pos.core.report.Shift;
import pos.core.report.Takings;
import pos.core.report.TakingsRow;

/**
 * The takings reports' state (issue 12 point 8): the period (today, the last 7 days, or a shift of today), the
 * {@link Takings} of it read from the journal, and the report shown as a {@link ReportTable}: the takings, per tender,
 * per clerk, per hour (also as bars for the chart), or returns, discounts and voids. Reads run on the background
 * executor and come back on the UI thread; a slower answer for a period already left is dropped. Not thread-safe: UI
 * thread only.
 */
public final class TakingsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(TakingsViewModel.class);

    /** The takings reports, in the order of their keys (1 to 5). */
    public enum Report { TAKINGS, TENDERS, CLERKS, HOURS, ADJUSTMENTS }

    /** One bar of the per-hour chart: the hour's label and its takings in major units. */
    public record Bar(String label, double amount) {
    }

    private final SaleJournal journal;
    private final Currency currency;
    private final Clock clock;
    private final ZoneId zone;
    private final ResourceBundle text;
    private final MoneyFormat money;
    private final DateTimeFormatter timeFormat;
    private final TaskExecutor background;
    private final UiThread ui;

    private final ObjectProperty<Report> report = new SimpleObjectProperty<>(Report.TAKINGS);
    private final ObjectProperty<ReportPeriod> period = new SimpleObjectProperty<>(ReportPeriod.TODAY);
    private final BooleanProperty shiftChosen = new SimpleBooleanProperty();
    private final StringProperty periodText = new SimpleStringProperty("");
    private final StringProperty statusText = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final ObjectProperty<Takings> takings = new SimpleObjectProperty<>();
    private final ObjectProperty<ReportTable> table = new SimpleObjectProperty<>(ReportTable.EMPTY);
    private final ObjectProperty<List<Bar>> bars = new SimpleObjectProperty<>(List.of());
    /** Which of today's shifts, counted back from the latest (0); UI thread only. */
    private int shiftsBack;
    private long generation;

    /**
     * @param journal    the till's journal (read on {@code background})
     * @param currency   the till's currency
     * @param clock      "now" and, with {@code zone}, where today begins and what hour a sale was in
     * @param text       the till's resource bundle ({@code takings.*} keys)
     */
    public TakingsViewModel(SaleJournal journal, Currency currency, Clock clock, ZoneId zone, Locale locale,
            ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.text = Objects.requireNonNull(text, "text");
        this.money = new MoneyFormat(Objects.requireNonNull(locale, "locale"));
        this.timeFormat = pos.app.i18n.TillDates.time(locale).withZone(zone);
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Shows {@code next} of the loaded takings (no reload). */
    public void show(Report next) {
        report.set(Objects.requireNonNull(next, "next"));
        rebuild();
    }

    /** The whole days of {@code next}; loads them. */
    public void choose(ReportPeriod next) {
        period.set(Objects.requireNonNull(next, "next"));
        shiftChosen.set(false);
        refresh();
    }

    /**
     * The latest shift of today; chosen again, the one before it, round to the latest again. Without shifts today
     * the report is the day's, and says so.
     */
    public void chooseShift() {
        shiftsBack = shiftChosen.get() ? shiftsBack + 1 : 0;
        shiftChosen.set(true);
        refresh();
    }

    /** Reloads the current period off the UI thread. */
    public void refresh() {
        long mine = ++generation;
        boolean shift = shiftChosen.get();
        int back = shiftsBack;
        ReportPeriod days = shift ? ReportPeriod.TODAY : period.get();
        Instant dayFrom = days.start(clock, zone);
        Instant dayTo = days.end(clock, zone);
        statusText.set(text.getString("reports.loading"));
        background.execute(() -> {
            try {
                Instant from = dayFrom;
                Instant to = dayTo;
                String label;
                if (shift) {
                    Instant now = clock.instant();
                    List<Shift> shifts = Shift.from(journal.records(TillEvent.class, dayFrom, dayTo), now);
                    if (shifts.isEmpty()) {
                        label = text.getString("takings.period.noShift");
                    } else {
                        int index = shifts.size() - 1 - Math.floorMod(back, shifts.size());
                        Shift chosen = shifts.get(index);
                        from = chosen.from();
                        to = chosen.to().equals(now) ? dayTo : chosen.to();
                        label = MessageFormat.format(text.getString("takings.period.shift"), index + 1, shifts.size(),
                                timeFormat.format(chosen.from()),
                                to.equals(dayTo) ? text.getString("takings.period.now") : timeFormat.format(to));
                    }
                } else {
                    label = text.getString("reports.period." + days.name());
                }
                List<TillRecord> records = journal.records(TillRecord.class, from, to);
                Takings result = Takings.of(from, to, currency.getCurrencyCode(), zone, records);
                String periodLabel = label;
                ui.execute(() -> apply(mine, result, periodLabel));
            } catch (RuntimeException e) {
                LOG.error("Could not compute the takings from {} to {}", dayFrom, dayTo, e);
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ui.execute(() -> fail(mine, reason));
            }
        });
    }

    private void apply(long mine, Takings result, String label) {
        if (mine != generation) {
            return; // asked for something else since
        }
        failed.set(false);
        periodText.set(label);
        takings.set(result);
        boolean nothing = result.sales().count() == 0 && result.returns().count() == 0 && result.cancellations().count() == 0
                && result.voids().count() == 0;
        statusText.set(nothing ? text.getString("reports.empty") : "");
        rebuild();
    }

    private void fail(long mine, String reason) {
        if (mine != generation) {
            return;
        }
        failed.set(true);
        statusText.set(MessageFormat.format(text.getString("takings.error"), reason));
    }

    private void rebuild() {
        Takings t = takings.get();
        if (t == null) {
            table.set(ReportTable.EMPTY);
            bars.set(List.of());
            return;
        }
        table.set(switch (report.get()) {
            case TAKINGS -> figures(List.of(
                    figure("takings.row.sales", t.sales()),
                    figure("takings.row.returns", t.returns()),
                    amountOnly("takings.row.takings", t.takingsMinor())));
            case TENDERS -> rows(t.tenders(), r -> text.getString("reports.tender." + r.key()));
            case CLERKS -> rows(t.clerks(), r -> r.key().isEmpty() ? text.getString("takings.noClerk") : r.label());
            case HOURS -> rows(t.hours(), TakingsRow::label);
            case ADJUSTMENTS -> figures(List.of(
                    figure("takings.row.returns", t.returns()),
                    figure("takings.row.discounts", t.discounts()),
                    figure("takings.row.saleDiscounts", t.saleDiscounts()),
                    amountOnly("takings.row.lineDiscounts", t.lineDiscountsMinor()),
                    figure("takings.row.voids", t.voids()),
                    figure("takings.row.cancellations", t.cancellations()),
                    countOnly("takings.row.noSales", t.noSales().count()),
                    figure("takings.row.payIns", t.payIns()),
                    figure("takings.row.payOuts", t.payOuts())));
        });
        bars.set(t.hours().stream().map(r -> new Bar(r.label(), major(r.takingsMinor()).doubleValue())).toList());
    }

    // ---------------------------------------------------------------- tables

    private record Line(String name, String count, String amountShown, String countCsv, String amountCsv) {
    }

    private Line figure(String key, Figure f) {
        return new Line(text.getString(key), Long.toString(f.count()), shown(f.amountMinor()), Long.toString(f.count()),
                plain(f.amountMinor()));
    }

    private Line amountOnly(String key, long amountMinor) {
        return new Line(text.getString(key), "", shown(amountMinor), "", plain(amountMinor));
    }

    private Line countOnly(String key, long count) {
        return new Line(text.getString(key), Long.toString(count), "", Long.toString(count), "");
    }

    private ReportTable figures(List<Line> lines) {
        List<String> header = List.of(text.getString("takings.column.figure"), text.getString("takings.column.count"),
                text.getString("takings.column.amount"));
        List<List<String>> cells = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        for (Line l : lines) {
            cells.add(List.of(l.name(), l.count(), l.amountShown()));
            csv.add(List.of(l.name(), l.countCsv(), l.amountCsv()));
        }
        return new ReportTable(header, cells, csv);
    }

    private ReportTable rows(List<TakingsRow> rows, java.util.function.Function<TakingsRow, String> name) {
        List<String> header = List.of(text.getString("takings.column." + report.get().name()),
                text.getString("takings.column.sales"), text.getString("takings.column.salesAmount"),
                text.getString("takings.column.returns"), text.getString("takings.column.returnsAmount"),
                text.getString("takings.column.takings"));
        List<List<String>> cells = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        for (TakingsRow r : rows) {
            cells.add(List.of(name.apply(r), Long.toString(r.sales().count()), shown(r.sales().amountMinor()),
                    Long.toString(r.returns().count()), shown(r.returns().amountMinor()), shown(r.takingsMinor())));
            csv.add(List.of(name.apply(r), Long.toString(r.sales().count()), plain(r.sales().amountMinor()),
                    Long.toString(r.returns().count()), plain(r.returns().amountMinor()), plain(r.takingsMinor())));
        }
        return new ReportTable(header, cells, csv);
    }

    private String shown(long minor) {
        return money.format(Money.ofMinor(minor, currency));
    }

    private BigDecimal major(long minor) {
        return BigDecimal.valueOf(minor, Math.max(0, currency.getDefaultFractionDigits()));
    }

    private String plain(long minor) {
        return major(minor).toPlainString();
    }

    // ---------------------------------------------------------------- properties

    /** The report shown. */
    public ReadOnlyObjectProperty<Report> reportProperty() {
        return report;
    }

    /** The whole days chosen (meaningless while a shift is chosen). */
    public ReadOnlyObjectProperty<ReportPeriod> periodProperty() {
        return period;
    }

    /** True while a shift, not whole days, is chosen. */
    public ReadOnlyBooleanProperty shiftChosenProperty() {
        return shiftChosen;
    }

    /** "Today", "Shift 2 of 3 · 14:00 – now", or "No shift opened today: the whole day". */
    public ReadOnlyStringProperty periodTextProperty() {
        return periodText;
    }

    /** Loading, empty or error text; empty when the table says it all. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText;
    }

    /** True when the last load failed. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    /** The takings loaded last, or null before the first load. */
    public ReadOnlyObjectProperty<Takings> takingsProperty() {
        return takings;
    }

    /** The report shown, as a table. */
    public ReadOnlyObjectProperty<ReportTable> tableProperty() {
        return table;
    }

    /** The takings per hour for the chart. */
    public ReadOnlyObjectProperty<List<Bar>> barsProperty() {
        return bars;
    }

    /** The export file's name for the report shown: "takings-tenders". */
    public String exportName() {
        return "takings-" + report.get().name().toLowerCase(Locale.ROOT);
    }
}
