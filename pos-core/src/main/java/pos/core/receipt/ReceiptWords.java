package pos.core.receipt;

import java.time.Instant;
import pos.core.sale.TenderType;

/**
 * Every word a receipt prints, so the till fills them from its resource bundle (and its locale and
 * time zone). Amounts, quantities and weights arrive already formatted; implementations only put
 * words around them. Implementations must be thread-safe (they are read-only in practice).
 */
public interface ReceiptWords {

    /** The heading of a sale receipt, e.g. "Receipt". */
    String saleTitle();

    /** The heading of a refund receipt, e.g. "Refund". */
    String refundTitle();

    /** A mark on a reprinted receipt, e.g. "Copy". */
    String copyMark();

    /** The heading of a test page, e.g. "Printer test page". */
    String testPageTitle();

    /** The store's tax number line, e.g. "Tax no. 91310000MA1FL". */
    String taxNumber(String number);

    /** A piece line's detail, e.g. "2 x 1.50". */
    String quantityTimesPrice(int quantity, String unitPrice);

    /** A weighed line's detail, e.g. "0.350 kg x 12.00/kg". */
    String weightTimesPrice(String kilograms, String pricePerKilogram);

    /** A tax line, e.g. "incl. VAT STD 20%". */
    String taxAtRate(String taxClass, String ratePercent);

    /** The tax line when the rates are not known, e.g. "incl. tax". */
    String taxIncluded();

    /** e.g. "TOTAL". */
    String total();

    /** e.g. "Cash", "QR payment", "Card". */
    String tender(TenderType type);

    /** e.g. "Given". */
    String tendered();

    /** e.g. "Change". */
    String change();

    /** The payment reference line of a non-cash tender, e.g. "Ref. 01JF…". */
    String paymentReference(String reference);

    /** e.g. "Clerk: Ann". */
    String clerk(String name);

    /** e.g. "Till: T1". */
    String till(String tillId);

    /** The sale's time in the store's zone, e.g. "2026-12-06 14:03". */
    String time(Instant when);

    /** e.g. "No. 01JF3…" under the barcode. */
    String transactionId(String transactionId);

    /** On a refund receipt, e.g. "For sale 01JF…". */
    String refundOf(String originalTransactionId);

    /** A cancelled sale's receipt, e.g. "CANCELLED". */
    String cancelled();

    /** The test page's line about the paper, e.g. "Paper 80 mm, 48 columns". */
    String testPagePaper(int millimetres, int columns);

    /** The test page's line about the printer, e.g. "Printer: tcp 192.168.1.50:9100". */
    String testPagePrinter(String printerName);

    /** On a refund receipt, why the goods came back, e.g. "Reason: damaged". */
    default String returnReason(String reason) {
        return reason;
    }

    /** On a refund receipt, above the credit voucher's QR code, e.g. "Credit voucher 12.50: scan to redeem". */
    default String creditVoucher(String amount) {
        return "Credit voucher " + amount;
    }
}
