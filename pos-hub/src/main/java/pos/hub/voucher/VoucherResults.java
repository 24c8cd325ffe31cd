package pos.hub.voucher;

import pos.contract.voucher.Redemption;
import pos.contract.voucher.VoucherRedisKeys;
import pos.contract.voucher.RedisVoucherRedemption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.core.voucher.RedemptionResult;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;

/**
 * Answers the customer's question "what happened to my voucher?" (R3) for the hub's
 * {@code GET /vouchers/{id}}: from Redis' result hash first, then from the voucher's state hash
 * (which keeps a redemption until 30 days after the voucher's expiry), then from MariaDB for
 * successes older than that (R4). Thread-safe; it owns neither the link nor the store.
 */
public final class VoucherResults {

    /**
     * What is known about a voucher.
     *
     * @param voucherId       the voucher
     * @param status          {@code SUCCESS}, {@code FAILED} or {@code NOT_REDEEMED} (issued, never redeemed)
     * @param result          the redemption result, empty for NOT_REDEEMED
     * @param source          where the answer came from: {@code redis}, {@code redis-state} or {@code mariadb}
     * @param refusedAttempts later attempts refused as already redeemed (0 if unknown)
     * @param lastRefusedAt   when the last of those was, or null
     */
    public record Answer(String voucherId, String status, Optional<RedemptionResult> result, String source,
            long refusedAttempts, Instant lastRefusedAt) {
    }

    private final RedisLink redis;
    private final MariaDbVoucherStore store;
    private final VoucherRedisKeys keys;

    /** Answers from {@code redis} and {@code store}. */
    public VoucherResults(RedisLink redis, MariaDbVoucherStore store, VoucherRedisKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * What is known about {@code voucherId}; empty if neither Redis nor MariaDB knows it.
     *
     * @throws IllegalArgumentException    if it is not a voucher id
     * @throws UnableToReachRedisException if Redis is down and MariaDB holds no success for it
     * @throws UnableToStoreVoucherException if Redis does not know it and MariaDB cannot be reached
     */
    public Optional<Answer> query(String voucherId) {
        if (!VoucherRedisKeys.isVoucherId(voucherId)) {
            throw new IllegalArgumentException("not a voucher id");
        }
        Map<String, String> result;
        Map<String, String> state;
        try {
            result = redis.get().sync().hgetall(keys.result(voucherId));
            state = result.isEmpty() ? redis.get().sync().hgetall(keys.state(voucherId)) : Map.of();
        } catch (RuntimeException e) {
            RuntimeException failure = redis.failed(e);
            if (failure instanceof UnableToReachRedisException unreachable) {
                return Optional.of(store.redemption(voucherId).map(VoucherResults::fromMariaDb).orElseThrow(() -> unreachable));
            }
            throw failure;
        }
        Optional<RedemptionResult> stored = RedisVoucherRedemption.fromHash(voucherId, result);
        if (stored.isPresent()) {
            String lastRefused = result.get("lastRefusedAt");
            return Optional.of(new Answer(voucherId, stored.get().status().name(), stored, "redis",
                    Long.parseLong(result.getOrDefault("refusedAttempts", "0")),
                    lastRefused == null ? null : Instant.ofEpochMilli(Long.parseLong(lastRefused))));
        }
        if ("REDEEMED".equals(state.get("state"))) {
            RedemptionResult success = RedemptionResult.success(voucherId, state.get("orderNo"), state.get("redeemStore"),
                    state.get("redeemTill"), state.get("tx"), Instant.ofEpochMilli(Long.parseLong(state.get("redeemedAt"))));
            return Optional.of(new Answer(voucherId, "SUCCESS", Optional.of(success), "redis-state", 0, null));
        }
        if ("ISSUED".equals(state.get("state"))) {
            return Optional.of(new Answer(voucherId, "NOT_REDEEMED", Optional.empty(), "redis-state", 0, null));
        }
        return store.redemption(voucherId).map(VoucherResults::fromMariaDb);
    }

    private static Answer fromMariaDb(Redemption r) {
        return new Answer(r.voucherId(), "SUCCESS", Optional.of(RedemptionResult.success(r.voucherId(), r.orderNumber(),
                r.storeId(), r.tillId(), r.transactionId(), r.redeemedAt())), "mariadb", 0, null);
    }
}
