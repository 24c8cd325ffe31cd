package pos.app.checkout;

/**
 * One line of the pre-check popup (R15): the failed rule's keyword (for the log, never shown), its
 * reason in the clerk's language, the field its "Fix" link moves the focus to, and the kind of
 * check in a sentence of the clerk's language.
 *
 * @param keyword the rule's keyword, e.g. "bank.nordbank.single_limit"
 * @param reason  the message shown
 * @param field   the field to fix, as {@link FocusTarget}
 * @param kind    what kind of check failed, e.g. "Age check: …"; empty when not known yet
 */
public record CheckFailureRow(String keyword, String reason, FocusTarget field, String kind) {

    public CheckFailureRow {
        kind = kind == null ? "" : kind;
    }

    /** A line whose kind the rule check fills in. */
    public CheckFailureRow(String keyword, String reason, FocusTarget field) {
        this(keyword, reason, field, "");
    }

    CheckFailureRow withKind(String text) {
        return new CheckFailureRow(keyword, reason, field, text);
    }
}
