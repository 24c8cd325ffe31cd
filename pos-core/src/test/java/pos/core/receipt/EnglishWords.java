package pos.core.receipt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import pos.core.sale.TenderType;

/** Plain English receipt words for tests (the till takes its words from its resource bundle). */
final class EnglishWords implements ReceiptWords {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Override public String saleTitle() { return "Receipt"; }
    @Override public String refundTitle() { return "Refund"; }
    @Override public String copyMark() { return "COPY"; }
    @Override public String testPageTitle() { return "Test page"; }
    @Override public String taxNumber(String number) { return "Tax no. " + number; }
    @Override public String quantityTimesPrice(int quantity, String unitPrice) { return quantity + " x " + unitPrice; }
    @Override public String weightTimesPrice(String kilograms, String pricePerKilogram) { return kilograms + " kg x " + pricePerKilogram + "/kg"; }
    @Override public String taxAtRate(String taxClass, String ratePercent) { return "incl. tax " + taxClass + " " + ratePercent; }
    @Override public String taxIncluded() { return "incl. tax"; }
    @Override public String total() { return "TOTAL"; }
    @Override public String tender(TenderType type) { return type == TenderType.CASH ? "Cash" : type == TenderType.QR ? "QR payment" : type.name(); }
    @Override public String tendered() { return "Given"; }
    @Override public String change() { return "Change"; }
    @Override public String paymentReference(String reference) { return "Ref. " + reference; }
    @Override public String clerk(String name) { return "Clerk: " + name; }
    @Override public String till(String tillId) { return "Till: " + tillId; }
    @Override public String time(Instant when) { return TIME.format(when); }
    @Override public String transactionId(String transactionId) { return "No. " + transactionId; }
    @Override public String refundOf(String originalTransactionId) { return "For sale " + originalTransactionId; }
    @Override public String cancelled() { return "CANCELLED"; }
    @Override public String testPagePaper(int millimetres, int columns) { return "Paper " + millimetres + " mm, " + columns + " columns"; }
    @Override public String testPagePrinter(String printerName) { return "Printer: " + printerName; }
}
