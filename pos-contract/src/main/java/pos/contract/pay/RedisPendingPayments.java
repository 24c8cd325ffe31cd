package pos.contract.pay;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;

/**
 * The pending queue of payments in Redis (R7, R11): the sorted set {@link PaymentKeys#pending()}
 * scored by each payment's first attempt, plus each payment's order hash
 * ({@link PaymentKeys#order}). A till adds a payment before it asks the gateway (R7); the store
 * hub takes it out when the payment reaches a final state (R8) and its reconciler asks the gateway
 * about the ones left too long (R11). Thread-safe.
 *
 * <p>{@link #add} is one Lua script, so the queue member and the order hash appear together; it
 * keeps the first score and the first {@code createdAt} when the same payment is added again (a
 * retry, or a till writing its pending entry after a Redis outage), and adds nothing to the queue
 * when the result board already holds a final state for the payment (the hub was faster).
 *
 * <p>Redis unreachable: every method fails within the command timeout with an
 * {@link UnableToReachRedisException} naming the server.
 */
public final class RedisPendingPayments implements AutoCloseable {

    static final String TILL_ID = "tillId";
    static final String METHOD = "method";
    static final String AMOUNT_MINOR = "amountMinor";
    static final String CURRENCY = "currency";
    static final String DESCRIPTION = "description";
    static final String CREATED_AT = "createdAt";
    static final String CODE_URL = "codeUrl";

    /**
     * KEYS = pending set, order hash, result hash; ARGV = score, transaction id, order TTL ms,
     * createdAt, then the other order fields. Answers 1 (queued), 0 (was queued already) or
     * 2 (already final: not queued).
     */
    static final LuaScript ADD = new LuaScript("pending payment add", finalStatuses() + """
            redis.call('HSET', KEYS[2], unpack(ARGV, 5))
            redis.call('HSETNX', KEYS[2], 'createdAt', ARGV[4])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            local status = redis.call('HGET', KEYS[3], 'status')
            if status and final[status] then
              return 2
            end
            return redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
            """);

    private final PaymentKeys keys;
    private final Clock clock;
    private final RedisLink link;

    /** The queue on the default keys; it does not own {@code redis}. */
    public RedisPendingPayments(RedisConnections redis) {
        this(redis, PaymentKeys.DEFAULT, Clock.systemUTC());
    }

    /** The queue on {@code keys}, with {@code clock} for ages; it does not own {@code redis}. */
    public RedisPendingPayments(RedisConnections redis, PaymentKeys keys, Clock clock) {
        Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.link = new RedisLink(redis, "pending payments");
    }

    /** What {@link #add} did. */
    public enum Added {
        /** The payment joined the queue. */
        QUEUED,
        /** It was in the queue already; its first score stays. */
        ALREADY_QUEUED,
        /** The result board already holds a final state: the order was kept, the queue left alone. */
        ALREADY_FINAL
    }

    /**
     * Puts a payment in the pending queue (R7) with its order hash, before the gateway is asked.
     * Safe to repeat: {@code codeUrl} may be given on a later call, when the gateway made the order.
     *
     * @param codeUrl the QR payment link, or null (pay-code, or not known yet)
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public Added add(PaymentOrder order, String codeUrl) {
        Objects.requireNonNull(order, "order");
        String tx = order.outTradeNo();
        List<String> args = new ArrayList<>(List.of(
                Long.toString(order.createdAt().toEpochMilli()), tx, Long.toString(PaymentKeys.ORDER_TTL.toMillis()),
                Long.toString(order.createdAt().toEpochMilli()),
                TILL_ID, order.tillId(),
                METHOD, order.method().name(),
                AMOUNT_MINOR, Long.toString(order.amount().minorUnits()),
                CURRENCY, order.amount().currency().getCurrencyCode(),
                DESCRIPTION, order.description()));
        if (codeUrl != null) {
            args.add(CODE_URL);
            args.add(codeUrl);
        }
        Long answer;
        try {
            answer = ADD.run(link.get().sync(), ScriptOutputType.INTEGER,
                    new String[] {keys.pending(), keys.order(tx), keys.result(tx)}, args.toArray(String[]::new));
            link.awaitReplication("the pending payment " + tx);
        } catch (RuntimeException e) {
            throw failed(e, "adding pending payment " + tx);
        }
        return switch (answer == null ? -1 : answer.intValue()) {
            case 1 -> Added.QUEUED;
            case 0 -> Added.ALREADY_QUEUED;
            case 2 -> Added.ALREADY_FINAL;
            default -> throw new MalformedPaymentRecordException(keys.pending(), "the add script answered " + answer, null);
        };
    }

    /**
     * Takes a payment out of the pending queue (R8); its order hash stays until its TTL.
     *
     * @return true if it was there
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public boolean remove(String transactionId) {
        String key = keys.pending();
        keys.order(transactionId); // validates the id
        try {
            Long removed = link.get().sync().zrem(key, transactionId);
            return removed != null && removed > 0;
        } catch (RuntimeException e) {
            throw failed(e, "removing pending payment " + transactionId);
        }
    }

    /**
     * The oldest pending payments whose first attempt was at or before {@code cutoff}, oldest
     * first, at most {@code limit} (R11).
     *
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public List<PendingPayment> olderThan(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<ScoredValue<String>> members;
        try {
            members = link.get().sync().zrangebyscoreWithScores(keys.pending(),
                    Range.create(Double.NEGATIVE_INFINITY, (double) cutoff.toEpochMilli()), Limit.create(0, limit));
        } catch (RuntimeException e) {
            throw failed(e, "reading pending payments older than " + cutoff);
        }
        List<PendingPayment> result = new ArrayList<>(members.size());
        for (ScoredValue<String> member : members) {
            result.add(new PendingPayment(member.getValue(), Instant.ofEpochMilli((long) member.getScore())));
        }
        return result;
    }

    /**
     * Whether {@code transactionId} is in the pending queue.
     *
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public boolean contains(String transactionId) {
        keys.order(transactionId); // validates the id
        try {
            return link.get().sync().zscore(keys.pending(), transactionId) != null;
        } catch (RuntimeException e) {
            throw failed(e, "looking up pending payment " + transactionId);
        }
    }

    /**
     * How many payments are pending (R12).
     *
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public long size() {
        try {
            Long size = link.get().sync().zcard(keys.pending());
            return size == null ? 0 : size;
        } catch (RuntimeException e) {
            throw failed(e, "counting pending payments");
        }
    }

    /**
     * How long the oldest pending payment has waited, by this queue's clock (R12); empty when
     * nothing is pending.
     *
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public Optional<Duration> oldestAge() {
        List<ScoredValue<String>> first;
        try {
            first = link.get().sync().zrangeWithScores(keys.pending(), 0, 0);
        } catch (RuntimeException e) {
            throw failed(e, "reading the oldest pending payment");
        }
        if (first == null || first.isEmpty()) {
            return Optional.empty();
        }
        Duration age = Duration.between(Instant.ofEpochMilli((long) first.get(0).getScore()), clock.instant());
        return Optional.of(age.isNegative() ? Duration.ZERO : age);
    }

    /**
     * The order of {@code transactionId} as the till stored it, if Redis still has it.
     *
     * @throws UnableToReachRedisException    if Redis cannot be reached
     * @throws MalformedPaymentRecordException if the hash does not hold an order
     */
    public Optional<StoredOrder> order(String transactionId) {
        String key = keys.order(transactionId);
        Map<String, String> hash;
        try {
            hash = link.get().sync().hgetall(key);
        } catch (RuntimeException e) {
            throw failed(e, "reading the order of " + transactionId);
        }
        if (hash == null || hash.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoredOrder(transactionId, required(key, hash, TILL_ID),
                    PaymentMethod.valueOf(required(key, hash, METHOD)), Long.parseLong(required(key, hash, AMOUNT_MINOR)),
                    required(key, hash, CURRENCY), hash.getOrDefault(DESCRIPTION, ""),
                    Instant.ofEpochMilli(Long.parseLong(required(key, hash, CREATED_AT))), hash.get(CODE_URL)));
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            throw new MalformedPaymentRecordException(key, "not a payment order: " + hash + " (" + e.getMessage() + ")", e);
        }
    }

    /** The keys this queue works on. */
    public PaymentKeys keys() {
        return keys;
    }

    /** Closes this queue's own connection. Idempotent. */
    @Override
    public void close() {
        link.close();
    }

    private RuntimeException failed(RuntimeException e, String doing) {
        RuntimeException failure = link.failed(e);
        if (failure instanceof RedisCommandExecutionException reply) {
            return new MalformedPaymentRecordException(keys.pending(), doing + ": redis " + link.endpoint() + " answered "
                    + reply.getMessage(), reply);
        }
        return failure;
    }

    private static String required(String key, Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) {
            throw new MalformedPaymentRecordException(key, "field " + field + " is missing", null);
        }
        return value;
    }

    private static String finalStatuses() {
        StringBuilder lua = new StringBuilder("local final = {");
        for (PaymentStatus status : PaymentStatus.values()) {
            if (status.isFinal()) {
                lua.append(status.name()).append(" = true, ");
            }
        }
        return lua.append("}\n").toString();
    }
}
