package pos.core.receipt;

/**
 * Base of the receipt printer failures. The message is a sentence for the clerk naming the printer
 * and what is wrong; {@link #status()} says which kind of trouble it is.
 */
public abstract class PrinterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected PrinterException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The printer state this failure stands for (NONE when the cause is not known). */
    public abstract PrinterStatus status();

    /** The exception for a status answered by a printer, or null when {@code status} lets it print. */
    public static PrinterException forStatus(PrinterStatus status, String printerName) {
        return switch (status) {
            case OFFLINE -> new PrinterOfflineException(printerName, null);
            case PAPER_OUT -> new PrinterPaperOutException(printerName);
            case COVER_OPEN -> new PrinterCoverOpenException(printerName);
            case READY, NONE -> null;
        };
    }
}
