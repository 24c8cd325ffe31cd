package pos.core.people;

import java.time.Instant;
import java.util.Objects;

/**
 * A clerk's shift on a till: who is signed in, how, and since when. What the till holds while a
 * clerk sells; every sale and every {@link Approval} names it. Immutable.
 *
 * @param clerk  the clerk signed in
 * @param tillId the till
 * @param method how they proved who they are
 * @param since  when they signed in
 */
public record SignedIn(Clerk clerk, String tillId, Method method, Instant since) {

    /** How a clerk proved who they are. */
    public enum Method {
        /** Typed their PIN. */
        PIN,
        /** Placed an enrolled finger on the reader (a verified match). */
        FINGER,
        /** Issue 16: looked at the webcam and the face matched an enrolled one (no liveness check). */
        FACE
    }

    public SignedIn {
        Objects.requireNonNull(clerk, "clerk");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(since, "since");
    }
}
