package pos.core.refund;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import pos.core.journal.TillRecord;
import pos.core.sale.TenderType;

/**
 * A return: goods brought back from an earlier sale and the money given back for them, journaled as
 * its own record (kind {@value #KIND}) linked to the original sale, archived to MariaDB and counted
 * in the reports. All money in minor units of {@code currency}, positive (what went back to the
 * customer). This is a data contract; change it deliberately. Immutable.
 *
 * @param returnId              the return's own id (a ULID made at the till): the idempotency key, and
 *                              the root of its refund numbers at the gateway
 * @param originalTransactionId the sale the goods came from
 * @param originalTillId        the till that sold them
 * @param tillId                the till that took them back
 * @param clerkId               the clerk who took them back; null without sign-in
 * @param approverId            the supervisor who approved it; null when no approval was needed
 * @param shiftId               the shift it happened in; null when none was open
 * @param currency              ISO 4217 code
 * @param totalMinor            the money given back
 * @param taxMinor              the tax included in it
 * @param at                    when it was finished
 * @param lines                 what came back
 * @param refunds               how the money went back, one per original tender refunded
 * @param reason                why the customer brought it back; null when none given
 */
public record ReturnRecord(String returnId, String originalTransactionId, String originalTillId, String tillId,
        String clerkId, String approverId, String shiftId, String currency, long totalMinor, long taxMinor, Instant at,
        List<Line> lines, List<Refund> refunds, String reason) implements TillRecord {

    /** The journal and stream kind of returns. */
    public static final String KIND = "RETURN_FINISHED";

    public ReturnRecord {
        Objects.requireNonNull(returnId, "returnId");
        Objects.requireNonNull(originalTransactionId, "originalTransactionId");
        Objects.requireNonNull(originalTillId, "originalTillId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(at, "at");
        lines = List.copyOf(lines);
        refunds = List.copyOf(refunds);
        if (totalMinor < 0) {
            throw new IllegalArgumentException("a return gives money back, not " + totalMinor);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String recordId() {
        return returnId;
    }

    /**
     * One line brought back.
     *
     * @param originalLineNo the line of the original sale
     * @param quantity       pieces brought back (1 for a weighed line, which comes back whole)
     * @param grams          the weight for a weighed line, 0 otherwise
     * @param amountMinor    the money given back for it (its share of the line's discounted total)
     * @param taxMinor       the tax included in {@code amountMinor}
     */
    public record Line(int originalLineNo, String productCode, String name, int quantity, int grams, long amountMinor,
            long taxMinor, String taxClass, int taxRateBasisPoints) {
        public Line {
            Objects.requireNonNull(productCode, "productCode");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(taxClass, "taxClass");
        }
    }

    /**
     * Money given back through one tender.
     *
     * @param type              how: CASH from the drawer, QR / PAY_CODE / CARD through the gateway's refund,
     *                          VOUCHER as a new credit voucher, MEMBER back to the stored value
     * @param amountMinor       how much
     * @param originalReference the original tender's reference (its out_trade_no); null for cash
     * @param refundNo          the store's refund number at the gateway (one per return and tender, so a
     *                          retry never refunds twice); null for cash
     * @param refundId          the gateway's id of the refund, the credit voucher's id, or the member's ledger
     *                          movement (the refund number); null for cash
     * @param voucherCode       for a VOUCHER refund, the new credit voucher's signed text (what its QR code holds,
     *                          redeemable at any till of the store); null otherwise (and in records made before it)
     */
    public record Refund(TenderType type, long amountMinor, String originalReference, String refundNo, String refundId,
            String voucherCode) {
        public Refund {
            Objects.requireNonNull(type, "type");
        }

        /** A refund that issued no credit voucher. */
        public Refund(TenderType type, long amountMinor, String originalReference, String refundNo, String refundId) {
            this(type, amountMinor, originalReference, refundNo, refundId, null);
        }
    }
}
