package pos.app.shift;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.checkout.Supervision;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.people.Approval;
import pos.core.people.GuardedAction;
import pos.sync.shift.TillShifts;

/**
 * Ctrl+N "no sale" (issue 12, point 2): the drawer opens without a sale only with a supervisor's approval through the
 * approval overlay ({@link GuardedAction#NO_SALE}); the opening is journaled with who asked and who approved, then the
 * drawer pulses. A till without sign-in has no supervisor to ask, so it does not open the drawer this way and says so.
 * Use on the UI thread.
 */
public final class NoSale {

    private static final Logger LOG = LoggerFactory.getLogger(NoSale.class);

    private final TillShifts shifts;
    private final Supplier<Supervision> supervision;
    private final Supplier<CashDrawer> drawer;
    private final Consumer<String> say;
    private final ResourceBundle text;
    private final TaskExecutor background;
    private final UiThread ui;

    /**
     * @param supervision the approval overlay, or a supplier of null on a till without sign-in
     * @param say         shows a sentence on the sell screen's message line (UI thread)
     */
    public NoSale(TillShifts shifts, Supplier<Supervision> supervision, Supplier<CashDrawer> drawer, Consumer<String> say,
            ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.shifts = Objects.requireNonNull(shifts, "shifts");
        this.supervision = Objects.requireNonNull(supervision, "supervision");
        this.drawer = Objects.requireNonNull(drawer, "drawer");
        this.say = Objects.requireNonNull(say, "say");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Asks for the approval; when it comes, journals the opening and opens the drawer. */
    public void request() {
        Supervision asking = supervision.get();
        if (asking == null) {
            say.accept(MessageFormat.format(text.getString("nosale.noSupervisor"), new Object[0]));
            return;
        }
        asking.request(GuardedAction.NO_SALE, shifts.noSaleSubject(), text.getString("nosale.onWhat"), 0L, this::approved,
                declined -> say.accept(declined));
    }

    private void approved(Approval approval) {
        String reason = text.getString("nosale.reason");
        background.execute(() -> {
            String sentence;
            try {
                shifts.noSale(approval, reason);
                boolean opened = drawer.get().open("no sale");
                sentence = MessageFormat.format(text.getString(opened ? "nosale.opened" : "nosale.notOpened"),
                        approval.approverId());
            } catch (RuntimeException e) {
                LOG.error("no sale approved by {} could not be journaled; the drawer stays shut", approval.approverId(), e);
                sentence = MessageFormat.format(text.getString("nosale.failed"),
                        e instanceof pos.core.people.ApprovalRequiredException refused // issue 14.3: in the till's language
                                ? pos.app.i18n.ForeignSentences.approvalRequired(text, text.getLocale(), refused)
                                : String.valueOf(e.getMessage()));
            }
            String said = sentence;
            ui.execute(() -> say.accept(said));
        });
    }
}
