package pos.device.webcam;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The same code seen again within a window counts once. A camera sees a code held up to it in
 * many frames a second; without this one voucher or one product would be added again and again.
 * The window runs from the last time the code was seen, so a code held still in front of the
 * camera counts once however long it is held; taking it away for longer than the window and
 * showing it again counts again. A different code in between resets it. Not thread-safe: the
 * decoder thread owns it.
 */
final class DuplicateFilter {

    private final long windowNanos;
    private final LongSupplier nanoClock;
    private String lastText;
    private long lastSeenNanos;

    DuplicateFilter(Duration window, LongSupplier nanoClock) {
        this.windowNanos = Objects.requireNonNull(window, "window").toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Whether {@code text} is a new read (true) or the same code again within the window (false). */
    boolean isNewRead(String text) {
        long now = nanoClock.getAsLong();
        boolean repeat = text.equals(lastText) && now - lastSeenNanos < windowNanos;
        lastText = text;
        lastSeenNanos = now;
        return !repeat;
    }
}
