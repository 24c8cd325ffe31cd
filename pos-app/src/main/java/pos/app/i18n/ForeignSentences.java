package pos.app.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import pos.core.people.ApprovalRequiredException;
import pos.core.people.GuardedAction;

/**
 * Sentences made in other modules (which have no bundles: their reason and values are data), said in the till's
 * language (issue 14 point 3: "every screen, message […] in a zh_CN bundle"). Each falls back to the module's own
 * English sentence when it carries no reason or the bundle has no text for it. Stateless.
 */
public final class ForeignSentences {

    private ForeignSentences() {
    }

    /**
     * Why a supervisor's approval does not do: the text {@code approval.required.<REASON>}, its actions said as
     * {@code approval.action.<ACTION>}; else the exception's own sentence.
     */
    public static String approvalRequired(ResourceBundle text, Locale locale, ApprovalRequiredException e) {
        if (e.reason().isEmpty() || !text.containsKey("approval.required." + e.reason().get().name())) {
            return String.valueOf(e.getMessage());
        }
        Object[] values = e.arguments().stream()
                .map(v -> v instanceof GuardedAction action && text.containsKey("approval.action." + action.name())
                        ? text.getString("approval.action." + action.name()) : v)
                .toArray();
        return new MessageFormat(text.getString("approval.required." + e.reason().get().name()), locale).format(values);
    }

    /**
     * Why a return's money cannot go back (pos-sync): the text {@code returns.refund.<REASON>}, its amounts in the
     * till's money format and its tenders as {@code tender.name.<TYPE>}; else the exception's own sentence.
     */
    public static String refundRefused(ResourceBundle text, pos.app.ui.MoneyFormat money,
            pos.sync.refund.RefundRefusedException e) {
        if (e.reason().isEmpty() || !text.containsKey("returns.refund." + e.reason().get().name())) {
            return e.sentence();
        }
        Object[] values = e.values().stream()
                .map(v -> v instanceof pos.core.money.Money amount ? money.format(amount)
                        : v instanceof pos.core.sale.TenderType type && text.containsKey("tender.name." + type.name())
                                ? text.getString("tender.name." + type.name()) : v)
                .toArray();
        return new MessageFormat(text.getString("returns.refund." + e.reason().get().name()), money.locale())
                .format(values);
    }
}
