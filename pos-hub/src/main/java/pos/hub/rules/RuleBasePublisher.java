package pos.hub.rules;

import pos.contract.rules.PublishedRuleBase;
import pos.contract.rules.RedisRuleBaseBoard;
import pos.contract.rules.RuleBaseJson;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleDefinitionException;
import pos.core.rules.RuleRegistry;
import pos.contract.redis.UnableToReachRedisException;

/**
 * The hub's side of rule-base distribution (R14): checks rule data, stores it as the next version
 * in MariaDB (the record), then copies it to Redis and announces it (what the tills read).
 * MariaDB is the truth: if Redis is down when a version is published, or lost it, holds an older
 * one or a damaged copy, {@link #syncToRedis()} (at hub start and every few seconds) copies the newest row
 * across. Thread-safe.
 */
public final class RuleBasePublisher {

    private static final Logger log = LoggerFactory.getLogger(RuleBasePublisher.class);

    private final RuleRegistry registry;
    private final MariaDbRuleBaseStore store;
    private final RedisRuleBaseBoard board;
    private volatile String lastSyncProblem;

    public RuleBasePublisher(RuleRegistry registry, MariaDbRuleBaseStore store, RedisRuleBaseBoard board) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.board = Objects.requireNonNull(board, "board");
    }

    /**
     * What a publication did.
     *
     * @param published   the version stored in MariaDB
     * @param inRedis     whether Redis now holds it (false: Redis was unreachable; it follows within seconds)
     * @param redisProblem why Redis does not hold it yet, or null
     */
    public record Outcome(PublishedRuleBase published, boolean inRedis, String redisProblem) {
    }

    /**
     * Checks {@code json} (format and every rule) and publishes it as the next version. Any
     * "version" in it is replaced by the next one.
     *
     * @throws RuleDefinitionException        if the data is refused; nothing is stored or announced
     * @throws UnableToStoreRuleBaseException if MariaDB cannot store it; nothing is stored or announced
     */
    public Outcome publish(byte[] json, String publishedBy) {
        RuleBaseDefinition definition = RuleBaseJson.read(json);
        registry.compile(definition); // refuses with every problem; the version does not matter here
        PublishedRuleBase published = store.publish(definition, publishedBy);
        log.info("Rule base version {} published by {} ({} rules, sha256 {})", published.version(), published.publishedBy(),
                published.ruleCount(), published.sha256());
        try {
            board.publish(published.version(), published.body());
            return new Outcome(published, true, null);
        } catch (UnableToReachRedisException e) {
            log.warn("Rule base version {} is stored in MariaDB but Redis cannot be reached ({}); it goes to the tills"
                    + " when Redis is back", published.version(), e.reason());
            return new Outcome(published, false, e.reason());
        }
    }

    /**
     * Copies the newest version from MariaDB to Redis when Redis holds an older one, none, or a
     * copy of the newest that differs from it.
     *
     * @return the version copied, or empty when nothing needed copying
     * @throws UnableToStoreRuleBaseException                if MariaDB cannot be read
     * @throws pos.contract.redis.UnableToReachRedisException    if Redis cannot be reached
     */
    public OptionalLong syncToRedis() {
        Optional<PublishedRuleBase> latest = store.latest();
        if (latest.isEmpty()) {
            return OptionalLong.empty();
        }
        long newest = latest.get().version();
        OptionalLong inRedis = board.version();
        if (inRedis.isPresent() && inRedis.getAsLong() > newest) {
            return OptionalLong.empty(); // not this store's MariaDB's doing; never move backwards
        }
        if (inRedis.isPresent() && inRedis.getAsLong() == newest
                && board.current().filter(latest.get().body()::equals).isPresent()) {
            return OptionalLong.empty();
        }
        if (board.publish(newest, latest.get().body())) {
            log.info("Rule base version {} copied from MariaDB to Redis (Redis had {})", newest,
                    inRedis.isEmpty() ? "none" : inRedis.getAsLong() == newest ? "a different copy of it"
                            : "version " + inRedis.getAsLong());
            return OptionalLong.of(newest);
        }
        return OptionalLong.empty();
    }

    /** {@link #syncToRedis()} for a scheduler: a failure is logged once per kind, never thrown. */
    public void syncQuietly() {
        try {
            syncToRedis();
            lastSyncProblem = null;
        } catch (UnableToStoreRuleBaseException | UnableToReachRedisException e) {
            String problem = e.getMessage();
            if (!problem.equals(lastSyncProblem)) {
                log.warn("Cannot bring the rule base in Redis up to date yet: {}", problem);
                lastSyncProblem = problem;
            }
        } catch (RuntimeException e) {
            log.error("Bringing the rule base in Redis up to date failed", e);
        }
    }

    /**
     * The newest published version: from MariaDB, or from Redis when MariaDB cannot be reached.
     *
     * @throws UnableToStoreRuleBaseException if MariaDB cannot be reached and Redis holds none
     */
    public Optional<String> current() {
        try {
            return store.latest().map(PublishedRuleBase::body);
        } catch (UnableToStoreRuleBaseException e) {
            try {
                Optional<String> fromRedis = board.current();
                if (fromRedis.isPresent()) {
                    log.warn("Answering the rule base from Redis: {}", e.getMessage());
                    return fromRedis;
                }
            } catch (UnableToReachRedisException redisDown) {
                e.addSuppressed(redisDown);
            }
            throw e;
        }
    }
}
