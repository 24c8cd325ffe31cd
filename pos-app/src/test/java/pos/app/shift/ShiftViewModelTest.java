package pos.app.shift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.people.Approval;
import pos.core.people.GuardedAction;
import pos.core.sale.TransactionId;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.shift.OpenShift;
import pos.sync.shift.TillShifts;

@DisplayName("Issue 12 points 2 and 5: the shift screen's model and no sale, on a real SQLite journal")
class ShiftViewModelTest {

    @TempDir
    Path dir;

    private final ResourceBundle text = pos.app.i18n.Texts.forLocale(Locale.UK);
    private final Clock clock = Clock.systemUTC();
    private final List<String> printed = new ArrayList<>();
    private final List<String> drawerOpenings = new ArrayList<>();
    private final AtomicBoolean saleOnScreen = new AtomicBoolean();
    private SqliteSaleJournal journal;
    private TillShifts shifts;
    private ShiftViewModel model;

    /** The integrator's printer, as this part sees it: records what it was asked to print. */
    private final ShiftPrinting printing = new ShiftPrinting() {
        @Override
        public boolean printX(OpenShift shift, ShiftFigures figures) {
            printed.add("X " + shift.shiftId());
            return true;
        }

        @Override
        public boolean printZ(ZReport z) {
            printed.add("Z " + z.zNumber());
            return true;
        }
    };

    @BeforeEach
    void setUp() {
        journal = SqliteSaleJournal.open(dir);
        TransactionId.Generator ids = new TransactionId.Generator(clock);
        shifts = new TillShifts(journal, "till-vm", "GBP", clock, () -> ids.next().value());
        model = new ShiftViewModel(shifts, () -> printing, () -> why -> drawerOpenings.add(why), () -> "c1",
                saleOnScreen::get, text, new MoneyFormat(Locale.UK), ZoneOffset.UTC, TaskExecutor.sameThread(),
                UiThread.sameThread());
    }

    @AfterEach
    void tearDown() {
        journal.close();
    }

    @Test
    @DisplayName("float → pay-out → count with a difference needs a reason → Z #1 shown and printed; X equals the Z")
    void openPayOutCountAndZ() {
        model.activate();
        assertThat(model.phaseProperty().get()).isEqualTo(ShiftViewModel.Phase.NO_SHIFT);
        assertThat(model.headlineProperty().get()).contains("#1");

        model.amountProperty().set("100");
        model.enter();
        assertThat(model.phaseProperty().get()).isEqualTo(ShiftViewModel.Phase.OPEN);
        assertThat(model.messageProperty().get()).isEqualTo("Shift opened with a float of £100.00.");

        model.amountProperty().set("12.50");
        model.payOut();
        assertThat(model.errorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).contains("type a reason");
        model.reasonProperty().set("window cleaner");
        model.payOut();
        assertThat(model.messageProperty().get()).startsWith("Paid out £12.50 (window cleaner).");
        assertThat(drawerOpenings).containsExactly("pay-out");
        assertThat(model.report()).contains(ReportLine.of("Pay-outs (1)", "-£12.50"), ReportLine.of("Expected in the drawer", "£87.50"));

        saleOnScreen.set(true);
        model.startCount();
        assertThat(model.phaseProperty().get()).as("never closed under an open sale").isEqualTo(ShiftViewModel.Phase.OPEN);
        saleOnScreen.set(false);

        ShiftFigures x = shifts.x();
        model.startCount();
        assertThat(model.phaseProperty().get()).isEqualTo(ShiftViewModel.Phase.COUNTING);
        count(5000L, "1");
        count(2000L, "1");
        count(1000L, "1");
        count(500L, "1");
        count(100L, "2");
        assertThat(model.countedTextProperty().get()).isEqualTo("Counted: £87.00");
        assertThat(model.expectedTextProperty().get()).isEqualTo("Expected: £87.50");
        assertThat(model.varianceTextProperty().get()).isEqualTo("Short by £0.50");

        model.enter();
        assertThat(model.phaseProperty().get()).isEqualTo(ShiftViewModel.Phase.COUNTING);
        assertThat(model.messageProperty().get()).contains("type the reason");
        model.reasonProperty().set("change given twice");
        model.enter();

        assertThat(model.phaseProperty().get()).isEqualTo(ShiftViewModel.Phase.CLOSED);
        ZReport z = model.lastZ().orElseThrow();
        assertThat(z.zNumber()).isEqualTo(1);
        assertThat(z.figures()).as("X and Z of the same shift are equal").isEqualTo(x);
        assertThat(z.varianceMinor()).isEqualTo(-50);
        assertThat(z.varianceReason()).isEqualTo("change given twice");
        assertThat(z.countedCash()).containsEntry(100L, 2).containsEntry(5000L, 1).hasSize(5);
        assertThat(model.reportTitleProperty().get()).isEqualTo("Z report #1");
        assertThat(model.report()).contains(ReportLine.of("Difference (counted − expected)", "-£0.50"),
                ReportLine.of("Reason", "change given twice"));
        assertThat(printed).containsExactly("Z 1");
        assertThat(journal.findRecord(ZReport.class, z.shiftId())).contains(z);

        model.enter();
        assertThat(model.phaseProperty().get()).isEqualTo(ShiftViewModel.Phase.NO_SHIFT);
        assertThat(model.headlineProperty().get()).contains("#2");
    }

    @Test
    @DisplayName("what cannot be read is said, and nothing is journaled")
    void badInputIsSaid() {
        model.activate();
        model.amountProperty().set("ten");
        model.enter();
        assertThat(model.messageProperty().get()).isEqualTo("“ten” is not an amount. Type it like 50 or 50.00.");
        assertThat(shifts.current()).isEmpty();
        model.payIn();
        assertThat(model.messageProperty().get()).contains("No shift is open");
    }

    @Test
    @DisplayName("no sale: journaled with who asked and who approved, then the drawer opens; declined or without sign-in it stays shut")
    void noSale() {
        List<String> said = new ArrayList<>();
        pos.app.checkout.Supervision approving = (action, subject, onWhat, approved, declined) ->
                approved.accept(new Approval(action, subject, "boss", "c1", clock.instant()));
        new NoSale(shifts, () -> approving, () -> why -> drawerOpenings.add(why), said::add, text, TaskExecutor.sameThread(),
                UiThread.sameThread()).request();
        assertThat(said).containsExactly("Drawer opened without a sale, approved by boss.");
        assertThat(drawerOpenings).containsExactly("no sale");
        List<TillEvent> events = journal.records(TillEvent.class, java.time.Instant.EPOCH, clock.instant().plusSeconds(60));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.entry().kind()).isEqualTo(AuditKind.DRAWER_OPENED);
            assertThat(e.entry().clerkId()).isEqualTo("c1");
            assertThat(e.entry().approverId()).isEqualTo("boss");
        });

        pos.app.checkout.Supervision declining = (action, subject, onWhat, approved, declined) -> {
            assertThat(action).isEqualTo(GuardedAction.NO_SALE);
            declined.accept("No supervisor approved.");
        };
        new NoSale(shifts, () -> declining, () -> why -> drawerOpenings.add(why), said::add, text, TaskExecutor.sameThread(),
                UiThread.sameThread()).request();
        new NoSale(shifts, () -> null, () -> why -> drawerOpenings.add(why), said::add, text, TaskExecutor.sameThread(),
                UiThread.sameThread()).request();
        assertThat(said).endsWith("No supervisor approved.",
                "No sale needs a supervisor's approval, and this till runs without sign-in: the drawer opens only with a sale or by its key.");
        assertThat(drawerOpenings).containsExactly("no sale");
    }

    private void count(long denomination, String typed) {
        model.counts().stream().filter(r -> r.denominationMinor() == denomination).findFirst().orElseThrow()
                .countProperty().set(typed);
    }
}
