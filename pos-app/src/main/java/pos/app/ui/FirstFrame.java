package pos.app.ui;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The till's first frame, for work that should not compete with it (issue 14 point 4: "devices and sync started
 * after the first frame"). The real launch arms the gate before it builds the till and opens it once the sell screen
 * is shown; background work that can wait calls {@link #awaitShown(Duration)} before it starts. Without a launch
 * (tests build the till with {@code Wiring.start} and no window) the gate is never armed and nothing waits.
 * Thread-safe.
 */
public final class FirstFrame {

    private static volatile CountDownLatch gate;

    private FirstFrame() {
    }

    /** Called by the launch before the till is built: from now on, {@link #awaitShown} waits for {@link #shown()}. */
    public static void arm() {
        gate = new CountDownLatch(1);
    }

    /** The first frame of the sell screen (or sign-in) is on its way: whatever waits may start. Any thread. */
    public static void shown() {
        CountDownLatch current = gate;
        if (current != null) {
            current.countDown();
        }
    }

    /**
     * Blocks the calling background thread until the first frame is shown, at most {@code max} (a launch that failed
     * before its window does not hold the work back for ever); returns at once when no launch armed the gate. Never on
     * the FX thread.
     */
    public static void awaitShown(Duration max) {
        CountDownLatch current = gate;
        if (current == null) {
            return;
        }
        try {
            current.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the caller's work goes on at once, or is cancelled by its owner
        }
    }
}
