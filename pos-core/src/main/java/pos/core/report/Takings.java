package pos.core.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.journal.TillRecord;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/**
 * The takings of a period (issue 12, point 8), one pure computation from the journaled records of that period: what
 * the paid sales took and the returns gave back, per tender, per clerk and per hour of the day; the discounts given,
 * the lines voided, the sales cancelled, the no-sale drawer openings, pay-ins and pay-outs. The X and Z reports of a
 * shift are meant to take their sales figures from here too, so the reports cannot disagree. Immutable.
 *
 * <p>Definitions, in minor units of {@code currency}:
 * <ul>
 * <li>a sale's amount is what the customer paid ({@link SaleRecord#paidMinor()}); per tender, what each tender took
 * ({@link SaleRecord.Payment#amountMinor()}); a sale split over two tenders counts once in each tender's row;</li>
 * <li>a return's amount is the money given back ({@link ReturnRecord#totalMinor()}); per tender, each refund's;</li>
 * <li>takings are sales minus returns;</li>
 * <li>discounts are everything taken off the lines of paid sales (the lines' {@code discountMinor}, which holds
 * each line's share of a sale discount), of which sale discounts are the sales' {@code saleDiscountMinor};</li>
 * <li>voids are the {@link AuditKind#LINE_VOIDED} entries in the audit of every sale, paid or cancelled;</li>
 * <li>cancellations are the cancelled sales with their total when cancelled.</li>
 * </ul>
 *
 * @param from          start of the period, inclusive
 * @param to            end of the period, exclusive
 * @param currency      ISO 4217 code of every amount
 * @param sales         paid sales and what they took
 * @param returns       returns and what they gave back
 * @param tenders       per tender type, in {@link TenderType} order; only tenders that took or gave back money
 * @param clerks        per clerk, by name; the clerk of a return is the one who took it back
 * @param hours         per local hour of the day, from the first hour with a sale or return to the last, the hours
 *                      between included (empty rows) so a chart shows the day's shape
 * @param discounts     paid sales with a discount, and everything taken off
 * @param saleDiscounts paid sales with a sale discount, and those discounts
 * @param voids         lines voided, and their totals when voided
 * @param cancellations cancelled sales, and their totals
 * @param noSales       no-sale drawer openings ({@link AuditKind#DRAWER_OPENED}); amount 0
 * @param payIns        cash put into the drawer outside a sale
 * @param payOuts       cash taken out of the drawer outside a sale
 */
public record Takings(Instant from, Instant to, String currency, Figure sales, Figure returns,
        List<TakingsRow> tenders, List<TakingsRow> clerks, List<TakingsRow> hours,
        Figure discounts, Figure saleDiscounts, Figure voids, Figure cancellations,
        Figure noSales, Figure payIns, Figure payOuts) {

    public Takings {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(currency, "currency");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        tenders = List.copyOf(tenders);
        clerks = List.copyOf(clerks);
        hours = List.copyOf(hours);
    }

    /** What was taken: the sales' amount minus the returns'. */
    public long takingsMinor() {
        return sales.amountMinor() - returns.amountMinor();
    }

    /** Discounts given on single lines: everything taken off minus the sale discounts. */
    public long lineDiscountsMinor() {
        return discounts.amountMinor() - saleDiscounts.amountMinor();
    }

    /** The row of {@code type}, or an empty one when that tender did nothing in the period. */
    public TakingsRow tender(TenderType type) {
        return tenders.stream().filter(r -> r.key().equals(type.name())).findFirst()
                .orElse(new TakingsRow(type.name(), type.name(), Figure.NONE, Figure.NONE));
    }

    /** The row of the clerk {@code clerkId} ("" for sales without sign-in), or an empty one. */
    public TakingsRow clerk(String clerkId) {
        return clerks.stream().filter(r -> r.key().equals(clerkId)).findFirst()
                .orElse(new TakingsRow(clerkId, clerkId, Figure.NONE, Figure.NONE));
    }

    /** The row of the local hour {@code hour} (0 to 23), or an empty one. */
    public TakingsRow hour(int hour) {
        String key = hourKey(hour);
        return hours.stream().filter(r -> r.key().equals(key)).findFirst()
                .orElse(new TakingsRow(key, key + ":00", Figure.NONE, Figure.NONE));
    }

    /**
     * The takings of {@code records}: the period's journaled records as the journal gives them (records of other
     * kinds are ignored; nothing is filtered by time here, the caller's query is the period).
     *
     * @param zone the till's time zone, for the hours of the day
     * @throws IllegalArgumentException when a record is in another currency
     */
    public static Takings of(Instant from, Instant to, String currency, ZoneId zone, List<? extends TillRecord> records) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(zone, "zone");
        Builder b = new Builder();
        Set<String> seen = new HashSet<>();
        for (TillRecord record : records) {
            if (!seen.add(record.kind() + "/" + record.recordId())) {
                continue; // a record read twice (two queries that overlap) counts once
            }
            if (record instanceof SaleRecord sale) {
                requireCurrency(currency, sale.currency(), sale.recordId());
                b.sale(sale, zone);
            } else if (record instanceof ReturnRecord back) {
                requireCurrency(currency, back.currency(), back.recordId());
                b.returned(back, zone);
            } else if (record instanceof TillEvent event) {
                b.event(event.entry());
            }
        }
        return b.build(from, to, currency);
    }

    private static void requireCurrency(String expected, String actual, String recordId) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("record " + recordId + " is in " + actual + ", the report in " + expected);
        }
    }

    static String hourKey(int hour) {
        return hour < 10 ? "0" + hour : Integer.toString(hour);
    }

    /** Sums as it goes; one use. */
    private static final class Builder {
        Figure sales = Figure.NONE;
        Figure returns = Figure.NONE;
        final Map<TenderType, TakingsRow> tenders = new EnumMap<>(TenderType.class);
        final Map<String, TakingsRow> clerks = new LinkedHashMap<>();
        final TreeMap<Integer, TakingsRow> hours = new TreeMap<>();
        Figure discounts = Figure.NONE;
        Figure saleDiscounts = Figure.NONE;
        Figure voids = Figure.NONE;
        Figure cancellations = Figure.NONE;
        Figure noSales = Figure.NONE;
        Figure payIns = Figure.NONE;
        Figure payOuts = Figure.NONE;

        void sale(SaleRecord sale, ZoneId zone) {
            for (AuditEntry entry : sale.audit()) {
                if (entry.kind() == AuditKind.LINE_VOIDED) {
                    voids = voids.plus(entry.amountMinor());
                }
            }
            if (sale.state() == SaleState.CANCELLED) {
                cancellations = cancellations.plus(sale.totalMinor());
                return;
            }
            if (sale.state() != SaleState.PAID) {
                return;
            }
            long paid = sale.paidMinor();
            sales = sales.plus(paid);
            Map<TenderType, Long> byTender = new EnumMap<>(TenderType.class);
            for (SaleRecord.Payment payment : sale.tenders()) {
                byTender.merge(payment.type(), payment.amountMinor(), Long::sum);
            }
            byTender.forEach((type, amount) -> tenders.put(type, tenderRow(type).withSale(amount)));
            String clerkId = sale.clerkId() == null ? "" : sale.clerkId();
            TakingsRow clerk = clerkRow(clerkId).withSale(paid);
            clerks.put(clerkId, sale.clerkName() == null ? clerk : clerk.named(sale.clerkName()));
            int hour = sale.closedAt().atZone(zone).getHour();
            hours.put(hour, hourRow(hour).withSale(paid));
            long discounted = sale.lines().stream().mapToLong(SaleRecord.Line::discountMinor).sum();
            if (discounted != 0) {
                discounts = discounts.plus(discounted);
            }
            if (sale.saleDiscountMinor() != 0) {
                saleDiscounts = saleDiscounts.plus(sale.saleDiscountMinor());
            }
        }

        void returned(ReturnRecord back, ZoneId zone) {
            returns = returns.plus(back.totalMinor());
            Map<TenderType, Long> byTender = new EnumMap<>(TenderType.class);
            for (ReturnRecord.Refund refund : back.refunds()) {
                byTender.merge(refund.type(), refund.amountMinor(), Long::sum);
            }
            byTender.forEach((type, amount) -> tenders.put(type, tenderRow(type).withReturn(amount)));
            String clerkId = back.clerkId() == null ? "" : back.clerkId();
            clerks.put(clerkId, clerkRow(clerkId).withReturn(back.totalMinor()));
            int hour = back.at().atZone(zone).getHour();
            hours.put(hour, hourRow(hour).withReturn(back.totalMinor()));
        }

        void event(AuditEntry entry) {
            switch (entry.kind()) {
                case DRAWER_OPENED -> noSales = noSales.plus(0);
                case PAY_IN -> payIns = payIns.plus(entry.amountMinor());
                case PAY_OUT -> payOuts = payOuts.plus(entry.amountMinor());
                default -> {
                }
            }
        }

        TakingsRow tenderRow(TenderType type) {
            return tenders.getOrDefault(type, new TakingsRow(type.name(), type.name(), Figure.NONE, Figure.NONE));
        }

        TakingsRow clerkRow(String clerkId) {
            // the label is the id until a sale names the clerk
            return clerks.getOrDefault(clerkId, new TakingsRow(clerkId, clerkId, Figure.NONE, Figure.NONE));
        }

        TakingsRow hourRow(int hour) {
            return hours.getOrDefault(hour, emptyHour(hour));
        }

        static TakingsRow emptyHour(int hour) {
            return new TakingsRow(hourKey(hour), hourKey(hour) + ":00", Figure.NONE, Figure.NONE);
        }

        Takings build(Instant from, Instant to, String currency) {
            List<TakingsRow> hourRows = new ArrayList<>();
            if (!hours.isEmpty()) {
                for (int h = hours.firstKey(); h <= hours.lastKey(); h++) {
                    hourRows.add(hourRow(h));
                }
            }
            List<TakingsRow> clerkRows = clerks.values().stream()
                    .sorted(Comparator.comparing(TakingsRow::label).thenComparing(TakingsRow::key)).toList();
            return new Takings(from, to, currency, sales, returns, List.copyOf(tenders.values()), clerkRows, hourRows,
                    discounts, saleDiscounts, voids, cancellations, noSales, payIns, payOuts);
        }
    }
}
