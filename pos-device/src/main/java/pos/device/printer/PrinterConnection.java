package pos.device.printer;

import java.io.IOException;

/** How to reach one printer. Implementations are thread-safe; each {@link #open()} is a new link. */
public interface PrinterConnection extends AutoCloseable {

    /**
     * Opens a link to the printer.
     *
     * @throws IOException the printer cannot be reached (its message says why, for the clerk's sentence)
     */
    PrinterLink open() throws IOException;

    /** e.g. "tcp 192.168.1.50:9100", "/dev/usb/lp0", "CUPS queue receipt", "serial /dev/ttyUSB0". */
    String name();

    /** Lets go of anything held between jobs (a device kept open). The default holds nothing. */
    @Override
    default void close() {
    }
}
