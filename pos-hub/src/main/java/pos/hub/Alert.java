package pos.hub;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert of the store hub's queue monitor (R12), as stored in the Redis hash {@code pos:alerts}
 * (field = {@link #name}, value = JSON {@code {level, message, since}}) and shown on every till's
 * status bar. Immutable.
 *
 * @param name    stable id, e.g. {@code archive-backlog}
 * @param level   how urgent
 * @param message a plain sentence for the store's IT person, with the measured value and the threshold
 * @param since   when it was raised
 */
public record Alert(String name, Level level, String message, Instant since) {

    /** How urgent an alert is. */
    public enum Level {
        /** Something is falling behind; nothing is lost yet. */
        WARNING,
        /** A person must act: data cannot reach its destination. */
        CRITICAL
    }

    public Alert {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
    }
}
