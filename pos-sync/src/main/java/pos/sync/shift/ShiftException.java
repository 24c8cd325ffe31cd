package pos.sync.shift;

import pos.sync.PosSyncException;

/**
 * A shift step the till refused: the message says why in a sentence for the person at the till, the
 * {@link #reason()} lets a screen say it in the clerk's language. Nothing was journaled. Immutable.
 */
public final class ShiftException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    /** Why a shift step was refused. */
    public enum Reason {
        /** A shift is open already: close it first. */
        ALREADY_OPEN,
        /** No shift is open. */
        NONE_OPEN,
        /** An amount was negative or zero where it must be positive. */
        BAD_AMOUNT,
        /** The counted cash differs from the expected and no reason was given. */
        REASON_REQUIRED,
        /** The shift already has its Z report. */
        ALREADY_CLOSED,
        /** The approval is not one for this action. */
        NOT_APPROVED
    }

    private final Reason reason;

    public ShiftException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
