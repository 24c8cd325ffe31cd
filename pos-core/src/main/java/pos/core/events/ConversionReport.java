package pos.core.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pos.core.sale.TenderType;

/**
 * The conversion rates of R19 over a period: per tender type, tender page opened → paid, and QR
 * code shown → paid by QR. A pure calculation from counts; the counting is done by a
 * {@link ConversionReports} adapter. Immutable.
 *
 * @param from    start of the period, inclusive
 * @param to      end of the period, exclusive
 * @param tenders one row per tender type that has a page ({@link #REPORTED_TENDERS}, in that order)
 * @param qrShown QR codes shown ({@link PageIds#QR_SHOWN}) → sales paid by QR
 */
public record ConversionReport(Instant from, Instant to, List<TenderConversion> tenders, Conversion qrShown) {

    /** The tender types the report has a row for, in display order: those with a tender page. */
    public static final List<TenderType> REPORTED_TENDERS = List.of(TenderType.CASH, TenderType.CARD, TenderType.QR,
            TenderType.PAY_CODE);

    public ConversionReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        tenders = List.copyOf(tenders);
        Objects.requireNonNull(qrShown, "qrShown");
    }

    /**
     * The report from raw counts.
     *
     * @param pagesShown how often each page id was shown in the period (ids not in {@link PageIds} are ignored)
     * @param paidSales  how many paid sales each tender type paid (a sale split over two types counts for both)
     */
    public static ConversionReport of(Instant from, Instant to, Map<String, Long> pagesShown, Map<TenderType, Long> paidSales) {
        Objects.requireNonNull(pagesShown, "pagesShown");
        Objects.requireNonNull(paidSales, "paidSales");
        List<TenderConversion> rows = new ArrayList<>();
        for (TenderType type : REPORTED_TENDERS) {
            String page = PageIds.tenderPage(type).orElseThrow();
            rows.add(new TenderConversion(type, page,
                    new Conversion(pagesShown.getOrDefault(page, 0L), paidSales.getOrDefault(type, 0L))));
        }
        Conversion qr = new Conversion(pagesShown.getOrDefault(PageIds.QR_SHOWN, 0L), paidSales.getOrDefault(TenderType.QR, 0L));
        return new ConversionReport(from, to, rows, qr);
    }

    /** The row of {@code type}. */
    public TenderConversion tender(TenderType type) {
        return tenders.stream().filter(t -> t.tender() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the report has no row for " + type));
    }
}
