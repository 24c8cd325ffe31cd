package pos.hub.voucher;

import pos.contract.voucher.Redemption;
import pos.contract.voucher.RedemptionScript;
import pos.contract.voucher.VoucherRedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import pos.core.sale.TransactionId;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherCodec;
import pos.core.voucher.VoucherKeys;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;

/**
 * Issues vouchers: makes and signs them, stores them in MariaDB ({@code vouchers}, the record of
 * what was issued) and then in Redis ({@code pos:voucher:{id}}, state ISSUED), because the
 * redemption script redeems only a voucher it finds there: an unknown voucher is refused even
 * while MariaDB is down, so redemption never needs MariaDB. Thread-safe; it owns neither the
 * Redis connections nor the store.
 */
public final class VoucherIssuer {

    /** How long a voucher's Redis state outlives its expiry (re-scans still say EXPIRED or ALREADY_REDEEMED). */
    public static final Duration STATE_KEPT_AFTER_EXPIRY = Duration.ofDays(30);

    private final VoucherCodec codec;
    private final VoucherKeys keys;
    private final MariaDbVoucherStore store;
    private final RedisLink redis;
    private final VoucherRedisKeys redisKeys;
    private final Clock clock;
    private final TransactionId.Generator ids;

    /** An issuer signing with {@code keys}' signing key. */
    public VoucherIssuer(VoucherKeys keys, MariaDbVoucherStore store, RedisConnections redis, VoucherRedisKeys redisKeys,
            Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.codec = new VoucherCodec(keys);
        this.store = Objects.requireNonNull(store, "store");
        this.redis = new RedisLink(Objects.requireNonNull(redis, "redis"), "voucher issuing");
        this.redisKeys = Objects.requireNonNull(redisKeys, "redisKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = new TransactionId.Generator(clock);
    }

    /**
     * Issues {@code count} vouchers (ids are ULIDs) with the same benefit, expiry and store, for
     * customers {@code customerPrefix + n} (n from 1, four digits at least): MariaDB first in one
     * transaction, then Redis.
     *
     * @throws UnableToStoreVoucherException if MariaDB refused (nothing issued) or Redis could not
     *                                       be written (stored in MariaDB; {@link #copyToRedis} finishes it)
     */
    public List<IssuedVoucher> issue(int count, VoucherBenefit benefit, String customerPrefix, Instant expiresAt,
            String storeId) {
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("issue 1 to 100000 vouchers at a time: " + count);
        }
        Instant now = clock.instant();
        List<IssuedVoucher> issued = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            Voucher voucher = new Voucher(ids.next().value(), benefit, customerPrefix + String.format("%04d", n), expiresAt,
                    storeId, keys.signingKeyId());
            issued.add(new IssuedVoucher(voucher, codec.encode(voucher), now));
        }
        store.insertIssued(issued);
        copyToRedis(issued);
        return issued;
    }

    /**
     * Issues the credit voucher of a refund (issue 12.3: a return paid by voucher is refunded as a new credit voucher),
     * once per refund number: its id is the refund number, so a retry (a lost answer, a till restarted mid-return, two
     * calls at once) gets the same voucher back, made redeemable in Redis again if it was not yet, and never a second.
     * Signed with this issuer's key, stored in MariaDB and Redis like every voucher, redeemable at any till.
     *
     * @param refundNo  the till's refund number ({@code returnId-N}), the voucher's id
     * @param amount    the money refunded, the voucher's amount off
     * @param expiresAt the last instant it may be redeemed (whole seconds)
     * @param storeId   where it may be redeemed ({@link Voucher#ANY_STORE} for any store)
     * @param tillId    the till that asked (kept as the voucher's customer reference)
     * @throws IllegalArgumentException      if the refund number was already issued for another amount
     * @throws UnableToStoreVoucherException if MariaDB or Redis cannot be reached (a retry finishes it)
     */
    public IssuedVoucher issueCredit(String refundNo, pos.core.money.Money amount, Instant expiresAt, String storeId,
            String tillId) {
        java.util.Optional<IssuedVoucher> earlier = store.issued(refundNo);
        IssuedVoucher issued;
        if (earlier.isPresent()) {
            issued = earlier.get();
        } else {
            Voucher voucher = new Voucher(refundNo, new VoucherBenefit.AmountOff(amount), "credit " + tillId, expiresAt,
                    storeId, keys.signingKeyId());
            IssuedVoucher made = new IssuedVoucher(voucher, codec.encode(voucher), clock.instant());
            try {
                store.insertIssued(List.of(made));
                issued = made;
            } catch (UnableToStoreVoucherException e) {
                // Another call with the same refund number may have been first (the primary key refused this one).
                issued = store.issued(refundNo).orElseThrow(() -> e);
            }
        }
        if (!(issued.voucher().benefit() instanceof VoucherBenefit.AmountOff off) || !off.amount().equals(amount)) {
            throw new IllegalArgumentException("refund " + refundNo + " was already issued as a credit voucher of "
                    + issued.voucher().benefit() + ", not " + amount + "; nothing new was issued");
        }
        copyToRedis(List.of(issued));
        return issued;
    }

    /**
     * Copies MariaDB's record back into Redis ({@code ./pos hub vouchers sync}): every unexpired
     * issued voucher missing in Redis is made redeemable, and every redemption archived in MariaDB
     * is written over an ISSUED state (MariaDB wins; a REDEEMED state is never touched). For a
     * Redis that lost its data, or vouchers whose issuing could not reach Redis. Redemptions Redis
     * lost before they were archived cannot be recovered this way: MariaDB's unique key then
     * refuses a second redemption and the archiver reports it.
     *
     * @return how many Redis states were written
     * @throws UnableToStoreVoucherException if MariaDB or Redis cannot be reached
     */
    public int resync() {
        List<IssuedVoucher> issued = store.issuedNotExpired(clock.instant());
        int written = copyToRedis(issued);
        java.util.Map<String, Redemption> redeemed = store.redemptions(issued.stream().map(i -> i.voucher().voucherId()).toList());
        for (IssuedVoucher i : issued) {
            Redemption r = redeemed.get(i.voucher().voucherId());
            if (r == null) {
                continue;
            }
            Voucher v = i.voucher();
            try {
                written += (int) RedemptionScript.SEED.runInteger(redis.get().sync(), new String[] {redisKeys.state(v.voucherId())},
                        Long.toString(v.expiresAt().plus(STATE_KEPT_AFTER_EXPIRY).toEpochMilli()),
                        "state", "REDEEMED", "fingerprint", v.fingerprint(), "store", v.storeId(),
                        "expiresAt", Long.toString(v.expiresAt().toEpochMilli()), "customer", v.customerRef(),
                        "keyId", v.keyId(), "orderNo", r.orderNumber(), "redeemedAt", Long.toString(r.redeemedAt().toEpochMilli()),
                        "redeemStore", r.storeId(), "redeemTill", r.tillId(), "tx", r.transactionId());
            } catch (RuntimeException e) {
                RuntimeException failure = redis.failed(e);
                throw new UnableToStoreVoucherException("redis " + redis.endpoint() + ": copying redemptions back failed: "
                        + failure.getMessage() + "; run the sync again when Redis is back", failure);
            }
        }
        return written;
    }

    /**
     * Writes the vouchers' ISSUED state into Redis where it is missing (never over a redemption).
     *
     * @return how many were written
     * @throws UnableToStoreVoucherException if Redis cannot be reached
     */
    public int copyToRedis(List<IssuedVoucher> vouchers) {
        List<String[]> keyLists = new ArrayList<>(vouchers.size());
        List<String[]> argLists = new ArrayList<>(vouchers.size());
        for (IssuedVoucher issued : vouchers) {
            Voucher v = issued.voucher();
            String benefit = v.benefit() instanceof VoucherBenefit.AmountOff off
                    ? off.amount().minorUnits() + " " + off.amount().currency().getCurrencyCode()
                    : "product " + ((VoucherBenefit.Product) v.benefit()).productCode();
            keyLists.add(new String[] {redisKeys.state(v.voucherId())});
            argLists.add(new String[] {Long.toString(v.expiresAt().plus(STATE_KEPT_AFTER_EXPIRY).toEpochMilli()),
                    "state", "ISSUED", "fingerprint", v.fingerprint(), "store", v.storeId(),
                    "expiresAt", Long.toString(v.expiresAt().toEpochMilli()), "customer", v.customerRef(),
                    "benefit", benefit, "keyId", v.keyId()});
        }
        try {
            // Pipelined: issuing thousands of vouchers takes a few round trips, not one (and one fsync) each.
            return RedemptionScript.SEED.runIntegersPipelined(redis.get(), keyLists, argLists,
                    RedisConnections.COMMAND_TIMEOUT.multipliedBy(5)).stream().mapToInt(Long::intValue).sum();
        } catch (RuntimeException e) {
            RuntimeException failure = redis.failed(e);
            throw new UnableToStoreVoucherException("redis " + redis.endpoint() + ": the " + vouchers.size()
                    + " vouchers could not all be made redeemable: " + failure.getMessage() + ". They are all stored in"
                    + " MariaDB; run './pos hub vouchers sync' when Redis is back (it is safe to run again)", failure);
        }
    }
}
