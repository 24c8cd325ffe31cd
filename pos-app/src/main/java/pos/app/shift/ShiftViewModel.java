package pos.app.shift;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.sync.shift.OpenShift;
import pos.sync.shift.ShiftException;
import pos.sync.shift.TillShifts;

/**
 * The shift screen's state (issue 12, point 5): no shift → type the float, Enter opens one; a shift open → pay-in
 * (F5) and pay-out (F6) with the amount and reason typed, the X report (F8), count the drawer (F9); counting → a count
 * per note and coin with the running total, expected and variance, a reason when it is not zero, Enter makes the Z,
 * which is then shown and printed (F4 prints the report shown again). Journal work runs on {@code background}, its
 * outcome comes back through {@code ui}. Not thread-safe: use it on the UI thread.
 */
public final class ShiftViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ShiftViewModel.class);

    /** What the screen is showing. */
    public enum Phase { LOADING, NO_SHIFT, OPEN, COUNTING, CLOSED }

    private final TillShifts shifts;
    private final Supplier<ShiftPrinting> printing;
    private final Supplier<CashDrawer> drawer;
    private final Supplier<String> clerk;
    private final java.util.function.BooleanSupplier saleOnScreen;
    private final ResourceBundle text;
    private final Currency currency;
    private final ShiftReportLines lines;
    private final TaskExecutor background;
    private final UiThread ui;

    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.LOADING);
    private final StringProperty headline = new SimpleStringProperty("");
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty reportTitle = new SimpleStringProperty("");
    private final ObservableList<ReportLine> report = FXCollections.observableArrayList();
    private final ObservableList<CountRow> counts = FXCollections.observableArrayList();
    private final StringProperty countedText = new SimpleStringProperty("");
    private final StringProperty expectedText = new SimpleStringProperty("");
    private final StringProperty varianceText = new SimpleStringProperty("");
    /** Counts up each time the screen needs the reason typed (the view puts the cursor there). */
    private final javafx.beans.property.IntegerProperty reasonWanted = new javafx.beans.property.SimpleIntegerProperty();
    private OpenShift open;
    private long expectedMinor;
    private ZReport lastZ;
    private ShiftFigures lastX;

    /**
     * @param shifts     the till's shifts (journal I/O: called on {@code background})
     * @param printing   prints X and Z (read when printing, so the integrator may wire it late)
     * @param drawer     opens the drawer for pay-ins and pay-outs
     * @param clerk      the id of the clerk signed in, or null without sign-in (read on the UI thread)
     * @param saleOnScreen whether a sale with items is still open on the sell screen: the shift is not closed under it
     */
    public ShiftViewModel(TillShifts shifts, Supplier<ShiftPrinting> printing, Supplier<CashDrawer> drawer,
            Supplier<String> clerk, java.util.function.BooleanSupplier saleOnScreen, ResourceBundle text, MoneyFormat money, ZoneId zone, TaskExecutor background,
            UiThread ui) {
        this.shifts = Objects.requireNonNull(shifts, "shifts");
        this.printing = Objects.requireNonNull(printing, "printing");
        this.drawer = Objects.requireNonNull(drawer, "drawer");
        this.clerk = Objects.requireNonNull(clerk, "clerk");
        this.saleOnScreen = Objects.requireNonNull(saleOnScreen, "saleOnScreen");
        this.text = Objects.requireNonNull(text, "text");
        this.currency = Currency.getInstance(shifts.currency());
        this.lines = new ShiftReportLines(text, money, currency, zone);
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        for (long denomination : shifts.denominations()) {
            CountRow row = new CountRow(denomination, lines.money(denomination));
            row.countProperty().addListener((obs, was, now) -> recount());
            counts.add(row);
        }
    }

    public ObjectProperty<Phase> phaseProperty() { return phase; }
    public StringProperty headlineProperty() { return headline; }
    public StringProperty amountProperty() { return amount; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty errorProperty() { return error; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty reportTitleProperty() { return reportTitle; }
    public ObservableList<ReportLine> report() { return report; }
    public ObservableList<CountRow> counts() { return counts; }
    public StringProperty countedTextProperty() { return countedText; }
    public StringProperty expectedTextProperty() { return expectedText; }
    public StringProperty varianceTextProperty() { return varianceText; }
    public javafx.beans.property.ReadOnlyIntegerProperty reasonWantedProperty() { return reasonWanted; }

    /** The Z report made on this screen, if any. */
    public java.util.Optional<ZReport> lastZ() {
        return java.util.Optional.ofNullable(lastZ);
    }

    /** Reads whether a shift is open and shows it (its X report) or asks for the float. */
    public void activate() {
        work(() -> {
            OpenShift current = shifts.current().orElse(null);
            ShiftFigures x = current == null ? null : shifts.x();
            long next = shifts.nextZNumber();
            return () -> {
                open = current;
                if (current == null) {
                    enterNoShift(next);
                } else {
                    enterOpen(x);
                }
            };
        });
    }

    /** Enter: opens the shift with the typed float, or makes the Z while counting. */
    public void enter() {
        if (phase.get() == Phase.NO_SHIFT) {
            openShift();
        } else if (phase.get() == Phase.COUNTING) {
            makeZ();
        } else if (phase.get() == Phase.CLOSED) {
            nextShift();
        }
    }

    /** Opens a shift with the float typed in the amount field. */
    public void openShift() {
        if (phase.get() != Phase.NO_SHIFT || busy.get()) {
            return;
        }
        Long floatMinor = typedAmount(true);
        if (floatMinor == null) {
            return;
        }
        String who = clerk.get();
        work(() -> {
            OpenShift opened = shifts.open(floatMinor, who);
            ShiftFigures x = shifts.x();
            return () -> {
                open = opened;
                amount.set(""); // the float is not the first pay-in's amount
                enterOpen(x);
                say(false, "shift.opened", lines.money(floatMinor));
            };
        });
    }

    /** F5: cash put in, the typed amount and reason. */
    public void payIn() {
        cashMovement(true);
    }

    /** F6: cash taken out, the typed amount and reason. */
    public void payOut() {
        cashMovement(false);
    }

    private void cashMovement(boolean in) {
        if (phase.get() != Phase.OPEN || busy.get()) {
            if (phase.get() == Phase.NO_SHIFT) {
                say(true, "shift.none");
            }
            return;
        }
        Long minor = typedAmount(false);
        if (minor == null) {
            return;
        }
        String why = reason.get() == null ? "" : reason.get().strip();
        if (why.isEmpty()) {
            say(true, in ? "shift.payIn.reason" : "shift.payOut.reason");
            reasonWanted.set(reasonWanted.get() + 1);
            return;
        }
        String who = clerk.get();
        work(() -> {
            if (in) {
                shifts.payIn(minor, why, who);
            } else {
                shifts.payOut(minor, why, who);
            }
            boolean opened = drawer.get().open(in ? "pay-in" : "pay-out");
            ShiftFigures x = shifts.x();
            return () -> {
                amount.set("");
                reason.set("");
                showX(x);
                say(false, in ? "shift.paidIn" : "shift.paidOut", lines.money(minor), why);
                if (!opened) {
                    message.set(message.get() + " " + text.getString("shift.drawer.notOpened"));
                }
            };
        });
    }

    /** F8: the X report of the open shift now. */
    public void x() {
        if (open == null || busy.get()) {
            say(true, "shift.none");
            return;
        }
        work(() -> {
            ShiftFigures x = shifts.x();
            return () -> {
                phase.set(Phase.OPEN);
                showX(x);
                say(false, "shift.x.shown");
            };
        });
    }

    /** F9: count the drawer to close the shift. */
    public void startCount() {
        if (open == null || busy.get() || phase.get() == Phase.COUNTING) {
            if (open == null) {
                say(true, "shift.none");
            }
            return;
        }
        if (saleOnScreen.getAsBoolean()) {
            say(true, "shift.count.saleOpen");
            return;
        }
        work(() -> {
            ShiftFigures x = shifts.x();
            return () -> {
                showX(x);
                expectedMinor = x.cashExpectedMinor();
                counts.forEach(row -> row.countProperty().set(""));
                reason.set("");
                phase.set(Phase.COUNTING);
                recount();
                say(false, "shift.count.prompt");
            };
        });
    }

    /** Esc while counting: back to the open shift without closing. */
    public boolean back() {
        if (phase.get() == Phase.COUNTING && !busy.get()) {
            phase.set(Phase.OPEN);
            say(false, "shift.count.left");
            return true;
        }
        return false;
    }

    /** Enter while counting: the Z is made from the count (a reason is needed for a variance), journaled, shown, printed. */
    public void makeZ() {
        if (phase.get() != Phase.COUNTING || busy.get()) {
            return;
        }
        Map<Long, Integer> counted = typedCounts();
        if (counted == null) {
            return;
        }
        long variance = total(counted) - expectedMinor;
        String why = reason.get() == null ? "" : reason.get().strip();
        if (variance != 0 && why.isEmpty()) {
            say(true, "shift.variance.reason", lines.money(variance));
            reasonWanted.set(reasonWanted.get() + 1);
            return;
        }
        String who = clerk.get();
        work(() -> {
            ZReport z = shifts.close(counted, why, who);
            long next = shifts.nextZNumber();
            return () -> {
                lastZ = z;
                open = null;
                phase.set(Phase.CLOSED);
                headline.set(lines.say("shift.headline.closed", z.zNumber(), next));
                reportTitle.set(lines.say("shift.z.title", z.zNumber()));
                report.setAll(lines.z(z));
                say(false, "shift.z.made", z.zNumber(), lines.money(z.varianceMinor()));
                print();
            };
        });
    }

    /** F4: prints the report shown (the Z just made, or the X). */
    public void print() {
        ZReport z = phase.get() == Phase.CLOSED ? lastZ : null;
        ShiftFigures x = z == null ? lastX : null;
        OpenShift shift = open;
        if (z == null && (x == null || shift == null)) {
            return;
        }
        background.execute(() -> {
            boolean printed;
            try {
                printed = z != null ? printing.get().printZ(z) : printing.get().printX(shift, x);
            } catch (RuntimeException e) {
                LOG.error("printing the {} report failed", z != null ? "Z #" + z.zNumber() : "X", e);
                printed = false;
            }
            boolean sent = printed;
            ui.execute(() -> message.set(message.get() + " " + text.getString(sent ? "shift.printed" : "shift.notPrinted")));
        });
    }

    /** After the Z: the screen asks for the next shift's float. */
    public void nextShift() {
        if (phase.get() == Phase.CLOSED) {
            enterNoShift(shifts.nextZNumber());
        }
    }

    private void enterNoShift(long nextZ) {
        boolean zShown = phase.get() == Phase.CLOSED; // the Z just made stays on screen while the next float is typed
        phase.set(Phase.NO_SHIFT);
        headline.set(lines.say("shift.headline.none", nextZ));
        amount.set("");
        reason.set("");
        if (!zShown) {
            reportTitle.set("");
            report.clear();
        }
        say(false, "shift.float.prompt");
    }

    private void enterOpen(ShiftFigures x) {
        phase.set(Phase.OPEN);
        headline.set(lines.say("shift.headline.open", lines.time(open.openedAt()), lines.money(open.floatMinor()),
                shifts.nextZNumber()));
        showX(x);
        say(false, "shift.open.prompt");
    }

    private void showX(ShiftFigures x) {
        lastX = x;
        reportTitle.set(lines.say("shift.x.title", lines.time(java.time.Instant.now())));
        report.setAll(lines.figures(x));
    }

    private void recount() {
        if (phase.get() != Phase.COUNTING) {
            return;
        }
        Map<Long, Integer> counted = new TreeMap<>();
        boolean readable = true;
        for (CountRow row : counts) {
            Integer n = count(row.countProperty().get());
            if (n == null) {
                readable = false;
            } else if (n > 0) {
                counted.put(row.denominationMinor(), n);
            }
        }
        long total = total(counted);
        countedText.set(lines.say("shift.count.counted", lines.money(total)) + (readable ? "" : " " + text.getString("shift.count.unreadable")));
        expectedText.set(lines.say("shift.count.expected", lines.money(expectedMinor)));
        long variance = total - expectedMinor;
        varianceText.set(lines.say(variance == 0 ? "shift.count.even" : variance < 0 ? "shift.count.short" : "shift.count.over",
                lines.money(Math.abs(variance))));
    }

    private Map<Long, Integer> typedCounts() {
        Map<Long, Integer> counted = new TreeMap<>();
        for (CountRow row : counts) {
            Integer n = count(row.countProperty().get());
            if (n == null) {
                say(true, "shift.count.notANumber", row.label());
                return null;
            }
            if (n > 0) {
                counted.put(row.denominationMinor(), n);
            }
        }
        return counted;
    }

    /** A typed count: empty is 0, digits are the count, anything else is null. */
    private static Integer count(String typed) {
        String t = typed == null ? "" : pos.core.text.NumericText.normalise(typed).strip();
        if (t.isEmpty()) {
            return 0;
        }
        if (!t.matches("\\d{1,6}")) {
            return null;
        }
        return Integer.parseInt(t);
    }

    private static long total(Map<Long, Integer> counted) {
        return pos.core.shift.Denominations.total(counted);
    }

    private Long typedAmount(boolean zeroAllowed) {
        try {
            long minor = Money.parse(amount.get(), currency).minorUnits();
            if (minor < 0 || (minor == 0 && !zeroAllowed)) {
                say(true, "shift.amount.positive");
                return null;
            }
            return minor;
        } catch (MoneyFormatException e) {
            say(true, "shift.amount.notAnAmount", amount.get() == null ? "" : amount.get());
            return null;
        }
    }

    /** Runs journal work off the UI thread; its result is applied on the UI thread, a refusal or failure is said. */
    private void work(java.util.concurrent.Callable<Runnable> task) {
        busy.set(true);
        background.execute(() -> {
            Runnable apply;
            try {
                apply = task.call();
            } catch (ShiftException e) {
                LOG.info("shift step refused: {}", e.getMessage());
                String key = "shift.refused." + e.reason().name();
                apply = () -> say(true, key);
            } catch (pos.core.journal.JournalWriteException e) {
                LOG.error("a shift step could not be journaled", e);
                apply = () -> say(true, "shift.journalFailed", e.getMessage());
            } catch (Exception e) {
                LOG.error("a shift step failed", e);
                apply = () -> say(true, "shift.failed", String.valueOf(e.getMessage()));
            }
            Runnable result = apply;
            ui.execute(() -> {
                busy.set(false);
                result.run();
            });
        });
    }

    private void say(boolean isError, String key, Object... args) {
        error.set(isError);
        message.set(lines.say(key, args));
    }

    /** The names the screen's buttons and lines use, for tests and the view. */
    String text(String key) {
        return text.getString(key);
    }

    List<ReportLine> reportLines() {
        return List.copyOf(report);
    }
}
