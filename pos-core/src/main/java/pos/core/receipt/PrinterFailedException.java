package pos.core.receipt;

/** Printing failed for a reason the printer did not report (a write error, a refused queue, a bad setting). */
public class PrinterFailedException extends PrinterException {

    private static final long serialVersionUID = 1L;

    public PrinterFailedException(String printerName, String what, Throwable cause) {
        super("The receipt printer " + printerName + " did not print: " + what + ".", cause);
    }

    @Override
    public PrinterStatus status() {
        return PrinterStatus.NONE;
    }
}
