package pos.core.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert the store hub raised (R12: a queue over its threshold, MariaDB unreachable...), as
 * every till shows it on its status bar. Immutable.
 *
 * @param name     stable id, e.g. "archive-backlog"
 * @param critical true when a person must act; false for a warning
 * @param message  a plain sentence with the measured value and the threshold
 * @param since    when it was raised
 */
public record StoreAlert(String name, boolean critical, String message, Instant since) {
    public StoreAlert {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
    }
}
