package pos.app.checkout;

import java.text.MessageFormat;
import java.time.DayOfWeek;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.MoneyFormat;
import pos.core.money.Money;
import pos.core.pay.Refusal;
import pos.core.pay.RefusalReason;
import pos.core.rules.TimeWindow;

/**
 * The till's words for the checkout and its parts: message keys formatted in the till's language,
 * money, sale time windows, and text cut short for the message line. Not thread-safe (MoneyFormat).
 */
public final class CheckoutText {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutText.class);

    private final ResourceBundle text;
    private final MoneyFormat money;

    public CheckoutText(ResourceBundle text, MoneyFormat money) {
        this.text = Objects.requireNonNull(text, "text");
        this.money = Objects.requireNonNull(money, "money");
    }

    /** The text {@code key} formatted with {@code args}; the key itself (logged) when missing. */
    public String format(String key, Object... args) {
        try {
            return new MessageFormat(text.getString(key), money.locale()).format(args);
        } catch (MissingResourceException e) {
            LOG.error("missing text for key {}", key, e);
            return key;
        }
    }

    /**
     * Why a sale refused, in the till's language (issue 14.3): the text of a {@link pos.core.sale.SaleException}'s
     * reason ({@code sale.refused.*}); other refusals keep their own sentence.
     */
    public String why(RuntimeException e) {
        if (e instanceof pos.core.sale.SaleException refused && refused.reason() != null
                && has("sale.refused." + refused.reason().name())) {
            return format("sale.refused." + refused.reason().name());
        }
        if (e instanceof pos.core.people.ApprovalRequiredException approval) {
            return pos.app.i18n.ForeignSentences.approvalRequired(text, money.locale(), approval);
        }
        return String.valueOf(e.getMessage());
    }

    public boolean has(String key) {
        return text.containsKey(key);
    }

    /**
     * The clerk's sentence for a refusal ({@link Refusal}: {@code INSUFFICIENT_BALANCE:NOTENOUGH}): the text
     * {@code pay.reason.<REASON>} for the neutral reason, whichever provider said it. A code written before the
     * reasons existed (a bare {@code NOTENOUGH} in an old journal) still gets its own {@code pay.reason.<code>}; a
     * code without words, a general sentence. The provider's code itself is for the log and the small detail line
     * only ({@link #providerCode(String)}, issue 11 defect 6).
     */
    public String refusal(String code) {
        return sentence("pay.reason.", code, "pay.reason.other");
    }

    /** The clerk's sentence for a card refusal: {@code card.reason.<REASON>}, as {@link #refusal(String)} does. */
    public String cardRefusal(String code) {
        return sentence("card.reason.", code, "card.reason.other");
    }

    /**
     * The payment service's own code in a refusal, for the clerk's small detail line ("Payment service code:
     * ACQ.BUYER_BALANCE_NOT_ENOUGH"), made safe to show; null when there is none (the till's own reasons).
     */
    public static String providerCode(String code) {
        return Refusal.parse(code).flatMap(Refusal::provider).map(pos.core.text.ClerkEcho::safe).orElse(null);
    }

    private String sentence(String prefix, String code, String otherwise) {
        Optional<Refusal> refusal = Refusal.parse(code);
        if (refusal.isEmpty()) {
            return format(otherwise);
        }
        String byReason = prefix + refusal.get().reason().name();
        if (refusal.get().reason() != RefusalReason.OTHER && has(byReason)) {
            return format(byReason);
        }
        // OTHER, or an old journal's bare code (which reads as OTHER with that code): the code's own words if any.
        String byCode = refusal.get().provider().map(c -> prefix + c).orElse(byReason);
        return has(byCode) ? format(byCode) : has(byReason) ? format(byReason) : format(otherwise);
    }

    public String money(Money amount) {
        return money.format(amount);
    }

    public String plain(Money amount) {
        return money.formatPlain(amount);
    }

    public MoneyFormat moneyFormat() {
        return money;
    }

    public ResourceBundle bundle() {
        return text;
    }

    /** Printable text cut to 32 characters, for echoing what was scanned or typed. */
    public static String abbreviate(String s) {
        return abbreviate(s, 32);
    }

    /**
     * What was scanned or typed, safe to show: hidden characters marked, card numbers masked, cut to
     * {@code max} (a rule-base refusal is a whole sentence, issue 10: it gets more room).
     */
    public static String abbreviate(String s, int max) {
        return pos.core.text.ClerkEcho.safe(s, max);
    }

    /**
     * "Mon–Sat 08:00–22:00; Sun 10:00–18:00" in the till's language (issue 14.3: 每天 08:00 至 22:00; 周一至周六 …): the
     * days, the hours and the joins from the {@code time.window.*} keys.
     */
    public String windows(List<TimeWindow> windows) {
        DateTimeFormatter time = pos.app.i18n.TillDates.clock(money.locale());
        List<String> parts = new ArrayList<>();
        for (TimeWindow w : windows) {
            parts.add(format("time.window.daysAndHours", days(w.days()),
                    format("time.window.hours", time.format(w.from()), time.format(w.to()))));
        }
        return String.join(format("time.window.separator"), parts);
    }

    private String days(Set<DayOfWeek> days) {
        if (days.size() == 7 && has("time.window.everyDay")) {
            return format("time.window.everyDay");
        }
        List<String> runs = new ArrayList<>();
        DayOfWeek[] week = DayOfWeek.values();
        int i = 0;
        while (i < 7) {
            if (!days.contains(week[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < 7 && days.contains(week[j + 1])) {
                j++;
            }
            String first = week[i].getDisplayName(TextStyle.SHORT, money.locale());
            String last = week[j].getDisplayName(TextStyle.SHORT, money.locale());
            runs.add(i == j ? first : format("time.window.dayRun", first, last));
            i = j + 1;
        }
        return String.join(format("time.window.daySeparator"), runs);
    }
}
