package pos.core.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/**
 * The conversion rates of R19 over a period: per tender type, tender page opened → paid, and QR
 * code shown → paid by QR. A pure calculation from the period's page events and sales
 * ({@link #of(Instant, Instant, List, List)}), read by a {@link ConversionReports} adapter. Immutable.
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
     * The report from the period's page events and sales (R19; issue 12 point 8: "Cash: opened 4, paid 5, 125 %"
     * cannot happen). A page showing converts when the sale open on that till at the time (opened at or before it,
     * closed at or after it) was paid, partly or wholly, by the page's tender; each showing converts at most one sale
     * and each sale at most once per page, so {@code paid ≤ shown} holds by construction. Sales are matched earliest
     * closed first to the earliest free showing inside them, which matches as many as can be matched. A sale paid by a
     * tender whose page was not shown during it (the cash rest of a split payment, before the cash panel was reported;
     * a member's part) is counted in {@link TenderConversion#paidWithoutPage()}.
     *
     * @param events the period's events; only {@link UiEvent.Kind#PAGE_SHOWN} events of the tender pages and
     *               {@link PageIds#QR_SHOWN} inside {@code [from, to)} count
     * @param sales  the period's finished sales; only PAID sales closed inside {@code [from, to)} count
     */
    public static ConversionReport of(Instant from, Instant to, List<UiEvent> events, List<SaleRecord> sales) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(sales, "sales");
        List<SaleRecord> paid = sales.stream()
                .filter(s -> s.state() == SaleState.PAID && !s.closedAt().isBefore(from) && s.closedAt().isBefore(to))
                .sorted(Comparator.comparing(SaleRecord::closedAt).thenComparing(SaleRecord::openedAt))
                .toList();
        List<TenderConversion> rows = new ArrayList<>();
        for (TenderType type : REPORTED_TENDERS) {
            String page = PageIds.tenderPage(type).orElseThrow();
            rows.add(match(type, page, from, to, events, paid));
        }
        TenderConversion qr = match(TenderType.QR, PageIds.QR_SHOWN, from, to, events, paid);
        return new ConversionReport(from, to, rows, qr.conversion());
    }

    private static TenderConversion match(TenderType type, String page, Instant from, Instant to, List<UiEvent> events,
            List<SaleRecord> paidSales) {
        // the showings of the page, per till, as (time, id) so two at the same millisecond stay two
        Map<String, TreeSet<UiEvent>> free = new java.util.HashMap<>();
        long shown = 0;
        for (UiEvent e : events) {
            if (e.kind() == UiEvent.Kind.PAGE_SHOWN && e.targetId().equals(page) && !e.at().isBefore(from)
                    && e.at().isBefore(to)) {
                shown++;
                free.computeIfAbsent(e.clientId(), k -> new TreeSet<>(Comparator.comparing(UiEvent::at)
                        .thenComparing(UiEvent::id))).add(e);
            }
        }
        long converted = 0;
        long withoutPage = 0;
        for (SaleRecord sale : paidSales) {
            if (sale.tenders().stream().noneMatch(t -> t.type() == type)) {
                continue;
            }
            TreeSet<UiEvent> till = free.get(sale.tillId());
            UiEvent first = till == null ? null
                    : till.ceiling(new UiEvent("", UiEvent.Kind.PAGE_SHOWN, sale.tillId(), page, sale.openedAt()));
            if (first != null && !first.at().isAfter(sale.closedAt())) {
                till.remove(first);
                converted++;
            } else {
                withoutPage++;
            }
        }
        return new TenderConversion(type, page, new Conversion(shown, converted), withoutPage);
    }

    /**
     * The report from counts already made (a store's database).
     *
     * @param pagesShown how often each page id was shown in the period (ids not in {@link PageIds} are ignored)
     * @param paidSales  how many showings of each tender's page converted into a payment by it (never more than
     *                   shown; see {@link #of(Instant, Instant, List, List)} for the definition)
     * @throws IllegalArgumentException when a count of paid exceeds its page's showings
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
