package pos.app.receipt;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import pos.core.receipt.ShiftReportWords;
import pos.core.sale.TenderType;

/**
 * Every word a printed X or Z report says, from the till's resource bundle ({@code shiftprint.*} keys, tender
 * names from {@code receipt.tender.*}) in its locale; times in the store's zone. Counts are written as plain digits.
 * Thread-safe (immutable).
 */
public final class BundleShiftReportWords implements ShiftReportWords {

    private final ResourceBundle text;
    private final Locale locale;
    private final ZoneId zone;
    private final DateTimeFormatter time;

    public BundleShiftReportWords(ResourceBundle text, Locale locale, ZoneId zone) {
        this.text = Objects.requireNonNull(text, "text");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.time = pos.app.i18n.TillDates.printed(locale); // issue 14.3: 2026年12月7日 08:05 in Chinese
    }

    private String say(String key, Object... args) {
        String pattern = text.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    private static String n(long count) {
        return Long.toString(count);
    }

    @Override public String xTitle() { return say("shiftprint.x.title"); }
    @Override public String zTitle(long zNumber) { return say("shiftprint.z.title", n(zNumber)); }
    @Override public String till(String tillId) { return say("shiftprint.till", tillId); }
    @Override public String shift(String shiftId) { return say("shiftprint.shift", shiftId); }
    @Override public String time(Instant when) { return time.format(when.atZone(zone)); }
    @Override public String opened(String time, String by) {
        return by == null ? say("shiftprint.opened", time) : say("shiftprint.openedBy", time, by);
    }
    @Override public String closed(String time, String by) {
        return by == null ? say("shiftprint.closed", time) : say("shiftprint.closedBy", time, by);
    }
    @Override public String printedAt(String time) { return say("shiftprint.printedAt", time); }
    @Override public String takingsHeading() { return say("shiftprint.takings"); }
    @Override public String sales(int count) { return say("shiftprint.sales", n(count)); }
    @Override public String returns(int count) { return say("shiftprint.returns", n(count)); }
    @Override public String net() { return say("shiftprint.net"); }
    @Override public String tendersHeading() { return say("shiftprint.tenders"); }
    @Override public String tender(TenderType type) { return say("receipt.tender." + type.name()); }
    @Override public String detailSales(int count) {
        return count < 0 ? say("shiftprint.detail.salesNoCount") : say("shiftprint.detail.sales", n(count));
    }
    @Override public String detailRefunds(int count) {
        return count < 0 ? say("shiftprint.detail.refundsNoCount") : say("shiftprint.detail.refunds", n(count));
    }
    @Override public String taxHeading() { return say("shiftprint.tax"); }
    @Override public String taxRate(String percent) { return say("shiftprint.taxRate", percent); }
    @Override public String adjustmentsHeading() { return say("shiftprint.adjustments"); }
    @Override public String discounts(int lines) { return say("shiftprint.discounts", n(lines)); }
    @Override public String saleDiscounts(int count) { return say("shiftprint.saleDiscounts", n(count)); }
    @Override public String voids(int count) { return say("shiftprint.voids", n(count)); }
    @Override public String cancellations(int count) { return say("shiftprint.cancellations", n(count)); }
    @Override public String noSales() { return say("shiftprint.noSales"); }
    @Override public String cashHeading() { return say("shiftprint.cash"); }
    @Override public String floatAmount() { return say("shiftprint.float"); }
    @Override public String payIns(int count) { return say("shiftprint.payIns", n(count)); }
    @Override public String payOuts(int count) { return say("shiftprint.payOuts", n(count)); }
    @Override public String cashRounding() { return say("shiftprint.rounding"); }
    @Override public String cashExpected() { return say("shiftprint.expected"); }
    @Override public String countHeading() { return say("shiftprint.count"); }
    @Override public String denomination(int count, String value) { return say("shiftprint.denomination", n(count), value); }
    @Override public String counted() { return say("shiftprint.counted"); }
    @Override public String variance() { return say("shiftprint.variance"); }
    @Override public String varianceReason(String reason) { return say("shiftprint.varianceReason", reason); }
    @Override public String pending(long records) { return say("shiftprint.pending", n(records)); }
    @Override public String allHandedOn() { return say("shiftprint.allHandedOn"); }
}
