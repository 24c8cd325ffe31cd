package pos.core.receipt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import pos.core.money.Money;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;

/**
 * The printed X and Z reports (issue 12, point 5), independent of any printer: the same figure lines for both, from
 * {@link ShiftFigures} (the one computation behind both), the Z adding its number, the close, the count by
 * denomination, the variance and whether records were still waiting to be handed on; each ends with a cut. Words
 * from {@link ShiftReportWords}, money from the formatter given. Stateless apart from its parts; thread-safe when they are.
 */
public final class ShiftReportLayout {

    private final ShiftReportWords words;
    private final Function<Money, String> money;
    private final PaperWidth paper;

    /**
     * @param money formats an amount as printed (e.g. "12.50")
     * @param paper 58 mm (32 columns) or 80 mm (48 columns)
     */
    public ShiftReportLayout(ShiftReportWords words, Function<Money, String> money, PaperWidth paper) {
        this.words = Objects.requireNonNull(words, "words");
        this.money = Objects.requireNonNull(money, "money");
        this.paper = Objects.requireNonNull(paper, "paper");
    }

    public PaperWidth paper() {
        return paper;
    }

    /**
     * The X report of an open shift now.
     *
     * @param openedBy the clerk who opened it, or null
     * @param now      when it is printed
     */
    public ReceiptDocument x(String tillId, String shiftId, Instant openedAt, String openedBy, Instant now, ShiftFigures f) {
        ReceiptDocument.Builder b = ReceiptDocument.builder(paper);
        b.text(words.xTitle(), ReceiptDocument.Align.CENTER, true, true);
        b.text(words.till(tillId));
        b.text(words.shift(shiftId));
        b.text(words.opened(words.time(openedAt), openedBy));
        b.text(words.printedAt(words.time(now)));
        figures(b, f);
        return b.separator('=').cut().build();
    }

    /** The Z report: the same figures as the X, with the close, the count, the variance and what was still waiting. */
    public ReceiptDocument z(ZReport z) {
        ShiftFigures f = z.figures();
        ReceiptDocument.Builder b = ReceiptDocument.builder(paper);
        b.text(words.zTitle(z.zNumber()), ReceiptDocument.Align.CENTER, true, true);
        b.text(words.till(z.tillId()));
        b.text(words.shift(z.shiftId()));
        b.text(words.opened(words.time(z.openedAt()), z.openedBy()));
        b.text(words.closed(words.time(z.closedAt()), z.closedBy()));
        figures(b, f);
        b.separator();
        b.text(words.countHeading(), ReceiptDocument.Align.LEFT, true, false);
        for (Map.Entry<Long, Integer> e : new java.util.TreeMap<>(z.countedCash()).descendingMap().entrySet()) {
            if (e.getValue() != 0) {
                b.columns(words.denomination(e.getValue(), money(f, e.getKey())), money(f, e.getKey() * e.getValue()));
            }
        }
        b.boldColumns(words.counted(), money(f, z.countedMinor()));
        b.boldColumns(words.variance(), money(f, z.varianceMinor()));
        if (z.varianceReason() != null && !z.varianceReason().isBlank()) {
            b.text(words.varianceReason(z.varianceReason()));
        }
        b.separator();
        b.text(z.handedOnPending() > 0 ? words.pending(z.handedOnPending()) : words.allHandedOn(),
                ReceiptDocument.Align.LEFT, z.handedOnPending() > 0, false);
        return b.separator('=').cut().build();
    }

    private void figures(ReceiptDocument.Builder b, ShiftFigures f) {
        b.separator();
        b.text(words.takingsHeading(), ReceiptDocument.Align.LEFT, true, false);
        b.columns(words.sales(f.salesCount()), money(f, f.salesMinor()));
        b.columns(words.returns(f.returnsCount()), money(f, -f.returnsMinor()));
        b.boldColumns(words.net(), money(f, f.netTakingsMinor()));
        b.separator();
        b.text(words.tendersHeading(), ReceiptDocument.Align.LEFT, true, false);
        for (ShiftFigures.TenderFigures t : f.tenders()) {
            b.columns(words.tender(t.type()), money(f, t.netMinor()));
            b.columns("  " + words.detailSales(t.salesCount()), money(f, t.salesMinor()));
            if (t.refundsCount() != 0) {
                b.columns("  " + words.detailRefunds(t.refundsCount()), money(f, -t.refundsMinor()));
            }
        }
        b.separator();
        b.text(words.taxHeading(), ReceiptDocument.Align.LEFT, true, false);
        for (ShiftFigures.TaxRateFigures r : f.taxRates()) {
            b.columns(words.taxRate(percent(r.rateBasisPoints())), money(f, r.netTaxMinor()));
            b.columns("  " + words.detailSales(-1), money(f, r.salesTaxMinor()));
            if (r.returnsTaxMinor() != 0 || r.returnsGrossMinor() != 0) {
                b.columns("  " + words.detailRefunds(-1), money(f, -r.returnsTaxMinor()));
            }
        }
        b.separator();
        b.text(words.adjustmentsHeading(), ReceiptDocument.Align.LEFT, true, false);
        b.columns(words.discounts(f.discountedLines()), money(f, f.discountsMinor()));
        b.columns(words.saleDiscounts(f.saleDiscountsCount()), money(f, f.saleDiscountsMinor()));
        b.columns(words.voids(f.voidsCount()), money(f, f.voidsMinor()));
        b.columns(words.cancellations(f.cancellationsCount()), money(f, f.cancellationsMinor()));
        b.columns(words.noSales(), Integer.toString(f.noSaleCount()));
        b.separator();
        b.text(words.cashHeading(), ReceiptDocument.Align.LEFT, true, false);
        b.columns(words.floatAmount(), money(f, f.floatMinor()));
        b.columns(words.payIns(f.payInsCount()), money(f, f.payInsMinor()));
        b.columns(words.payOuts(f.payOutsCount()), money(f, -f.payOutsMinor()));
        b.columns(words.cashRounding(), money(f, f.cashRoundingMinor()));
        b.boldColumns(words.cashExpected(), money(f, f.cashExpectedMinor()));
    }

    private String money(ShiftFigures f, long minor) {
        return money.apply(Money.ofMinor(minor, f.currency()));
    }

    /** 1300 → "13", 550 → "5.5". */
    static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
    }
}
