package pos.app.checkout;

import java.util.function.Consumer;
import pos.core.people.Approval;
import pos.core.people.GuardedAction;

/**
 * Where the sell screen asks a supervisor to approve a guarded action (void, cancel, refund, price override)
 * before it does it through {@link pos.core.people.SupervisedSale}. Exactly one of the two callbacks is
 * called, on the UI thread, at once or later.
 */
public interface Supervision {

    /**
     * Asks for an approval of {@code action} on {@code subject} (the approval's subject, e.g. the line's),
     * described to the people at the till as {@code onWhat}.
     *
     * @param approved hears the approval to hand to {@link pos.core.people.SupervisedSale}
     * @param declined hears the sentence to show when no approval came (given up, nobody signed in)
     */
    void request(GuardedAction action, String subject, String onWhat, Consumer<Approval> approved, Consumer<String> declined);

    /**
     * As {@link #request(GuardedAction, String, String, Consumer, Consumer)}, with the money at stake in the store
     * currency's minor units (a void: the line's amount; a cancel: the sale's total; a refund: what goes back; no
     * sale: 0). Issue 16: above {@code pos.face.pinAbove} a supervisor's face approves only with their PIN too.
     * Supervisions that do not weigh the amount ignore it.
     */
    default void request(GuardedAction action, String subject, String onWhat, long amountMinor, Consumer<Approval> approved,
            Consumer<String> declined) {
        request(action, subject, onWhat, approved, declined);
    }
}
