package pos.core.refund;

import java.util.Objects;

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

    public ReturnRefusedException(Reason reason, String sentence) {
        super(Objects.requireNonNull(sentence, "sentence"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The sentence for the person at the till. */
    public String sentence() {
        return getMessage();
    }
}
