package pos.device.printer;

import pos.core.receipt.PrinterFailedException;
import pos.core.receipt.PrinterStatus;
import pos.core.receipt.ReceiptDocument;
import pos.core.receipt.ReceiptPrinter;

/** The printer of a till that has none set up: status NONE, and printing says so. Thread-safe. */
public final class NoReceiptPrinter implements ReceiptPrinter {

    @Override
    public void print(ReceiptDocument document) {
        throw new PrinterFailedException(name(), "no receipt printer is set up on this till (choose one in the printer settings)", null);
    }

    @Override
    public PrinterStatus status() {
        return PrinterStatus.NONE;
    }

    @Override
    public String name() {
        return "(none)";
    }
}
