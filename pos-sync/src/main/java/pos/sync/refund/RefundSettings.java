package pos.sync.refund;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link TillRefunds} retries a gateway refund that timed out or did not reach the gateway:
 * up to {@code attempts} calls with the same refund number, pausing {@code firstPause} doubling to
 * {@code maxPause} between them. Immutable.
 */
public record RefundSettings(int attempts, Duration firstPause, Duration maxPause) {

    public RefundSettings {
        Objects.requireNonNull(firstPause, "firstPause");
        Objects.requireNonNull(maxPause, "maxPause");
        if (attempts < 1) {
            throw new IllegalArgumentException("a refund is tried at least once, not " + attempts + " times");
        }
    }

    /** Four tries, 0.5 s doubling to 4 s between them. */
    public static RefundSettings defaults() {
        return new RefundSettings(4, Duration.ofMillis(500), Duration.ofSeconds(4));
    }
}
