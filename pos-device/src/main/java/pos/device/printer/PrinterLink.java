package pos.device.printer;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/** One open connection to a printer, for one job or one status request. Not thread-safe. */
public interface PrinterLink extends Closeable {

    /** Where the job's bytes go. */
    OutputStream output();

    /** Whether the printer's answers can be read (DLE EOT status). */
    boolean canReadBack();

    /**
     * The next byte the printer sends, waiting at most {@code timeout}.
     *
     * @return 0-255, or -1 when nothing came in time (or the link cannot read back)
     */
    int readByte(Duration timeout) throws IOException;

    /** Ends the job: flushes the bytes (a spooler queue submits them here). */
    default void finish() throws IOException {
        output().flush();
    }
}
