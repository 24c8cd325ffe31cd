package pos.core.voucher;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of redeeming a voucher (R2, R5), as stored in Redis and answered to the customer
 * (R3). Immutable.
 *
 * <ul>
 *   <li>{@code SUCCESS}: {@code orderNumber} is the redemption order number (archived in MariaDB,
 *       R4); {@code storeId}, {@code tillId}, {@code transactionId}, {@code at} name this
 *       redemption.</li>
 *   <li>{@code FAILED} with {@link RedemptionFailure#ALREADY_REDEEMED}: {@code orderNumber},
 *       {@code storeId}, {@code tillId} and {@code at} name the earlier redemption (where and
 *       when).</li>
 *   <li>other failures: {@code at} is when it was refused; {@code orderNumber}, {@code storeId},
 *       {@code tillId} may be null.</li>
 * </ul>
 *
 * @param voucherId     the voucher
 * @param status        success or failure
 * @param failure       the reason, null for a success
 * @param orderNumber   the redemption order number (see above), or null
 * @param storeId       see above, or null
 * @param tillId        see above, or null
 * @param transactionId the sale's transaction id of the redemption (see above), or null
 * @param at            when (see above)
 * @param detail        a sentence for logs and the clerk's details line, never null
 */
public record RedemptionResult(String voucherId, Status status, RedemptionFailure failure, String orderNumber,
        String storeId, String tillId, String transactionId, Instant at, String detail) {

    /** Success or failure. */
    public enum Status { SUCCESS, FAILED }

    public RedemptionResult {
        Objects.requireNonNull(voucherId, "voucherId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        if ((status == Status.SUCCESS) != (failure == null)) {
            throw new IllegalArgumentException("a success has no failure reason and a failure has one: " + status + " " + failure);
        }
        if (status == Status.SUCCESS && (orderNumber == null || storeId == null || tillId == null || transactionId == null)) {
            throw new IllegalArgumentException("a success names its order number, store, till and transaction");
        }
    }

    /** A success. */
    public static RedemptionResult success(String voucherId, String orderNumber, String storeId, String tillId,
            String transactionId, Instant at) {
        return new RedemptionResult(voucherId, Status.SUCCESS, null, orderNumber, storeId, tillId, transactionId, at,
                "voucher " + voucherId + " redeemed: order " + orderNumber + " at store " + storeId + ", till " + tillId
                        + ", " + at);
    }

    /** "Already redeemed" naming the earlier redemption. */
    public static RedemptionResult alreadyRedeemed(String voucherId, String orderNumber, String storeId, String tillId,
            String transactionId, Instant redeemedAt) {
        return new RedemptionResult(voucherId, Status.FAILED, RedemptionFailure.ALREADY_REDEEMED, orderNumber, storeId, tillId,
                transactionId, redeemedAt, "voucher " + voucherId + " was already redeemed at store " + storeId + ", till "
                        + tillId + ", " + redeemedAt + " (order " + orderNumber + ")");
    }

    /** Any other failure. */
    public static RedemptionResult failed(String voucherId, RedemptionFailure failure, Instant at, String detail) {
        if (failure == RedemptionFailure.ALREADY_REDEEMED) {
            throw new IllegalArgumentException("use alreadyRedeemed(...) so that where and when are named");
        }
        return new RedemptionResult(voucherId, Status.FAILED, Objects.requireNonNull(failure, "failure"), null, null, null,
                null, at, detail);
    }

    /** True for a success. */
    public boolean isSuccess() {
        return status == Status.SUCCESS;
    }

    /** The failure reason, if it failed. */
    public Optional<RedemptionFailure> failureReason() {
        return Optional.ofNullable(failure);
    }

    /** The key of the clerk's message: {@code voucher.redeem.success} or the failure's key. */
    public String messageKey() {
        return failure == null ? "voucher.redeem.success" : failure.messageKey();
    }
}
