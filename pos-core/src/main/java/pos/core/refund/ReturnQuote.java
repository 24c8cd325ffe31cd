package pos.core.refund;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A checked return before any money moves: the lines coming back with the money for each, and how
 * that money goes back (one {@link PlannedRefund} per original tender used). Made by
 * {@link Returnable#quote}; {@link #toRecord} makes the journaled {@link ReturnRecord} once the
 * refunds are done. Immutable.
 *
 * @param totalMinor the money given back: the lines' amounts, plus the sale's cash rounding when this
 *                   return takes back the last of the sale (so all returns together give back exactly
 *                   what the customer paid)
 * @param taxMinor   the tax included in it
 */
public record ReturnQuote(String returnId, String originalTransactionId, String originalTillId, String currency,
        List<ReturnRecord.Line> lines, long totalMinor, long taxMinor, List<PlannedRefund> refunds, String reason) {

    public ReturnQuote {
        Objects.requireNonNull(returnId, "returnId");
        Objects.requireNonNull(originalTransactionId, "originalTransactionId");
        Objects.requireNonNull(originalTillId, "originalTillId");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        refunds = List.copyOf(refunds);
    }

    /** Whether any of the money goes back through the payment gateway. */
    public boolean usesGateway() {
        return refunds.stream().anyMatch(PlannedRefund::throughGateway);
    }

    /** The part given back as cash from the drawer. */
    public long cashMinor() {
        return refunds.stream().filter(r -> r.type() == pos.core.sale.TenderType.CASH)
                .mapToLong(PlannedRefund::amountMinor).sum();
    }

    /**
     * The return as journaled, once every planned refund is done.
     *
     * @param done the refunds as done, one per planned refund, in the same order
     * @throws IllegalArgumentException if {@code done} does not match the plan
     */
    public ReturnRecord toRecord(String tillId, String clerkId, String approverId, String shiftId, Instant at,
            List<ReturnRecord.Refund> done) {
        if (done.size() != refunds.size()) {
            throw new IllegalArgumentException("return " + returnId + " planned " + refunds.size() + " refunds, "
                    + done.size() + " were done");
        }
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i).amountMinor() != refunds.get(i).amountMinor() || done.get(i).type() != refunds.get(i).type()) {
                throw new IllegalArgumentException("return " + returnId + ": refund " + i + " was planned as "
                        + refunds.get(i) + " but done as " + done.get(i));
            }
        }
        return new ReturnRecord(returnId, originalTransactionId, originalTillId, tillId, clerkId, approverId, shiftId,
                currency, totalMinor, taxMinor, at, lines, done, reason);
    }
}
