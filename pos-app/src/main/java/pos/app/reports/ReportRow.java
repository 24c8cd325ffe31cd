package pos.app.reports;

import java.util.Objects;
import pos.core.sale.TenderType;

/**
 * One line of the reports table: a tender type, how often its page was opened, how many sales it
 * paid, and the conversion as shown to the clerk. Immutable.
 *
 * @param tender         the tender type
 * @param tenderName     its name in the till's language
 * @param opened         tender page opened in the period
 * @param paid           sales paid by it in the period
 * @param conversionText the rate as text ("70%"), or a dash when the page was never opened
 * @param percent        the rate in percent for the chart (0 when never opened)
 */
public record ReportRow(TenderType tender, String tenderName, long opened, long paid, String conversionText, double percent) {

    public ReportRow {
        Objects.requireNonNull(tender, "tender");
        Objects.requireNonNull(tenderName, "tenderName");
        Objects.requireNonNull(conversionText, "conversionText");
    }
}
