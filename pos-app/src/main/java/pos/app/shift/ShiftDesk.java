package pos.app.shift;

import java.time.Clock;
import java.util.Currency;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import pos.app.checkout.Supervision;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.journal.SaleJournal;
import pos.core.sale.TransactionId;
import pos.sync.shift.TillShifts;

/**
 * The till's shifts as the sell screen reaches them: Ctrl+S opens the shift screen, Ctrl+N asks for a "no sale";
 * the integrator hands in the printer ({@link #usePrinting}) and the drawer ({@link #useDrawer}). Built once by the
 * wiring. FX thread.
 */
public final class ShiftDesk {

    /** Ctrl+S: the shift screen. */
    public static final KeyCombination SHIFT_SCREEN = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    /** Ctrl+N: no sale. */
    public static final KeyCombination NO_SALE = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);

    private final TillShifts shifts;
    private final ResourceBundle text;
    private final MoneyFormat money;
    private final Clock clock;
    private final TaskExecutor background;
    private volatile ShiftPrinting printing = ShiftPrinting.NOT_WIRED;
    private volatile CashDrawer drawer = CashDrawer.NOT_WIRED;
    private Supervision supervision;
    private Supplier<String> clerk = () -> null;
    private BooleanSupplier saleOnScreen = () -> false;

    /** Reads the journal for the open shift and the last Z (blocking: at start-up). */
    public ShiftDesk(SaleJournal journal, String tillId, Currency currency, Clock clock, ResourceBundle text,
            MoneyFormat money, TaskExecutor background) {
        TransactionId.Generator ids = new TransactionId.Generator(clock);
        this.shifts = new TillShifts(journal, tillId, currency.getCurrencyCode(), clock, () -> ids.next().value());
        this.text = Objects.requireNonNull(text, "text");
        this.money = Objects.requireNonNull(money, "money");
        this.clock = clock;
        this.background = Objects.requireNonNull(background, "background");
    }

    /** The till's shifts: {@code shifts().currentShiftId()} is the open shift for sales and returns. */
    public TillShifts shifts() {
        return shifts;
    }

    /** Where X and Z reports print (the integrator wires the receipt printer here). */
    public void usePrinting(ShiftPrinting printing) {
        this.printing = Objects.requireNonNull(printing, "printing");
    }

    /** The drawer that pay-ins, pay-outs and no-sales open (the integrator wires the printer's pulse here). */
    public void useDrawer(CashDrawer drawer) {
        this.drawer = Objects.requireNonNull(drawer, "drawer");
    }

    /** The approval overlay for no-sales, and who is signed in; without them (sign-in off) no-sale is refused. */
    public void usePeople(Supervision supervision, Supplier<String> clerkId) {
        this.supervision = supervision;
        this.clerk = Objects.requireNonNull(clerkId, "clerkId");
    }

    /**
     * Ctrl+S and Ctrl+N on the sell screen's scene, ignored while the till is locked.
     *
     * @param saleOnScreen whether a sale with items is still open on the sell screen (a shift is not closed under it)
     * @param say shows a sentence on the sell screen's message line
     */
    public void install(Scene scene, BooleanSupplier locked, BooleanSupplier saleOnScreen, Consumer<String> say) {
        this.saleOnScreen = Objects.requireNonNull(saleOnScreen, "saleOnScreen");
        NoSale noSale = new NoSale(shifts, () -> supervision, () -> drawer, say, text, background, UiThread.javaFx());
        scene.getAccelerators().put(SHIFT_SCREEN, () -> {
            if (!locked.getAsBoolean()) {
                open(scene.getWindow());
            }
        });
        scene.getAccelerators().put(NO_SALE, () -> {
            if (!locked.getAsBoolean()) {
                noSale.request();
            }
        });
    }

    /** Opens the shift screen over {@code owner}. */
    public Stage open(Window owner) {
        ShiftViewModel model = new ShiftViewModel(shifts, () -> printing, () -> drawer, clerk, saleOnScreen, text, money,
                clock.getZone(), background, UiThread.javaFx());
        return ShiftView.open(owner, model, text);
    }
}
