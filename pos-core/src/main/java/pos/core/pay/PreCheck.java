package pos.core.pay;

import java.util.List;

/**
 * The outcome of checking an order before it is sent (R13, R14): one finding per failed rule;
 * passes only when there are none. Immutable.
 *
 * @param failures each failed rule: its keyword, a message key with arguments, and the field to fix
 */
public record PreCheck(List<Failure> failures) {

    public PreCheck {
        failures = List.copyOf(failures);
    }

    public static PreCheck ok() {
        return new PreCheck(List.of());
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /**
     * One failed rule.
     *
     * @param keyword    the rule's keyword in the rule base, e.g. "bank.single_limit"
     * @param messageKey the screen's message key
     * @param arguments  the message's arguments (amounts already formatted by the caller's locale, or raw values)
     * @param field      the field to fix, e.g. "amount" (R15's correction link)
     */
    public record Failure(String keyword, String messageKey, List<Object> arguments, String field) {
        public Failure {
            arguments = List.copyOf(arguments);
        }
    }
}
