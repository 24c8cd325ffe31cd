package pos.core.receipt;

/** The printer's paper roll is empty. */
public class PrinterPaperOutException extends PrinterException {

    private static final long serialVersionUID = 1L;

    public PrinterPaperOutException(String printerName) {
        super("The receipt printer " + printerName + " is out of paper: put in a new roll.", null);
    }

    @Override
    public PrinterStatus status() {
        return PrinterStatus.PAPER_OUT;
    }
}
