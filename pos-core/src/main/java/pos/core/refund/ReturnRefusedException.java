package pos.core.refund;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A return that cannot be made as asked, with the sentence the clerk reads (for example "Line 2 (Milk
 * 1 l): 3 were sold and 2 already returned, so 1 is left to return."). Nothing was refunded.
 */
public final class ReturnRefusedException extends RuntimeException {

    /** Why the return was refused. */
    public enum Reason {
        /** The sale was cancelled (or not paid): there is nothing to give back. */
        NOT_PAID,
        /** The sale is in another currency than asked. */
        WRONG_SALE,
        /** No line was chosen, or a quantity is zero or less. */
        NOTHING_CHOSEN,
        /** A line number the sale does not have. */
        NO_SUCH_LINE,
        /** More than sold minus already returned. */
        MORE_THAN_LEFT,
        /** Part of a weighed line: weighed lines come back whole. */
        WEIGHED_PART
    }

    private final Reason reason;
    private final String messageKey;
    private final List<Object> arguments;

    public ReturnRefusedException(Reason reason, String sentence) {
        this(reason, sentence, null, List.of());
    }

    /**
     * @param messageKey the till's text for it (issue 14.3: a Chinese till says it in Chinese), formatted with
     *                   {@code arguments}; null when there is none and {@link #sentence()} is all there is
     */
    public ReturnRefusedException(Reason reason, String sentence, String messageKey, List<Object> arguments) {
        super(Objects.requireNonNull(sentence, "sentence"));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.messageKey = messageKey;
        this.arguments = List.copyOf(arguments);
    }

    public Reason reason() {
        return reason;
    }

    /** The key of the till's text for this refusal ({@code returns.refused.*}), or empty. */
    public Optional<String> messageKey() {
        return Optional.ofNullable(messageKey);
    }

    /** The values the text of {@link #messageKey()} is formatted with: numbers, ids and product names. */
    public List<Object> arguments() {
        return arguments;
    }

    /** The sentence for the person at the till, in English (for the log, and where no text of the key is found). */
    public String sentence() {
        return getMessage();
    }
}
