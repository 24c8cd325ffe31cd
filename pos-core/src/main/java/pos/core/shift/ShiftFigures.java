package pos.core.shift;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * The figures of one shift, computed by ONE pure function ({@link #of}) from the shift's journaled records and its
 * float: the X report is this of the open shift now, the Z report carries this of the closed shift, so the two can
 * never disagree (issue 12, point 5). All money in minor units of the till's currency. Immutable; a data contract
 * inside {@link ZReport}'s JSON.
 *
 * <p>What counts: PAID sales (count, what the customer paid: {@link SaleRecord#paidMinor()}, the exact total plus
 * any cash rounding, so the tenders add up to it and {@code pos.core.report.Takings} counts the same); returns (count, {@code totalMinor}); per tender, what the
 * sales' tenders applied to the sales (change is already outside a tender's amount) minus what the returns refunded
 * through that tender; tax per rate, the sales' lines' tax minus the returned lines' tax; discounts, everything the
 * paid sales' lines had taken off ({@code discountMinor}, which holds the line's share of a sale discount), of which
 * sale discounts ({@code saleDiscountMinor}); voided lines ({@link AuditKind#LINE_VOIDED} in any sale's audit, paid
 * or cancelled); cancelled sales; no-sale drawer openings, pay-ins and pay-outs ({@link TillEvent}s).
 *
 * <p>Cash expected in the drawer = float + the cash that stayed in the drawer for the paid sales (each cash tender's
 * tendered minus its change, which already holds any cash rounding, see {@link SaleRecord#roundingMinor()}) − cash
 * refunds + pay-ins − pay-outs. {@code cashRoundingMinor} shows the rounding's share of it on its own line.
 *
 * @param currency           ISO 4217 code of every amount (the till's)
 * @param floatMinor         the cash the shift opened with
 * @param salesCount         paid sales
 * @param salesMinor         what they took: their totals plus cash rounding ({@link SaleRecord#paidMinor()})
 * @param returnsCount       returns
 * @param returnsMinor       the money given back
 * @param tenders            per tender type that occurs, in {@link TenderType} order
 * @param taxRates           per tax rate that occurs, ascending
 * @param discountedLines    paid sales' lines with something taken off
 * @param discountsMinor     all taken off those lines
 * @param saleDiscountsCount paid sales with a sale discount
 * @param saleDiscountsMinor the part of {@code discountsMinor} that came from sale discounts
 * @param voidsCount         lines voided from sales
 * @param voidsMinor         their totals when voided
 * @param cancellationsCount sales cancelled
 * @param cancellationsMinor what those sales came to when cancelled
 * @param noSaleCount        drawer openings without a sale
 * @param payInsCount        pay-ins
 * @param payInsMinor        cash put in
 * @param payOutsCount       pay-outs
 * @param payOutsMinor       cash taken out
 * @param cashRoundingMinor  cash rounding over the paid sales (what customers paid minus the exact totals)
 * @param cashExpectedMinor  what the drawer should hold
 */
public record ShiftFigures(String currency, long floatMinor, int salesCount, long salesMinor, int returnsCount,
        long returnsMinor, List<TenderFigures> tenders, List<TaxRateFigures> taxRates, int discountedLines,
        long discountsMinor, int saleDiscountsCount, long saleDiscountsMinor, int voidsCount, long voidsMinor,
        int cancellationsCount, long cancellationsMinor, int noSaleCount, int payInsCount, long payInsMinor,
        int payOutsCount, long payOutsMinor, long cashRoundingMinor, long cashExpectedMinor) {

    public ShiftFigures {
        Objects.requireNonNull(currency, "currency");
        tenders = tenders == null ? List.of() : List.copyOf(tenders);
        taxRates = taxRates == null ? List.of() : List.copyOf(taxRates);
    }

    /**
     * One tender's share of the shift.
     *
     * @param type         the tender
     * @param salesCount   paid sales with this tender (a split sale counts once under each of its tenders)
     * @param salesMinor   what this tender applied to sales
     * @param refundsCount returns that refunded through it
     * @param refundsMinor what went back through it
     * @param netMinor     {@code salesMinor − refundsMinor}
     */
    public record TenderFigures(TenderType type, int salesCount, long salesMinor, int refundsCount, long refundsMinor,
            long netMinor) {
        public TenderFigures {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * One tax rate's share of the shift (prices include tax).
     *
     * @param rateBasisPoints the rate, e.g. 1300 for 13 %
     * @param salesGrossMinor what the paid sales' lines of this rate came to
     * @param salesTaxMinor   the tax in it
     * @param returnsGrossMinor what was given back for returned lines of this rate
     * @param returnsTaxMinor the tax in it
     * @param netTaxMinor     {@code salesTaxMinor − returnsTaxMinor}
     */
    public record TaxRateFigures(int rateBasisPoints, long salesGrossMinor, long salesTaxMinor, long returnsGrossMinor,
            long returnsTaxMinor, long netTaxMinor) {
    }

    /**
     * The figures of a shift: THE computation behind both the X and the Z report. {@code records} are the shift's
     * records in journal order (the caller picks them, normally all with the shift's id); kinds other than sales,
     * returns and till events are ignored, and a record that appears twice counts once.
     */
    public static ShiftFigures of(String currency, long floatMinor, List<? extends TillRecord> records) {
        Objects.requireNonNull(currency, "currency");
        Tally tally = new Tally(floatMinor);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (TillRecord record : records) {
            if (!seen.add(record.kind() + "/" + record.recordId())) {
                continue;
            }
            if (record instanceof SaleRecord sale) {
                tally.sale(sale);
            } else if (record instanceof ReturnRecord ret) {
                tally.ret(ret);
            } else if (record instanceof TillEvent event) {
                tally.event(event.entry());
            }
        }
        return tally.figures(currency);
    }

    /** Sales minus returns: the shift's net takings (the tenders' {@code netMinor} add up to it). */
    public long netTakingsMinor() {
        return salesMinor - returnsMinor;
    }

    /** The accumulator behind {@link #of}: one pass over the records. Not thread-safe. */
    private static final class Tally {
        private final long floatMinor;
        private int salesCount;
        private long salesMinor;
        private int returnsCount;
        private long returnsMinor;
        private final Map<TenderType, long[]> tenders = new EnumMap<>(TenderType.class); // salesCount, sales, refundsCount, refunds
        private final Map<Integer, long[]> rates = new TreeMap<>(); // salesGross, salesTax, returnsGross, returnsTax
        private int discountedLines;
        private long discountsMinor;
        private int saleDiscountsCount;
        private long saleDiscountsMinor;
        private int voidsCount;
        private long voidsMinor;
        private int cancellationsCount;
        private long cancellationsMinor;
        private int noSaleCount;
        private int payInsCount;
        private long payInsMinor;
        private int payOutsCount;
        private long payOutsMinor;
        private long cashRoundingMinor;
        private long cashInMinor;
        private long cashOutMinor;

        Tally(long floatMinor) {
            this.floatMinor = floatMinor;
        }

        void sale(SaleRecord sale) {
            for (AuditEntry entry : sale.audit()) {
                if (entry.kind() == AuditKind.LINE_VOIDED) {
                    voidsCount++;
                    voidsMinor += entry.amountMinor();
                }
            }
            if (sale.state() == SaleState.CANCELLED) {
                cancellationsCount++;
                cancellationsMinor += sale.totalMinor();
                return;
            }
            if (sale.state() != SaleState.PAID) {
                return;
            }
            salesCount++;
            salesMinor += sale.paidMinor(); // what the tenders took, as the takings report counts it
            cashRoundingMinor += sale.roundingMinor();
            java.util.EnumSet<TenderType> counted = java.util.EnumSet.noneOf(TenderType.class);
            for (SaleRecord.Payment payment : sale.tenders()) {
                long[] t = tenders.computeIfAbsent(payment.type(), k -> new long[4]);
                if (counted.add(payment.type())) {
                    t[0]++;
                }
                t[1] += payment.amountMinor();
                if (payment.type() == TenderType.CASH) {
                    cashInMinor += payment.tenderedMinor() - payment.changeMinor();
                }
            }
            for (SaleRecord.Line line : sale.lines()) {
                long[] r = rates.computeIfAbsent(line.taxRateBasisPoints(), k -> new long[4]);
                r[0] += line.lineTotalMinor();
                r[1] += line.taxMinor();
                if (line.discountMinor() != 0) {
                    discountedLines++;
                    discountsMinor += line.discountMinor();
                }
            }
            if (sale.saleDiscountMinor() != 0) {
                saleDiscountsCount++;
                saleDiscountsMinor += sale.saleDiscountMinor();
            }
        }

        void ret(ReturnRecord ret) {
            returnsCount++;
            returnsMinor += ret.totalMinor();
            java.util.EnumSet<TenderType> counted = java.util.EnumSet.noneOf(TenderType.class);
            for (ReturnRecord.Refund refund : ret.refunds()) {
                long[] t = tenders.computeIfAbsent(refund.type(), k -> new long[4]);
                if (counted.add(refund.type())) {
                    t[2]++;
                }
                t[3] += refund.amountMinor();
                if (refund.type() == TenderType.CASH) {
                    cashOutMinor += refund.amountMinor();
                }
            }
            for (ReturnRecord.Line line : ret.lines()) {
                long[] r = rates.computeIfAbsent(line.taxRateBasisPoints(), k -> new long[4]);
                r[2] += line.amountMinor();
                r[3] += line.taxMinor();
            }
        }

        void event(AuditEntry entry) {
            switch (entry.kind()) {
                case DRAWER_OPENED -> noSaleCount++;
                case PAY_IN -> {
                    payInsCount++;
                    payInsMinor += entry.amountMinor();
                }
                case PAY_OUT -> {
                    payOutsCount++;
                    payOutsMinor += entry.amountMinor();
                }
                default -> {
                    // sign-ins, the shift's opening, approvals: no money moves
                }
            }
        }

        ShiftFigures figures(String currency) {
            List<TenderFigures> tenderFigures = new ArrayList<>();
            tenders.forEach((type, t) -> tenderFigures.add(
                    new TenderFigures(type, (int) t[0], t[1], (int) t[2], t[3], t[1] - t[3])));
            List<TaxRateFigures> rateFigures = new ArrayList<>();
            rates.forEach((rate, r) -> rateFigures.add(new TaxRateFigures(rate, r[0], r[1], r[2], r[3], r[1] - r[3])));
            long expected = floatMinor + cashInMinor - cashOutMinor + payInsMinor - payOutsMinor;
            return new ShiftFigures(currency, floatMinor, salesCount, salesMinor, returnsCount, returnsMinor, tenderFigures,
                    rateFigures, discountedLines, discountsMinor, saleDiscountsCount, saleDiscountsMinor, voidsCount,
                    voidsMinor, cancellationsCount, cancellationsMinor, noSaleCount, payInsCount, payInsMinor,
                    payOutsCount, payOutsMinor, cashRoundingMinor, expected);
        }
    }
}
