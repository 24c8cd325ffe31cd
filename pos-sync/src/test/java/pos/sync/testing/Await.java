package pos.sync.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Awaitility as the sync tests wait, and a plain pause. Thread-safe (stateless). */
public final class Await {

    /** How often a wait looks again. */
    public static final Duration POLL = Duration.ofMillis(20);

    private Await() {
    }

    /**
     * Starts an Awaitility wait for {@code what} (named in the timeout's message) that looks every
     * {@link #POLL} and takes an exception from the condition as "not yet": a server that is still
     * starting or restarting answers with one.
     */
    public static ConditionFactory await(String what) {
        return Awaitility.await(what).pollInterval(POLL).ignoreExceptions();
    }

    /** Sleeps, keeping the interrupt flag. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
