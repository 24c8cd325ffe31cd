package pos.app.receipt;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import pos.core.receipt.ReceiptWords;
import pos.core.sale.TenderType;

/**
 * Every word a receipt prints, from the till's resource bundle ({@code receipt.*} keys) in its locale;
 * times in the store's zone. Thread-safe (immutable; each call makes its own formatter).
 */
public final class BundleReceiptWords implements ReceiptWords {

    private final ResourceBundle text;
    private final Locale locale;
    private final ZoneId zone;
    private final DateTimeFormatter time;

    public BundleReceiptWords(ResourceBundle text, Locale locale, ZoneId zone) {
        this.text = Objects.requireNonNull(text, "text");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.time = pos.app.i18n.TillDates.printed(locale); // issue 14.3: 2026年12月7日 08:05 in Chinese
    }

    private String say(String key, Object... args) {
        String pattern = text.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    @Override public String saleTitle() { return say("receipt.title.sale"); }
    @Override public String refundTitle() { return say("receipt.title.refund"); }
    @Override public String copyMark() { return say("receipt.copy"); }
    @Override public String testPageTitle() { return say("receipt.testPage.title"); }
    @Override public String taxNumber(String number) { return say("receipt.taxNumber", number); }

    // quantities as plain digits: a MessageFormat number would group them ("1,000")
    @Override public String quantityTimesPrice(int quantity, String unitPrice) {
        return say("receipt.quantityTimesPrice", String.valueOf(quantity), unitPrice);
    }

    @Override public String weightTimesPrice(String kilograms, String pricePerKilogram) {
        return say("receipt.weightTimesPrice", kilograms, pricePerKilogram);
    }

    @Override public String taxAtRate(String taxClass, String ratePercent) { return say("receipt.taxAtRate", taxClass, ratePercent); }
    @Override public String taxIncluded() { return say("receipt.taxIncluded"); }
    @Override public String total() { return say("receipt.total"); }
    @Override public String tender(TenderType type) { return say("receipt.tender." + type.name()); }
    @Override public String tendered() { return say("receipt.tendered"); }
    @Override public String change() { return say("receipt.change"); }
    @Override public String paymentReference(String reference) { return say("receipt.reference", reference); }
    @Override public String clerk(String name) { return say("receipt.clerk", name); }
    @Override public String till(String tillId) { return say("receipt.till", tillId); }
    @Override public String time(Instant when) { return say("receipt.time", time.format(when.atZone(zone))); }
    @Override public String transactionId(String transactionId) { return say("receipt.transactionId", transactionId); }
    @Override public String refundOf(String originalTransactionId) { return say("receipt.refundOf", originalTransactionId); }
    @Override public String cancelled() { return say("receipt.cancelled"); }

    @Override public String testPagePaper(int millimetres, int columns) {
        return say("receipt.testPage.paper", String.valueOf(millimetres), String.valueOf(columns));
    }

    @Override public String testPagePrinter(String printerName) { return say("receipt.testPage.printer", printerName); }
    @Override public String returnReason(String reason) { return say("receipt.returnReason", reason); }
    @Override public String creditVoucher(String amount) { return say("receipt.creditVoucher", amount); }
}
