package pos.core.receipt;

/**
 * A receipt printer (and the cash drawer behind it, opened by a {@link ReceiptDocument.DrawerPulse}
 * block). Implementations talk to hardware, so every call may block for a few seconds: call them
 * off the UI thread. Implementations are thread-safe: concurrent calls are printed one after the other.
 */
public interface ReceiptPrinter extends AutoCloseable {

    /**
     * Prints a document: every block in order, the cut and drawer pulse where they stand.
     *
     * @throws PrinterOfflineException    the printer cannot be reached or says it is offline
     * @throws PrinterPaperOutException   the paper roll is empty (nothing was sent)
     * @throws PrinterCoverOpenException  the cover is open (nothing was sent)
     * @throws PrinterFailedException     anything else; the message says what
     */
    void print(ReceiptDocument document);

    /**
     * Asks the printer how it is. Never throws: an unreachable printer answers
     * {@link PrinterStatus#OFFLINE}, a connection that cannot read back {@link PrinterStatus#NONE}.
     */
    PrinterStatus status();

    /** A short name for messages and logs, e.g. "tcp 192.168.1.50:9100". */
    String name();

    /**
     * Lets go of what the printer holds between jobs (a USB device stays open). Call it before
     * building a printer from other settings. Never throws; the default holds nothing.
     */
    @Override
    default void close() {
    }
}
