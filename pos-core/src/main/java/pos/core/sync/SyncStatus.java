package pos.core.sync;

import java.util.Objects;

/**
 * A snapshot of sync for display. Immutable.
 *
 * @param state   off, online or offline
 * @param backlog journaled sales not yet handed on to Redis
 * @param detail  a short technical reason when offline (e.g. "redis 10.0.0.5:6379: connection
 *                refused"), empty otherwise; for the status bar's tooltip and the log
 */
public record SyncStatus(SyncState state, long backlog, String detail) {
    public SyncStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    public static SyncStatus off(long backlog) {
        return new SyncStatus(SyncState.OFF, backlog, "");
    }
}
