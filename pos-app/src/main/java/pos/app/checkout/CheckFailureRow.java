package pos.app.checkout;

/**
 * One line of the pre-check popup (R15): the failed rule's keyword, its reason in the clerk's
 * language, and the field its "Fix" link moves the focus to.
 *
 * @param keyword the rule's keyword, e.g. "bank.nordbank.single_limit"
 * @param reason  the message shown
 * @param field   the field to fix, as {@link FocusTarget}
 */
public record CheckFailureRow(String keyword, String reason, FocusTarget field) {
}
