package pos.app.shift;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import pos.app.ui.MoneyFormat;
import pos.core.money.Money;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;

/**
 * Writes a shift's figures out as the lines of the X or Z report on screen, in the clerk's language: the same lines
 * for both, the Z adding its number, who opened and closed, the count and the variance. Stateless apart from its
 * formats; use on one thread.
 */
final class ShiftReportLines {

    private final ResourceBundle text;
    private final MoneyFormat money;
    private final Currency currency;
    private final DateTimeFormatter time;

    ShiftReportLines(ResourceBundle text, MoneyFormat money, Currency currency, ZoneId zone) {
        this.text = text;
        this.money = money;
        this.currency = currency;
        this.time = pos.app.i18n.TillDates.dateTime(money.locale(), FormatStyle.SHORT).withZone(zone);
    }

    String money(long minor) {
        return money.format(Money.ofMinor(minor, currency));
    }

    String time(java.time.Instant at) {
        return time.format(at);
    }

    String say(String key, Object... args) {
        return MessageFormat.format(text.getString(key), args);
    }

    /** The lines every X and Z report has. */
    List<ReportLine> figures(ShiftFigures f) {
        List<ReportLine> lines = new ArrayList<>();
        lines.add(ReportLine.heading(say("shift.report.takings")));
        lines.add(ReportLine.of(say("shift.report.sales", f.salesCount()), money(f.salesMinor())));
        lines.add(ReportLine.of(say("shift.report.returns", f.returnsCount()), money(-f.returnsMinor())));
        lines.add(ReportLine.of(say("shift.report.net"), money(f.netTakingsMinor())));
        lines.add(ReportLine.heading(say("shift.report.tenders")));
        for (ShiftFigures.TenderFigures t : f.tenders()) {
            String name = text.containsKey("shift.tender." + t.type().name()) ? say("shift.tender." + t.type().name()) : t.type().name();
            lines.add(ReportLine.of(say("shift.report.tender", name, t.salesCount(), t.refundsCount(), money(t.salesMinor()),
                    money(t.refundsMinor())), money(t.netMinor())));
        }
        lines.add(ReportLine.heading(say("shift.report.tax")));
        for (ShiftFigures.TaxRateFigures r : f.taxRates()) {
            lines.add(ReportLine.of(say("shift.report.taxRate", r.rateBasisPoints() / 100.0, money(r.salesTaxMinor()),
                    money(r.returnsTaxMinor())), money(r.netTaxMinor())));
        }
        lines.add(ReportLine.heading(say("shift.report.adjustments")));
        lines.add(ReportLine.of(say("shift.report.discounts", f.discountedLines()), money(f.discountsMinor())));
        lines.add(ReportLine.of(say("shift.report.saleDiscounts", f.saleDiscountsCount()), money(f.saleDiscountsMinor())));
        lines.add(ReportLine.of(say("shift.report.voids", f.voidsCount()), money(f.voidsMinor())));
        lines.add(ReportLine.of(say("shift.report.cancellations", f.cancellationsCount()), money(f.cancellationsMinor())));
        lines.add(ReportLine.of(say("shift.report.noSales"), Integer.toString(f.noSaleCount())));
        lines.add(ReportLine.heading(say("shift.report.cash")));
        lines.add(ReportLine.of(say("shift.report.float"), money(f.floatMinor())));
        lines.add(ReportLine.of(say("shift.report.payIns", f.payInsCount()), money(f.payInsMinor())));
        lines.add(ReportLine.of(say("shift.report.payOuts", f.payOutsCount()), money(-f.payOutsMinor())));
        lines.add(ReportLine.of(say("shift.report.rounding"), money(f.cashRoundingMinor())));
        lines.add(ReportLine.of(say("shift.report.expected"), money(f.cashExpectedMinor())));
        return lines;
    }

    /** The Z report: its head, the figures, the count and the variance, and whether records were still waiting. */
    List<ReportLine> z(ZReport z) {
        List<ReportLine> lines = new ArrayList<>();
        lines.add(ReportLine.heading(say("shift.z.title", z.zNumber())));
        lines.add(ReportLine.of(say("shift.report.opened"), time(z.openedAt()) + (z.openedBy() == null ? "" : " · " + z.openedBy())));
        lines.add(ReportLine.of(say("shift.report.closed"), time(z.closedAt()) + (z.closedBy() == null ? "" : " · " + z.closedBy())));
        lines.addAll(figures(z.figures()));
        lines.add(ReportLine.heading(say("shift.report.count")));
        for (Map.Entry<Long, Integer> e : z.countedCash().entrySet()) {
            lines.add(ReportLine.of(say("shift.report.denomination", e.getValue(), money(e.getKey())),
                    money(e.getKey() * e.getValue())));
        }
        lines.add(ReportLine.of(say("shift.report.counted"), money(z.countedMinor())));
        lines.add(ReportLine.of(say("shift.report.variance"), money(z.varianceMinor())));
        if (z.varianceReason() != null) {
            lines.add(ReportLine.of(say("shift.report.varianceReason"), z.varianceReason()));
        }
        lines.add(ReportLine.of(z.handedOnPending() == 0 ? say("shift.report.allHandedOn")
                : say("shift.report.pending", z.handedOnPending()), ""));
        return lines;
    }
}
