package pos.core.sale;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import pos.core.audit.AuditEntry;
import pos.core.journal.TillRecord;

/**
 * The durable form of a finished sale, as journaled on the till and archived in MariaDB. This is
 * a data contract: the journal, the Redis archive stream and the MariaDB schema all carry these
 * fields; change them deliberately. All money is in minor units of {@code currency}. Immutable.
 *
 * @param transactionId the till-made id, the idempotency key everywhere
 * @param tillId        which till sold it
 * @param state         PAID or CANCELLED
 * @param currency      ISO 4217 code
 * @param totalMinor    the amount due
 * @param taxMinor      the tax included in the total
 * @param openedAt      first line scanned
 * @param closedAt      paid or cancelled
 * @param lines         the cart
 * @param tenders       the payments
 * @param clerkId       the clerk signed in who sold it; null when the till runs without sign-in
 * @param clerkName     that clerk's name as it was then (for receipts and reports); null likewise
 * @param shiftId       the shift it was sold in; null when no shift was open
 * @param saleDiscountMinor the sale discount given on the whole sale (already spread over the lines'
 *                      {@code discountMinor}); 0 when none
 * @param saleDiscountReason why, null when no sale discount
 * @param roundingMinor cash rounding: what the customer paid minus the exact total (negative when
 *                      rounded down); 0 when none. {@code totalMinor} is the exact total before rounding
 * @param audit         the audit trail inside the sale: voided lines, price overrides, discounts,
 *                      approvals (who approved what for whom), in order
 */
public record SaleRecord(String transactionId, String tillId, SaleState state, String currency,
        long totalMinor, long taxMinor, Instant openedAt, Instant closedAt,
        List<Line> lines, List<Payment> tenders,
        String clerkId, String clerkName, String shiftId, long saleDiscountMinor, String saleDiscountReason,
        long roundingMinor, List<AuditEntry> audit) implements TillRecord {

    /** The journal and stream kind of finished sales. */
    public static final String KIND = "SALE_FINISHED";

    public SaleRecord {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(closedAt, "closedAt");
        if (!state.isFinal()) {
            throw new IllegalArgumentException("only finished sales are recorded, not " + state);
        }
        lines = List.copyOf(lines);
        tenders = List.copyOf(tenders);
        audit = audit == null ? List.of() : List.copyOf(audit);
    }

    /** A record as written before the audit trail and discounts existed (no clerk, no discounts). */
    public SaleRecord(String transactionId, String tillId, SaleState state, String currency,
            long totalMinor, long taxMinor, Instant openedAt, Instant closedAt,
            List<Line> lines, List<Payment> tenders) {
        this(transactionId, tillId, state, currency, totalMinor, taxMinor, openedAt, closedAt, lines, tenders,
                null, null, null, 0, null, 0, List.of());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String recordId() {
        return transactionId;
    }

    @Override
    public Instant at() {
        return closedAt;
    }

    /** This record sold in shift {@code id}: everything else as recorded. */
    public SaleRecord withShift(String id) {
        return new SaleRecord(transactionId, tillId, state, currency, totalMinor, taxMinor, openedAt, closedAt, lines, tenders,
                clerkId, clerkName, Objects.requireNonNull(id, "id"), saleDiscountMinor, saleDiscountReason, roundingMinor, audit);
    }

    /** What the customer paid: the total plus the cash rounding. */
    public long paidMinor() {
        return totalMinor + roundingMinor;
    }

    /**
     * One cart line.
     *
     * @param unitPriceMinor  the unit price sold at (after a price override)
     * @param lineTotalMinor  what the line costs after its discounts: {@code quantity × unitPrice}
     *                        (or the weighed price) minus {@code discountMinor}
     * @param listPriceMinor  the catalogue's unit price before any override (equal to
     *                        {@code unitPriceMinor} when none)
     * @param discountMinor   everything taken off this line: its own discount plus its share of the
     *                        sale discount; 0 when none
     * @param discountReason  why the line's own discount or override was given; null when none
     * @param taxRateBasisPoints the line's tax rate then (e.g. 1300 for 13 %)
     * @param taxMinor        the tax included in {@code lineTotalMinor} (the sale's tax per rate is
     *                        the sum over its lines, see {@link Totals})
     */
    public record Line(int lineNo, String productCode, String name, int quantity, int grams,
            long unitPriceMinor, long lineTotalMinor, String taxClass,
            long listPriceMinor, long discountMinor, String discountReason, int taxRateBasisPoints, long taxMinor) {

        public Line {
            Objects.requireNonNull(productCode, "productCode");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(taxClass, "taxClass");
        }

        /** A line as written before discounts existed: no discount, list price = unit price, tax unknown (0). */
        public Line(int lineNo, String productCode, String name, int quantity, int grams,
                long unitPriceMinor, long lineTotalMinor, String taxClass) {
            this(lineNo, productCode, name, quantity, grams, unitPriceMinor, lineTotalMinor, taxClass,
                    unitPriceMinor, 0, null, 0, 0);
        }
    }

    /**
     * One tender.
     *
     * @param reference the paying attempt's transaction id for gateway tenders, null for cash
     */
    public record Payment(TenderType type, long amountMinor, long tenderedMinor, long changeMinor, String reference) {

        /** A payment without a reference (cash). */
        public Payment(TenderType type, long amountMinor, long tenderedMinor, long changeMinor) {
            this(type, amountMinor, tenderedMinor, changeMinor, null);
        }
    }

    /** Records a finished sale. */
    public static SaleRecord of(Sale sale, String tillId) {
        if (!sale.state().isFinal()) {
            throw new SaleException(SaleException.Reason.NOT_IN_STATE, "sale " + sale.id() + " is not finished");
        }
        Totals totals = sale.totals();
        List<Line> lines = totals.lines().stream()
                .map(p -> {
                    SaleLine l = p.line();
                    return new Line(l.lineNo(), l.product().code(), l.product().name(), l.quantity(), l.grams(),
                            l.unitPrice().minorUnits(), p.net().minorUnits(), l.product().taxClass().code(),
                            sale.listPrice(l.lineNo()).minorUnits(), p.discount().minorUnits(),
                            lineReason(sale, l.lineNo()), p.rateBasisPoints(), p.tax().minorUnits());
                })
                .toList();
        List<Payment> payments = sale.tenders().stream()
                .map(t -> new Payment(t.type(), t.amount().minorUnits(), t.tendered().minorUnits(),
                        t.change().minorUnits(), t.reference()))
                .toList();
        return new SaleRecord(sale.id().value(), tillId, sale.state(), sale.currency().getCurrencyCode(),
                totals.total().minorUnits(), totals.taxTotal().minorUnits(), sale.openedAt(),
                sale.closedAt().orElseThrow(), lines, payments, sale.clerkId().orElse(null), sale.clerkName().orElse(null),
                sale.shiftId().orElse(null), totals.saleDiscount().minorUnits(),
                sale.saleDiscount().map(Discount::reason).orElse(null), sale.rounding().minorUnits(), sale.audit());
    }

    /** The line's own discount's reason, else its price override's reason, else null. */
    private static String lineReason(Sale sale, int lineNo) {
        return sale.lineDiscount(lineNo).map(Discount::reason).or(() -> sale.overrideReason(lineNo)).orElse(null);
    }
}
