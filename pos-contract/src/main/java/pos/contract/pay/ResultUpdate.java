package pos.contract.pay;

import java.util.Objects;
import pos.core.pay.PaymentResult;

/**
 * What one compare-and-set on the result board did. Immutable.
 *
 * @param outcome what happened to the offered result
 * @param stored  the result the board holds now: the offered one when {@link Outcome#STORED}, else
 *                the one that stayed
 */
public record ResultUpdate(Outcome outcome, PaymentResult stored) {

    /** What happened to an offered result. */
    public enum Outcome {
        /** The status moved (or there was none): the result was written and the change published. */
        STORED,
        /** The board already had this status: nothing written, nothing published (a repeated notification). */
        DUPLICATE,
        /** The move is not allowed ({@link pos.core.pay.PaymentStatus#canMoveTo}): the board kept its result. */
        REFUSED
    }

    public ResultUpdate {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stored, "stored");
    }

    /** True when the offered result was written. */
    public boolean changed() {
        return outcome == Outcome.STORED;
    }
}
