package pos.contract.pay;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.core.pay.ResultBoard;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;

/**
 * The {@link ResultBoard} in Redis that the tills, the store hub and the customer's side share
 * (R2, R17, R22): one hash per payment ({@link PaymentKeys#result}) with a time to live, and the
 * channel {@link PaymentKeys#resultsChannel()} that carries the ids of changed payments.
 * Thread-safe.
 *
 * <p>Every write goes through one Lua script that reads the stored status, applies the
 * compare-and-set rule of {@link PaymentStatus#canMoveTo} (the script's table is generated from
 * it), and only for an allowed move replaces the hash, sets its time to live and publishes the
 * transaction id, all atomically. So a hub and a till racing, a late gateway answer or a
 * notification delivered twice never move a final state backwards, and the same status offered
 * again is a harmless duplicate (nothing written, nothing published). A write replayed by Lettuce
 * after a reconnect is therefore harmless too (DESIGN §7).
 *
 * <p>A board made with the store hub's signing key stores, in the same script call, the field
 * {@value #SIGNATURE}: the hub's {@link ResultSignature} over the result; {@link #read} returns it with
 * the result, so a reader can tell the hub's word from anything else written into Redis (issue 10).
 *
 * <p>{@link #watch} subscribes one dedicated pub/sub connection (dialled on first use) and calls
 * listeners on a single background thread of its own, never on Lettuce's event loop. Messages
 * published while that connection is down are lost: a watcher also polls (R22's 2 s poll).
 *
 * <p>Redis unreachable: {@link #get}, {@link #publish} and {@link #watch} fail within the command
 * timeout with an {@link UnableToReachRedisException} naming the server (commands are rejected,
 * not queued, while disconnected).
 */
public final class RedisResultBoard implements ResultBoard, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisResultBoard.class);

    static final String STATUS = "status";
    static final String AMOUNT_MINOR = "amountMinor";
    static final String CURRENCY = "currency";
    static final String METHOD = "method";
    static final String REASON_CODE = "reasonCode";
    static final String UPDATED_AT = "updatedAt";
    /** The hub's signature of the result ({@link ResultSignature}); absent when a till wrote it. */
    public static final String SIGNATURE = "sig";

    /** The compare-and-set script; see {@link #casScript()}. */
    static final LuaScript CAS = new LuaScript("payment result compare-and-set", casScript());

    private final PaymentKeys keys;
    private final Duration resultTtl;
    private final PrivateKey signingKey; // the hub's; null on a till
    private final RedisConnections redis;
    private final RedisLink link;
    private final Map<String, Set<Watch>> watches = new ConcurrentHashMap<>();
    private final ExecutorService notifier;
    private StatefulRedisPubSubConnection<String, String> subscription; // guarded by this
    private boolean closed; // guarded by this

    /** A board on the default keys with the default time to live; it does not own {@code redis}. */
    public RedisResultBoard(RedisConnections redis) {
        this(redis, PaymentKeys.DEFAULT, PaymentKeys.DEFAULT_RESULT_TTL);
    }

    /**
     * A board on {@code keys} whose results live {@code resultTtl} after their last change; it
     * does not own {@code redis}.
     */
    public RedisResultBoard(RedisConnections redis, PaymentKeys keys, Duration resultTtl) {
        this(redis, keys, resultTtl, null);
    }

    /**
     * A board that signs every result it writes with {@code signingKey} (the store hub's result key,
     * {@link ResultSignature}); the signature is stored in the field {@value #SIGNATURE} by the same
     * script call as the result. A null key writes unsigned results (a till). It does not own {@code redis}.
     */
    public RedisResultBoard(RedisConnections redis, PaymentKeys keys, Duration resultTtl, PrivateKey signingKey) {
        this.signingKey = signingKey;
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.resultTtl = Objects.requireNonNull(resultTtl, "resultTtl");
        if (resultTtl.toMillis() < 1) {
            throw new IllegalArgumentException("resultTtl must be at least 1 ms: " + resultTtl);
        }
        this.link = new RedisLink(redis, "payment results");
        this.notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pos-pay-results-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The latest result of {@code transactionId}, if Redis has one.
     *
     * @throws UnableToReachRedisException    if Redis cannot be reached
     * @throws MalformedPaymentRecordException if the hash does not hold a result
     */
    @Override
    public Optional<PaymentResult> get(String transactionId) {
        String key = keys.result(transactionId);
        Map<String, String> hash;
        try {
            hash = link.get().sync().hgetall(key);
        } catch (RuntimeException e) {
            throw failed(e, key, "reading the result of " + transactionId);
        }
        return hash == null || hash.isEmpty() ? Optional.empty() : Optional.of(parse(key, transactionId, hash));
    }

    /**
     * The latest result of {@code transactionId} with the signature stored beside it, if Redis has one.
     *
     * @throws UnableToReachRedisException    if Redis cannot be reached
     * @throws MalformedPaymentRecordException if the hash does not hold a result
     */
    @Override
    public Optional<Entry> read(String transactionId) {
        String key = keys.result(transactionId);
        Map<String, String> hash;
        try {
            hash = link.get().sync().hgetall(key);
        } catch (RuntimeException e) {
            throw failed(e, key, "reading the result of " + transactionId);
        }
        return hash == null || hash.isEmpty() ? Optional.empty()
                : Optional.of(new Entry(parse(key, transactionId, hash), hash.get(SIGNATURE)));
    }

    /**
     * Stores {@code result} if the stored status may move to it, and publishes the change.
     *
     * @return the result the board holds now
     * @throws UnableToReachRedisException if Redis cannot be reached (the write may or may not
     *                                     have happened; offering it again is harmless)
     */
    @Override
    public PaymentResult publish(PaymentResult result) {
        return update(result).stored();
    }

    /**
     * As {@link #publish}, saying whether the result was stored, was a duplicate or was refused
     * as a backward move.
     *
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public ResultUpdate update(PaymentResult result) {
        return update(result, null);
    }

    /**
     * As {@link #update(PaymentResult)}, but a stored result whose signature field still equals
     * {@code unverifiedSignature} (empty: it has none) counts as no result at all: the store hub
     * found it unsigned or not signed by its key, so it is not a state to keep or to move forward
     * from. The comparison is made inside the script, so a result re-signed meanwhile is kept.
     *
     * @param unverifiedSignature the signature field of the stored result the caller refused, "" for
     *                            none; null for the ordinary compare-and-set
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public ResultUpdate update(PaymentResult result, String unverifiedSignature) {
        Objects.requireNonNull(result, "result");
        String tx = result.transactionId();
        String key = keys.result(tx);
        List<String> args = new ArrayList<>(List.of(result.status().name(), Long.toString(resultTtl.toMillis()),
                keys.resultsChannel(), tx, unverifiedSignature == null ? "-" : "R",
                unverifiedSignature == null ? "" : unverifiedSignature));
        fields(result).forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        if (signingKey != null) {
            args.add(SIGNATURE);
            args.add(ResultSignature.sign(signingKey, result));
        }
        List<Object> reply;
        try {
            reply = CAS.run(link.get().sync(), ScriptOutputType.MULTI, new String[] {key}, args.toArray(String[]::new));
            link.awaitReplication("the result of " + tx);
        } catch (RuntimeException e) {
            throw failed(e, key, "publishing " + result.status() + " for " + tx);
        }
        if (reply == null || reply.size() != 2 || !(reply.get(1) instanceof List<?> flat)) {
            throw new MalformedPaymentRecordException(key, "the compare-and-set script answered " + reply, null);
        }
        ResultUpdate.Outcome outcome;
        try {
            outcome = ResultUpdate.Outcome.valueOf(String.valueOf(reply.get(0)));
        } catch (IllegalArgumentException e) {
            throw new MalformedPaymentRecordException(key, "the compare-and-set script answered " + reply.get(0), e);
        }
        Map<String, String> hash = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            hash.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        PaymentResult stored = parse(key, tx, hash);
        if (outcome == ResultUpdate.Outcome.REFUSED) {
            log.debug("Payment {}: kept {}; {} would be a backward move", tx, stored.status(), result.status());
        }
        return new ResultUpdate(outcome, stored);
    }

    /**
     * Calls {@code listener} with the transaction id, on this board's background thread, each time
     * a change of its result is published. A hint to {@link #get} again, never the state itself.
     *
     * @return a handle whose {@code close()} removes the listener
     * @throws UnableToReachRedisException if the subscription cannot be made (Redis unreachable)
     */
    @Override
    public AutoCloseable watch(String transactionId, Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        keys.result(transactionId); // validates the id
        Watch watch = new Watch(transactionId, listener);
        watches.computeIfAbsent(transactionId, tx -> new CopyOnWriteArraySet<>()).add(watch);
        try {
            ensureSubscribed();
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        return watch;
    }

    private synchronized void ensureSubscribed() {
        if (closed) {
            throw new IllegalStateException("the result board is closed");
        }
        if (subscription != null && subscription.isOpen()) {
            return;
        }
        StatefulRedisPubSubConnection<String, String> connection = redis.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                dispatch(message);
            }
        });
        try {
            connection.sync().subscribe(keys.resultsChannel());
        } catch (RuntimeException e) {
            connection.closeAsync();
            throw redis.unreachable(e);
        }
        subscription = connection;
        log.debug("Subscribed to {} on redis {}", keys.resultsChannel(), redis.endpoint());
    }

    private void dispatch(String transactionId) {
        Set<Watch> forTx = watches.get(transactionId);
        if (forTx == null || forTx.isEmpty()) {
            return;
        }
        try {
            notifier.execute(() -> {
                for (Watch watch : forTx) {
                    watch.fire();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Result board closed; not telling the watchers of {}", transactionId, e);
        }
    }

    /** Stops watching and closes the board's own connections. Idempotent. */
    @Override
    public void close() {
        StatefulRedisPubSubConnection<String, String> toClose;
        synchronized (this) {
            closed = true;
            toClose = subscription;
            subscription = null;
        }
        if (toClose != null) {
            toClose.close();
        }
        notifier.shutdownNow();
        watches.clear();
        link.close();
    }

    private RuntimeException failed(RuntimeException e, String key, String doing) {
        RuntimeException failure = link.failed(e);
        if (failure instanceof RedisCommandExecutionException reply) {
            return new MalformedPaymentRecordException(key, doing + ": redis " + redis.endpoint()
                    + " answered " + reply.getMessage(), reply);
        }
        return failure;
    }

    static Map<String, String> fields(PaymentResult result) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(STATUS, result.status().name());
        fields.put(AMOUNT_MINOR, Long.toString(result.amountMinor()));
        fields.put(CURRENCY, result.currency());
        fields.put(METHOD, result.method().name());
        if (result.reasonCode() != null) {
            fields.put(REASON_CODE, result.reasonCode());
        }
        fields.put(UPDATED_AT, Long.toString(result.updatedAt().toEpochMilli()));
        return fields;
    }

    static PaymentResult parse(String key, String transactionId, Map<String, String> hash) {
        try {
            return new PaymentResult(transactionId,
                    PaymentStatus.valueOf(required(key, hash, STATUS)),
                    Long.parseLong(required(key, hash, AMOUNT_MINOR)),
                    required(key, hash, CURRENCY),
                    PaymentMethod.valueOf(required(key, hash, METHOD)),
                    hash.get(REASON_CODE),
                    Instant.ofEpochMilli(Long.parseLong(required(key, hash, UPDATED_AT))));
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            throw new MalformedPaymentRecordException(key, "not a payment result: " + hash + " (" + e.getMessage() + ")", e);
        }
    }

    private static String required(String key, Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) {
            throw new MalformedPaymentRecordException(key, "field " + field + " is missing", null);
        }
        return value;
    }

    /**
     * KEYS[1] = the result hash; ARGV = new status, TTL in ms, channel, transaction id, mode ("-" the
     * ordinary compare-and-set, "R" a stored result whose {@code sig} field equals ARGV[6] counts as
     * none), that signature, then the hash's field/value pairs (with {@code sig} when signed).
     * Answers {outcome, HGETALL of the hash afterwards}.
     */
    static String casScript() {
        StringBuilder table = new StringBuilder("local allowed = {\n");
        for (PaymentStatus from : PaymentStatus.values()) {
            table.append("  ").append(from.name()).append(" = {");
            for (PaymentStatus to : from.allowedNext()) {
                table.append(to.name()).append(" = true, ");
            }
            table.append("},\n");
        }
        table.append("}\n");
        return table + """
                local key = KEYS[1]
                local nextStatus = ARGV[1]
                if allowed[nextStatus] == nil then
                  return redis.error_reply('unknown payment status ' .. nextStatus)
                end
                local current = redis.call('HGET', key, 'status')
                if current and ARGV[5] == 'R' and (redis.call('HGET', key, 'sig') or '') == ARGV[6] then
                  current = nil
                end
                local outcome
                if not current then
                  outcome = 'STORED'
                elseif current == nextStatus then
                  outcome = 'DUPLICATE'
                elseif allowed[current] ~= nil and allowed[current][nextStatus] then
                  outcome = 'STORED'
                else
                  outcome = 'REFUSED'
                end
                if outcome == 'STORED' then
                  redis.call('DEL', key)
                  redis.call('HSET', key, unpack(ARGV, 7))
                  redis.call('PEXPIRE', key, ARGV[2])
                  redis.call('PUBLISH', ARGV[3], ARGV[4])
                end
                return {outcome, redis.call('HGETALL', key)}
                """;
    }

    /** One registered listener; closing it removes it. */
    private final class Watch implements AutoCloseable {
        private final String transactionId;
        private final Consumer<String> listener;

        Watch(String transactionId, Consumer<String> listener) {
            this.transactionId = transactionId;
            this.listener = listener;
        }

        void fire() {
            try {
                listener.accept(transactionId);
            } catch (RuntimeException e) {
                log.error("A watcher of payment {} failed", transactionId, e);
            }
        }

        @Override
        public void close() {
            watches.computeIfPresent(transactionId, (tx, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
