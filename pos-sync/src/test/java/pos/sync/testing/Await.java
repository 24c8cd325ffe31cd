package pos.sync.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes. Thread-safe (stateless). */
public final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} and the last observed value otherwise. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastFailure = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                lastFailure = null;
            } catch (RuntimeException e) {
                lastFailure = e; // e.g. a server that is still starting; try again
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError error = new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
                if (lastFailure != null) {
                    error.initCause(lastFailure);
                }
                throw error;
            }
            sleep(20);
        }
    }

    /** Waits until {@code value} equals {@code expected}; the message shows the last value seen. */
    public static <T> void untilEquals(Duration timeout, String what, T expected, Supplier<T> value) {
        Object[] last = new Object[1];
        try {
            until(timeout, what, () -> {
                last[0] = value.get();
                return expected.equals(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " = " + expected + " (last seen: " + last[0] + ")", e.getCause());
        }
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
