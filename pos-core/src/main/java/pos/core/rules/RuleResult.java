package pos.core.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one rule (R14): passed or failed, the message (a bundle key with its arguments,
 * or the store's own text written with the rule), and the field the clerk should fix (R15).
 * Arguments are plain values: {@link pos.core.money.Money} amounts, numbers, strings, lists of
 * {@link TimeWindow}; the screen formats them for its locale.
 *
 * @param keyword       the rule's keyword
 * @param passed        whether the payment meets the rule
 * @param messageKey    the message's bundle key, e.g. "rule.bank_single_limit.over"
 * @param arguments     the message's arguments
 * @param field         the field to fix, one of {@link Fields}, or "" when passed
 * @param customMessage the message the store wrote into the rule, shown instead of the bundle text
 */
public record RuleResult(String keyword, boolean passed, String messageKey, List<Object> arguments, String field,
        String customMessage) {

    public RuleResult {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(messageKey, "messageKey");
        arguments = List.copyOf(arguments);
        field = field == null ? "" : field;
        customMessage = customMessage == null ? "" : customMessage;
    }

    public static RuleResult pass(String keyword) {
        return new RuleResult(keyword, true, "rule.passed", List.of(), "", "");
    }

    public static RuleResult fail(String keyword, String messageKey, String field, Object... arguments) {
        return new RuleResult(keyword, false, messageKey, List.of(arguments), field, "");
    }

    public Optional<String> customMessageIfAny() {
        return customMessage.isEmpty() ? Optional.empty() : Optional.of(customMessage);
    }

    RuleResult withCustomMessage(String text) {
        return passed || text.isEmpty() ? this : new RuleResult(keyword, false, messageKey, arguments, field, text);
    }
}
