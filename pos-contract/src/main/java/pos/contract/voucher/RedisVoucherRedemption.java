package pos.contract.voucher;

import pos.contract.voucher.RedemptionScript;
import pos.contract.voucher.VoucherRedisKeys;
import pos.contract.voucher.Redemption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.sale.TransactionId;
import pos.core.voucher.RedemptionFailure;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherCodec;
import pos.core.voucher.VoucherRedemption;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;

/**
 * The till's {@link VoucherRedemption}: straight to the store's Redis through one atomic Lua
 * script ({@link RedemptionScript#REDEEM}, R2, R6), not through the hub, so that redeeming keeps
 * working while the hub restarts; the hub only answers the customer's query (R3) and archives the
 * successes into MariaDB (R4, the hub's VoucherArchiver). Thread-safe; one per till is enough.
 *
 * <p>Every call takes at most about two command timeouts ({@link RedisConnections#COMMAND_TIMEOUT},
 * an {@code EVALSHA} and, after a Redis restart, one {@code EVAL}) and never throws for an
 * unreachable or loading Redis: it answers {@link RedemptionFailure#UNAVAILABLE} ("cannot prove
 * the voucher unused"). The sale's transaction id is the idempotency key: a retry with the same
 * one answers the stored success, so a reply lost in a Redis restart is harmless, and so is a
 * command Lettuce replays after a reconnect (DESIGN §7).
 *
 * <pre>{@code
 * RedisVoucherRedemption redemption = new RedisVoucherRedemption(redisConnections, "store-1");
 * VoucherCheck check = codec.verify(scanned, clock.instant(), "store-1");       // offline (R1, R5)
 * if (check instanceof VoucherCheck.Valid valid) {
 *     RedemptionResult result = redemption.redeem(valid.voucher(), "till-1", sale.transactionId()); // off the FX thread
 * }
 * }</pre>
 */
public final class RedisVoucherRedemption implements VoucherRedemption, AutoCloseable {

    /** How long a result stays in Redis after its last change, unless configured otherwise. */
    public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(RedisVoucherRedemption.class);

    private final RedisLink link;
    private final String storeId;
    private final VoucherRedisKeys keys;
    private final Duration resultTtl;
    private final Clock clock;
    private final TransactionId.Generator orderNumbers;
    private final String redeemedStream;
    private final String resultsChannel;
    private final String resultTtlMillis;

    /** Redemption for the till's store {@code storeId} on the default keys; it does not own {@code redis}. */
    public RedisVoucherRedemption(RedisConnections redis, String storeId) {
        this(redis, storeId, VoucherRedisKeys.DEFAULT, DEFAULT_RESULT_TTL, Clock.systemUTC());
    }

    /** Redemption on {@code keys}, results kept {@code resultTtl}, telling time by {@code clock}; it does not own {@code redis}. */
    public RedisVoucherRedemption(RedisConnections redis, String storeId, VoucherRedisKeys keys, Duration resultTtl,
            Clock clock) {
        this.link = new RedisLink(Objects.requireNonNull(redis, "redis"), "voucher redemption");
        this.storeId = Objects.requireNonNull(storeId, "storeId");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.resultTtl = Objects.requireNonNull(resultTtl, "resultTtl");
        if (resultTtl.toMillis() < 1) {
            throw new IllegalArgumentException("resultTtl must be at least 1 ms: " + resultTtl);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orderNumbers = new TransactionId.Generator(clock);
        this.redeemedStream = keys.redeemedStream();
        this.resultsChannel = keys.resultsChannel();
        this.resultTtlMillis = Long.toString(resultTtl.toMillis());
    }

    @Override
    public RedemptionResult redeem(Voucher voucher, String tillId, String transactionId) {
        Objects.requireNonNull(voucher, "voucher");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(transactionId, "transactionId");
        Instant now = clock.instant();
        String nowMillis = Long.toString(now.toEpochMilli());
        String orderNo = "VR" + orderNumbers.next().value();
        List<Object> reply;
        try {
            reply = RedemptionScript.REDEEM.runMulti(link.get().sync(),
                    new String[] {keys.state(voucher.voucherId()), keys.result(voucher.voucherId()), redeemedStream},
                    voucher.voucherId(), voucher.fingerprint(), storeId, tillId, transactionId,
                    nowMillis, orderNo, resultTtlMillis, resultsChannel);
            // R6 through a failover: a redemption counts once a replica has it; until then the till
            // is told "cannot be checked now" and its retry with the same transaction id is idempotent.
            link.awaitReplication("the redemption of voucher " + voucher.voucherId());
        } catch (RuntimeException e) {
            return unavailable(voucher.voucherId(), now, "redeeming", e);
        }
        RedemptionResult result = parseReply(voucher.voucherId(), reply, orderNo, storeId, tillId, transactionId, nowMillis);
        if (result.isSuccess()) {
            log.info("Voucher {} redeemed at till {} for {}: order {}", voucher.voucherId(), tillId, transactionId,
                    result.orderNumber());
        } else {
            log.debug("Voucher {} refused at till {} for {}: {}", voucher.voucherId(), tillId, transactionId, result.detail());
        }
        return result;
    }

    @Override
    public Optional<RedemptionResult> lookup(String voucherId) {
        if (!VoucherRedisKeys.isVoucherId(voucherId)) {
            return Optional.empty();
        }
        Map<String, String> hash;
        try {
            hash = link.get().sync().hgetall(keys.result(voucherId));
        } catch (RuntimeException e) {
            return Optional.of(unavailable(voucherId, clock.instant(), "reading the result of", e));
        }
        return fromHash(voucherId, hash);
    }

    /** The result stored in a result hash ({@link VoucherRedisKeys#result}), if it holds one. */
    public static Optional<RedemptionResult> fromHash(String voucherId, Map<String, String> hash) {
        if (hash == null || hash.isEmpty() || hash.get("status") == null) {
            return Optional.empty();
        }
        return Optional.of(toResult(voucherId, hash.get("status"), hash.getOrDefault("reason", ""), hash.get("orderNo"),
                hash.get("store"), hash.get("till"), hash.get("tx"), hash.getOrDefault("at", "0")));
    }

    /**
     * The script's answer as a result: {@link RedemptionScript#REDEEMED_NOW} alone is this call's own
     * redemption, made of what the call sent; anything else is the seven fields of a stored outcome.
     */
    private static RedemptionResult parseReply(String voucherId, List<Object> reply, String orderNo, String storeId,
            String tillId, String transactionId, String nowMillis) {
        if (reply != null && reply.size() == 1 && reply.get(0) instanceof Long answer
                && answer == RedemptionScript.REDEEMED_NOW) {
            return toResult(voucherId, "SUCCESS", "", orderNo, storeId, tillId, transactionId, nowMillis);
        }
        if (reply == null || reply.size() != 7) {
            throw new IllegalStateException("the voucher redemption script answered " + reply);
        }
        String[] f = reply.stream().map(o -> o == null ? "" : String.valueOf(o)).toArray(String[]::new);
        return toResult(voucherId, f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
    }

    private static RedemptionResult toResult(String voucherId, String status, String reason, String orderNo, String store,
            String till, String tx, String atMillis) {
        Instant at = Instant.ofEpochMilli(Long.parseLong(atMillis));
        if ("SUCCESS".equals(status)) {
            return RedemptionResult.success(voucherId, orderNo, store, till, tx, at);
        }
        RedemptionFailure failure = RedemptionFailure.valueOf(reason);
        if (failure == RedemptionFailure.ALREADY_REDEEMED) {
            return RedemptionResult.alreadyRedeemed(voucherId, orderNo, store, till, tx, at);
        }
        String detail = switch (failure) {
            case UNKNOWN -> "voucher " + voucherId + " was not issued by the store (or was withdrawn): it cannot be redeemed";
            case FORGED -> "voucher " + voucherId + " does not match the voucher the store issued under that id";
            case EXPIRED -> "voucher " + voucherId + " has expired by the store's record";
            case WRONG_STORE -> "voucher " + voucherId + " belongs to another store than " + store;
            default -> failure.sentence();
        };
        return RedemptionResult.failed(voucherId, failure, at, detail);
    }

    private RedemptionResult unavailable(String voucherId, Instant now, String what, RuntimeException e) {
        RuntimeException failure = link.failed(e);
        log.warn("Voucher {}: {} it failed, the voucher is not redeemed: {}", voucherId, what,
                VoucherCodec.printable(String.valueOf(failure.getMessage())));
        return RedemptionResult.failed(voucherId, RedemptionFailure.UNAVAILABLE, now,
                "cannot prove voucher " + voucherId + " unused: the store's Redis " + link.endpoint() + " answered "
                        + RedisConnections.describe(failure) + "; try again (the same sale's retry is never a second"
                        + " redemption) or take another tender");
    }

    /** Closes its connection (not the {@link RedisConnections}). */
    @Override
    public void close() {
        link.close();
    }
}
