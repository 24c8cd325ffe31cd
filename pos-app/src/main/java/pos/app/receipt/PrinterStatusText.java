package pos.app.receipt;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import pos.core.receipt.PrinterStatus;

/**
 * The printer's state in clerk words for the status bar: "No receipt printer", "Printer: ready",
 * "Printer: paper out — receipt of the last sale not printed, Alt+R prints it". Stateless.
 */
public final class PrinterStatusText {

    private PrinterStatusText() {
    }

    /** The status bar's sentence for {@code state}. */
    public static String of(ReceiptPrinting.State state, ResourceBundle text) {
        if (!state.configured()) {
            return text.getString("status.printer.none");
        }
        String base;
        if (state.status().blocksPrinting()) {
            base = text.getString("status.printer." + state.status().name());
        } else if (state.lastJobFailed()) {
            base = text.getString("status.printer.failed");
        } else if (state.status() == PrinterStatus.READY) {
            base = text.getString("status.printer.READY");
        } else {
            base = MessageFormat.format(text.getString("status.printer.NONE"), state.printerName());
        }
        return state.unprintedSaleId() == null ? base : MessageFormat.format(text.getString("status.printer.unprinted"), base);
    }

    /** Whether the status bar shows it as a warning: a receipt cannot come out, or one did not. */
    public static boolean problem(ReceiptPrinting.State state) {
        return state.configured() && (state.status().blocksPrinting() || state.lastJobFailed() || state.unprintedSaleId() != null);
    }

    /** A sentence for how a print request ended ({@code detail}: the printer's last failure). */
    public static String outcome(ReceiptPrinting.Outcome outcome, String id, String detail, ResourceBundle text) {
        return switch (outcome) {
            case PRINTED -> MessageFormat.format(text.getString("printing.reprinted"), id);
            case NOT_PRINTED -> MessageFormat.format(text.getString("printing.notPrinted"), detail);
            case NO_PRINTER -> text.getString("printing.noPrinter");
            case NOT_FOUND -> MessageFormat.format(text.getString("printing.notFound"), id);
            case NOTHING_TO_REPRINT -> text.getString("printing.nothingToReprint");
            case SKIPPED -> text.getString("printing.skipped");
        };
    }
}
