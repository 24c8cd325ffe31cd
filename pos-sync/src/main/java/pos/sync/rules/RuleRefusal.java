package pos.sync.rules;

import java.util.List;
import java.util.Objects;

/**
 * Why rule data was refused, as a reason and the values the till's text for it is formatted with (issue 14.3: a
 * Chinese till says it in Chinese; pos-sync has no bundles, so the reason is data and the till renders it from the
 * key {@code status.rules.refusal.<REASON>}). The English sentence stays in {@link RuleBaseStatus#lastRefusal()}
 * for the log.
 *
 * @param reason what was wrong
 * @param values the values of the till's text, in the order each reason's doc names them
 */
public record RuleRefusal(Reason reason, List<Object> values) {

    /** What was wrong with the refused rule data. */
    public enum Reason {
        /** No store owner key on this till: updates are not taken. No values. */
        UPDATES_OFF,
        /** Not signed by the store owner. Values: the version it claims, the version in force. */
        NOT_SIGNED,
        /** The rule data does not compile. Values: the compiler's own sentence (English detail), the version in force. */
        BROKEN_DATA,
        /** The data's version differs from the signed one. Values: the data's, the signed, the version in force. */
        VERSION_MISMATCH,
        /** The till's saved copy cannot be read at start. Values: the English detail. */
        CACHE_UNREADABLE,
        /** The till's saved copy was refused at start. Values: its version, the English detail. */
        CACHE_REFUSED
    }

    public RuleRefusal {
        Objects.requireNonNull(reason, "reason");
        values = List.copyOf(values);
    }

    /** The key of the till's text for this refusal. */
    public String key() {
        return "status.rules.refusal." + reason.name();
    }

    static RuleRefusal of(Reason reason, Object... values) {
        return new RuleRefusal(reason, List.of(values));
    }
}
