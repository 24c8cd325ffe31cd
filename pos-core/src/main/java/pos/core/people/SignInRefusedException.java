package pos.core.people;

import java.time.Instant;

/**
 * A PIN sign-in was refused: unknown or inactive clerk, wrong PIN (with the tries left), or
 * locked out (until when). The message is the sentence to show. Immutable.
 */
public final class SignInRefusedException extends PeopleException {

    private static final long serialVersionUID = 1L;

    /** Why the sign-in was refused. */
    public enum Reason {
        /** No such clerk on this till (not synced yet?). */
        UNKNOWN_CLERK,
        /** The clerk has left. */
        INACTIVE,
        /** The PIN did not match. */
        WRONG_PIN,
        /** Too many wrong PINs: the clerk must wait or ask a supervisor. */
        LOCKED_OUT
    }

    private final Reason reason;
    private final int triesLeft;
    private final Instant lockedUntil;

    public SignInRefusedException(Reason reason, String message, int triesLeft, Instant lockedUntil) {
        super(message);
        this.reason = reason;
        this.triesLeft = triesLeft;
        this.lockedUntil = lockedUntil;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#WRONG_PIN}: tries left before the lockout; else 0. */
    public int triesLeft() {
        return triesLeft;
    }

    /** For {@link Reason#LOCKED_OUT}: when the clerk may try again; else null. */
    public Instant lockedUntil() {
        return lockedUntil;
    }
}
