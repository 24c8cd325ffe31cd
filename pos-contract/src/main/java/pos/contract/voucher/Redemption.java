package pos.contract.voucher;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful redemption as archived in MariaDB's {@code voucher_redemptions} (R4). Immutable.
 *
 * @param orderNumber   the redemption order number ({@code VR} + a ULID made by the till)
 * @param voucherId     the voucher
 * @param storeId       where
 * @param tillId        at which till
 * @param transactionId the sale it paid towards
 * @param redeemedAt    when (the till's clock, milliseconds)
 */
public record Redemption(String orderNumber, String voucherId, String storeId, String tillId, String transactionId,
        Instant redeemedAt) {

    public Redemption {
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(voucherId, "voucherId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(redeemedAt, "redeemedAt");
    }
}
