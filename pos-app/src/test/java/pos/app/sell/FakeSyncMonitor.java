package pos.app.sell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import pos.core.sync.SyncMonitor;
import pos.core.sync.SyncStatus;

/** A hand-written fake of the sync port whose status the test sets. */
final class FakeSyncMonitor implements SyncMonitor {
    private final List<Consumer<SyncStatus>> listeners = new ArrayList<>();
    private SyncStatus current = SyncStatus.off(0);

    void set(SyncStatus status) {
        current = status;
        listeners.forEach(l -> l.accept(status));
    }

    @Override
    public SyncStatus current() {
        return current;
    }

    @Override
    public AutoCloseable onChange(Consumer<SyncStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
