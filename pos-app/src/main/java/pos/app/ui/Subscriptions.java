package pos.app.ui;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a view or view model listens to, closed together when it goes away. Not thread-safe. */
public final class Subscriptions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Keeps {@code subscription} to close later; answers it. */
    public <T extends AutoCloseable> T add(T subscription) {
        open.add(subscription);
        return subscription;
    }

    /** Closes everything kept, newest first; a failure is logged and the rest still closed. */
    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                LOG.warn("could not stop listening ({})", open.get(i), e);
            }
        }
        open.clear();
    }
}
