package pos.core.voucher;

import java.util.Optional;

/**
 * Redeems verified vouchers once and only once across every till of every store (R2, R6), and
 * finds the stored result again (a re-scan after a timeout). Implementations are thread-safe.
 *
 * <p>Calls block for a bounded time (a few seconds at most) and never throw for an unreachable
 * store: they answer {@link RedemptionFailure#UNAVAILABLE}. Call them off the FX thread.
 */
public interface VoucherRedemption {

    /**
     * Redeems {@code voucher} for the sale {@code transactionId} at {@code tillId} of this store.
     * The transaction id is the idempotency key: offering the same voucher again with the same
     * transaction id (a retry after a timeout or an UNAVAILABLE) answers the same success, never
     * a second redemption.
     *
     * @param voucher       a voucher that {@link VoucherCodec#verify} found valid
     * @param tillId        the till
     * @param transactionId the sale's client-made transaction id (ULID)
     * @return SUCCESS with the redemption order number and time, or FAILED with the reason
     */
    RedemptionResult redeem(Voucher voucher, String tillId, String transactionId);

    /**
     * The stored result of the voucher's redemption, if any: the success once redeemed, else the
     * last failure, while it is kept.
     *
     * @return the result; empty if none is stored; a {@link RedemptionFailure#UNAVAILABLE} failure if the
     *         store cannot be reached
     */
    Optional<RedemptionResult> lookup(String voucherId);
}
