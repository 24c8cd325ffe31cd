package pos.core.device;

import java.util.function.Consumer;

/**
 * A source of scanned codes: a keyboard-wedge scanner, a serial scanner or a webcam decoder.
 *
 * <p>Implementations deliver each complete scan once, already stripped of any configured prefix,
 * suffix and terminator. Listeners are called on the thread the device delivers on (for the
 * keyboard-wedge scanner that is the JavaFX application thread); a listener that does slow work
 * must hand it off. Implementations are thread-safe for adding and removing listeners.
 */
public interface Scanner {

    /** A short human-readable name for status displays, e.g. "Keyboard scanner". */
    String name();

    /**
     * Registers a listener for completed scans.
     *
     * @return a handle that removes the listener when closed
     */
    Registration onScan(Consumer<ScanEvent> listener);

    /** Removes a listener when closed; closing twice is harmless. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
