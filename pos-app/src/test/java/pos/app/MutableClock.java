package pos.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that follows real time from an offset the test can move forward, and that the test can hold still for a
 * while (nothing timed by it comes due meanwhile). It never goes backwards. Thread-safe.
 */
public final class MutableClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();
    /** While held: the instant it shows; otherwise null. Written under this' lock, read without it. */
    private volatile Instant heldAt;

    public synchronized void advance(Duration by) {
        if (heldAt != null) {
            heldAt = heldAt.plus(by);
        } else {
            offsetMillis.addAndGet(by.toMillis());
        }
    }

    /** Holds the clock at its present instant until {@link #release()}. */
    public synchronized void hold() {
        if (heldAt == null) {
            heldAt = instant();
        }
    }

    /** Lets the clock follow real time again, from the instant it was held at. */
    public synchronized void release() {
        if (heldAt != null) {
            offsetMillis.set(heldAt.toEpochMilli() - System.currentTimeMillis());
            heldAt = null;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock stays in UTC");
    }

    @Override
    public Instant instant() {
        Instant held = heldAt; // read first: release() sets the offset before it clears heldAt
        return held != null ? held : Instant.now().plusMillis(offsetMillis.get());
    }
}
