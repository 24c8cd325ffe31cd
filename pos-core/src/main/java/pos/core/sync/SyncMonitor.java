package pos.core.sync;

import java.util.function.Consumer;

/**
 * Reports the state of background sync. Listeners are called on a background thread; a screen
 * must move to its UI thread itself. Implementations are thread-safe.
 */
public interface SyncMonitor {

    /** The latest status. */
    SyncStatus current();

    /** Registers a listener for status changes; returns a handle that removes it. */
    AutoCloseable onChange(Consumer<SyncStatus> listener);
}
