package pos.core.receipt;

/** The printer cannot be reached or reports itself offline. */
public class PrinterOfflineException extends PrinterException {

    private static final long serialVersionUID = 1L;

    public PrinterOfflineException(String printerName, Throwable cause) {
        super("The receipt printer " + printerName + " is offline: check that it is switched on and connected.", cause);
    }

    @Override
    public PrinterStatus status() {
        return PrinterStatus.OFFLINE;
    }
}
