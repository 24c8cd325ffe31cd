package pos.contract.voucher;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Redis keys of voucher redemption. Immutable.
 *
 * <pre>
 * pos:voucher:{id}          hash, until 30 days after the voucher's expiry: the voucher's state, written by the
 *                           hub when issuing (state ISSUED, fingerprint, store, expiresAt, customer, benefit) and moved
 *                           once to REDEEMED by the redemption script (orderNo, redeemedAt, redeemStore, redeemTill, tx)
 * pos:voucher:result:{id}   hash, with a TTL (24 h): the redemption's result for the customer's query (R2, R3):
 *                           status, reason, orderNo, at, store, till, tx; a success is never overwritten by a later
 *                           failure, which only counts in refusedAttempts (every refused call, a retry too) /
 *                           lastRefusedAt / lastRefusedStore / lastRefusedTill
 * pos:vouchers:redeemed     stream, group pos-voucher-archivers: successes on their way to MariaDB (R4)
 * pos:vouchers:results      pub/sub: the id of a voucher whose result changed (a hint: read the result hash)
 * pos:vouchers:conflicts    hash voucher id → what Redis and MariaDB disagreed on (MariaDB won)
 * </pre>
 *
 * @param prefix the key prefix, {@code pos}
 */
public record VoucherRedisKeys(String prefix) {

    /** The keys under {@code pos:}. */
    public static final VoucherRedisKeys DEFAULT = new VoucherRedisKeys("pos");

    private static final Pattern VOUCHER_ID = Pattern.compile("[0-9A-Za-z_-]{1,32}");

    public VoucherRedisKeys {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** True if {@code voucherId} may be a voucher id (what a key may be made of). */
    public static boolean isVoucherId(String voucherId) {
        return voucherId != null && VOUCHER_ID.matcher(voucherId).matches();
    }

    /** The voucher's state hash. */
    public String state(String voucherId) {
        return prefix + ":voucher:" + checked(voucherId);
    }

    /** The voucher's result hash. */
    public String result(String voucherId) {
        return prefix + ":voucher:result:" + checked(voucherId);
    }

    /** The stream of successes to archive. */
    public String redeemedStream() {
        return prefix + ":vouchers:redeemed";
    }

    /** The channel of changed results. */
    public String resultsChannel() {
        return prefix + ":vouchers:results";
    }

    /** The hash of reported conflicts between Redis and MariaDB. */
    public String conflicts() {
        return prefix + ":vouchers:conflicts";
    }

    private static String checked(String voucherId) {
        if (!isVoucherId(voucherId)) {
            throw new IllegalArgumentException("not a voucher id (1-32 of 0-9 A-Z a-z _ -): '"
                    + pos.core.voucher.VoucherCodec.printable(voucherId) + "'");
        }
        return voucherId;
    }
}
