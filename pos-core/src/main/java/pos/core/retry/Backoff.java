package pos.core.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * The pause between retries of a background loop that failed: {@code first} after the first
 * failure, doubling after each further failure up to {@code max}, back to {@code first} after a
 * success. Every loop that retries (the till's outboxes, the UI event writer, the hub's archivers)
 * takes its pauses from one of these, so they all back off alike. Not thread-safe: one per loop
 * thread.
 *
 * <pre>{@code
 * Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
 * while (running) {
 *     try { round(); backoff.reset(); }
 *     catch (RuntimeException e) { sleep(backoff.next()); }
 * }
 * }</pre>
 */
public final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;

    /**
     * A back-off from {@code first} doubling up to {@code max}.
     *
     * @throws IllegalArgumentException if {@code first} is not positive or {@code max} is shorter than {@code first}
     */
    public Backoff(Duration first, Duration max) {
        this.firstMillis = Objects.requireNonNull(first, "first").toMillis();
        this.maxMillis = Objects.requireNonNull(max, "max").toMillis();
        if (firstMillis < 1) {
            throw new IllegalArgumentException("the first pause must be at least 1 ms: " + first);
        }
        if (maxMillis < firstMillis) {
            throw new IllegalArgumentException("the longest pause (" + max + ") is shorter than the first (" + first + ")");
        }
        this.nextMillis = firstMillis;
    }

    /** The pause to take now, after a failure; the one after it is twice as long (at most the maximum). */
    public Duration next() {
        long pause = nextMillis;
        nextMillis = pause > maxMillis / 2 ? maxMillis : pause * 2;
        return Duration.ofMillis(pause);
    }

    /** After a success: the next failure pauses for the first pause again. */
    public void reset() {
        nextMillis = firstMillis;
    }

    /** The longest pause this back-off ever returns. */
    public Duration max() {
        return Duration.ofMillis(maxMillis);
    }

    @Override
    public String toString() {
        return "Backoff[" + firstMillis + " ms doubling to " + maxMillis + " ms]";
    }
}
