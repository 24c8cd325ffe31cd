package pos.core.sync;

import java.util.List;
import java.util.function.Consumer;

/**
 * The store's active alerts as the tills see them. Listeners are called on a background thread
 * when the set changes. Implementations are thread-safe and never block the caller on a network.
 */
public interface AlertFeed {

    /** The alerts in force now, oldest first; empty when none or when they cannot be read. */
    List<StoreAlert> current();

    /** Registers a listener for changes; returns a handle that removes it. */
    AutoCloseable onChange(Consumer<List<StoreAlert>> listener);
}
