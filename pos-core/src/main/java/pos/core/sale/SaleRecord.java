package pos.core.sale;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
 */
public record SaleRecord(String transactionId, String tillId, SaleState state, String currency,
        long totalMinor, long taxMinor, Instant openedAt, Instant closedAt,
        List<Line> lines, List<Payment> tenders) {

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
    }

    /** One cart line. */
    public record Line(int lineNo, String productCode, String name, int quantity, int grams,
            long unitPriceMinor, long lineTotalMinor, String taxClass) {
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
        List<Line> lines = sale.lines().stream()
                .map(l -> new Line(l.lineNo(), l.product().code(), l.product().name(), l.quantity(), l.grams(),
                        l.unitPrice().minorUnits(), l.lineTotal().minorUnits(), l.product().taxClass().code()))
                .toList();
        List<Payment> payments = sale.tenders().stream()
                .map(t -> new Payment(t.type(), t.amount().minorUnits(), t.tendered().minorUnits(),
                        t.change().minorUnits(), t.reference()))
                .toList();
        return new SaleRecord(sale.id().value(), tillId, sale.state(), sale.currency().getCurrencyCode(),
                totals.total().minorUnits(), totals.taxTotal().minorUnits(), sale.openedAt(),
                sale.closedAt().orElseThrow(), lines, payments);
    }
}
