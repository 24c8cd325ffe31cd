package pos.core.receipt;

/** The printer's cover is open. */
public class PrinterCoverOpenException extends PrinterException {

    private static final long serialVersionUID = 1L;

    public PrinterCoverOpenException(String printerName) {
        super("The receipt printer " + printerName + " has its cover open: close the cover.", null);
    }

    @Override
    public PrinterStatus status() {
        return PrinterStatus.COVER_OPEN;
    }
}
