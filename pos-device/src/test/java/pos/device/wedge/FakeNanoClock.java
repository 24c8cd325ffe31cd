package pos.device.wedge;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told. Not thread-safe. */
final class FakeNanoClock implements LongSupplier {
    private long nanos;

    FakeNanoClock() {
        this(0);
    }

    FakeNanoClock(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long getAsLong() {
        return nanos;
    }

    void set(long newNanos) {
        nanos = newNanos;
    }

    void advanceMillis(long millis) {
        nanos += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    void advanceNanos(long delta) {
        nanos += delta;
    }
}
