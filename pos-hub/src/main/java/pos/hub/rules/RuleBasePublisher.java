package pos.hub.rules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.redis.UnableToReachRedisException;
import pos.contract.rules.PublishedRuleBase;
import pos.contract.rules.RedisRuleBaseBoard;
import pos.contract.rules.RuleBaseJson;
import pos.contract.rules.RuleBaseSignature;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleDefinitionException;
import pos.core.rules.RuleRegistry;

/**
 * The hub's side of rule-base distribution (R14, issue 10): takes a rule base the store owner
 * signed ({@link RuleBaseSignature}) for the next version, checks the signature, the number, the
 * size and every rule BEFORE anything is stored, stores it in MariaDB (the record), then copies it
 * with its signature to Redis and announces it (what the tills read).
 * MariaDB is the truth: if Redis is down when a version is published, or lost it, holds an older
 * one or a damaged copy, {@link #syncToRedis()} (at hub start and every few seconds) copies the newest row
 * across. A version in Redis that the owner did not sign (someone wrote Redis behind the hub's back,
 * e.g. version 9223372036854775807) never locks it: the hub writes the newest signed version over it
 * and raises an {@link Alarm}. Versions older than the history kept are deleted, never the one in
 * force. Thread-safe.
 */
public final class RuleBasePublisher {

    private static final Logger log = LoggerFactory.getLogger(RuleBasePublisher.class);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    /** Where the hub reports a rule base found in Redis that the store owner did not sign. */
    public interface Alarm {
        /** Someone wrote the rule base into Redis behind the hub's back; {@code message} says what was put right. */
        void forgedInRedis(String message);

        /** A new version was published through the hub: the earlier alarm is over. */
        void cleared(String why);

        /** Logs only (tests, tools). */
        Alarm LOG_ONLY = new Alarm() {
            @Override
            public void forgedInRedis(String message) {
                log.error("SEC forged rule base in Redis: {}", message);
            }

            @Override
            public void cleared(String why) {
                // nothing raised anywhere to clear
            }
        };
    }

    private final RuleRegistry registry;
    private final MariaDbRuleBaseStore store;
    private final RedisRuleBaseBoard board;
    private final RuleSigning signing;
    private final Alarm alarm;
    private final Clock clock;
    private volatile String lastSyncProblem;
    private volatile Instant lastCleanup = Instant.MIN;

    public RuleBasePublisher(RuleRegistry registry, MariaDbRuleBaseStore store, RedisRuleBaseBoard board,
            RuleSigning signing, Alarm alarm, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.board = Objects.requireNonNull(board, "board");
        this.signing = Objects.requireNonNull(signing, "signing");
        this.alarm = Objects.requireNonNull(alarm, "alarm");
        this.clock = Objects.requireNonNull(clock, "clock");
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
     * The rule base in force as the hub answers it.
     *
     * @param version   its version
     * @param body      the exact text the owner signed
     * @param signature the owner's signature, or null for a version published before signing
     */
    public record InForce(long version, String body, String signature) {
    }

    /** The store id and owner key this publisher checks with. */
    public RuleSigning signing() {
        return signing;
    }

    /**
     * The version in force in MariaDB (0 when none was published): the next publication must be signed as this + 1.
     *
     * @throws UnableToStoreRuleBaseException if MariaDB cannot be reached
     */
    public long versionInForce() {
        return store.highestVersion();
    }

    /**
     * Checks {@code json} (the owner's signature over exactly these bytes as {@code version}, the
     * version being the next one, the format and every rule) and publishes it.
     *
     * @throws RuleBaseNotSignedException       if the signature does not verify or the hub has no owner key; nothing stored
     * @throws RuleDefinitionException          if the data is refused; nothing is stored or announced
     * @throws RuleBaseVersionConflictException if {@code version} is not the next one; nothing stored
     * @throws UnableToStoreRuleBaseException   if MariaDB cannot store it; nothing is stored or announced
     */
    public Outcome publish(byte[] json, long version, String signature, String publishedBy) {
        if (signing.ownerPublicKey() == null) {
            throw new RuleBaseNotSignedException("this hub has no store owner public key, so it cannot tell the owner's"
                    + " rule bases from anyone else's: start it with --owner-public-key (see docs/signed-rules.md);"
                    + " nothing was stored");
        }
        if (json.length > RuleBaseJson.MAX_BYTES) {
            throw new RuleDefinitionException("the rule data is " + json.length + " bytes; at most " + RuleBaseJson.MAX_BYTES
                    + " bytes (8 MiB) are accepted");
        }
        if (signature == null || signature.isBlank()) {
            throw new RuleBaseNotSignedException("the rule data carries no store owner signature (header"
                    + " X-Rule-Base-Signature); publish with ./pos hub rules publish FILE --key owner.key; nothing was stored");
        }
        String body = utf8(json);
        if (!RuleBaseSignature.verify(signing.ownerPublicKey(), signing.storeId(), version, body, signature)) {
            throw new RuleBaseNotSignedException("the rule data is not signed by the store owner's key as version " + version
                    + " of store " + signing.storeId() + " (another key, another store or version, or changed after"
                    + " signing); nothing was stored");
        }
        RuleBaseDefinition definition = RuleBaseJson.read(body);
        registry.compile(definition); // refuses with every problem
        if (definition.version() != version) {
            throw new RuleDefinitionException("the rule data says \"version\": " + definition.version()
                    + " but was signed as version " + version + "; they must be the same");
        }
        PublishedRuleBase published = store.publish(version, body, signature, definition.rules().size(), publishedBy);
        log.info("Rule base version {} published by {} ({} rules, sha256 {}, signed by the store owner)", published.version(),
                published.publishedBy(), published.ruleCount(), published.sha256());
        alarm.cleared("rule base version " + version + " was published through the hub");
        try {
            putInRedis(published);
            return new Outcome(published, true, null);
        } catch (UnableToReachRedisException e) {
            log.warn("Rule base version {} is stored in MariaDB but Redis cannot be reached ({}); it goes to the tills"
                    + " when Redis is back", published.version(), e.reason());
            return new Outcome(published, false, e.reason());
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RuleDefinitionException("the rule data is not UTF-8 text");
        }
    }

    /**
     * Copies the newest version from MariaDB to Redis when Redis holds an older one, none, a copy
     * of the newest that differs from it, or a higher version the store owner did not sign.
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
        return putInRedis(latest.get()) ? OptionalLong.of(latest.get().version()) : OptionalLong.empty();
    }

    /** @return true if Redis was written */
    private boolean putInRedis(PublishedRuleBase newest) {
        RedisRuleBaseBoard.Snapshot found = board.snapshot();
        if (newest.body().equals(found.body()) && Long.toString(newest.version()).equals(found.version())
                && Objects.equals(newest.signature(), found.signature())) {
            return false; // Redis holds exactly this
        }
        OptionalLong inRedis = found.versionNumber();
        boolean somethingThere = found.body() != null || found.version() != null;
        if (somethingThere && signing.ownerPublicKey() != null && !signedByOwner(found)
                && (inRedis.isEmpty() || inRedis.getAsLong() >= newest.version())) {
            // Not the hub's doing: a version the owner never signed must not lock the store out of its own rules.
            if (board.replace(newest.version(), newest.body(), newest.signature(), found.body())) {
                String message = "someone wrote rule base version " + (found.version() == null ? "(none)" : clip(found.version()))
                        + " into Redis (" + board.keys().currentKey() + ") behind the hub's back; it is not signed by the"
                        + " store owner, so the hub put signed version " + newest.version() + " back. Check who can write"
                        + " to the store's Redis (ACL users, README's security section).";
                alarm.forgedInRedis(message);
                return true;
            }
            return false; // changed meanwhile: the next round looks again
        }
        if (inRedis.isPresent() && inRedis.getAsLong() > newest.version()) {
            return false; // a signed newer version this MariaDB does not have yet: never move backwards
        }
        if (board.publish(newest.version(), newest.body(), newest.signature())) {
            log.info("Rule base version {} copied from MariaDB to Redis (Redis had {})", newest.version(),
                    inRedis.isEmpty() ? "none" : inRedis.getAsLong() == newest.version() ? "a different copy of it"
                            : "version " + inRedis.getAsLong());
            return true;
        }
        return false;
    }

    private boolean signedByOwner(RedisRuleBaseBoard.Snapshot found) {
        OptionalLong version = found.versionNumber();
        return version.isPresent() && found.body() != null && RuleBaseSignature.verify(signing.ownerPublicKey(), signing.storeId(),
                version.getAsLong(), found.body(), found.signature());
    }

    private static String clip(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }

    /**
     * Deletes versions published longer ago than the history kept ({@link RuleSigning#history()}), never the one in force.
     *
     * @return how many were deleted
     * @throws UnableToStoreRuleBaseException if MariaDB cannot be reached
     */
    public int cleanUpHistory() {
        Instant cutoff = clock.instant().minus(signing.history());
        int deleted = store.deletePublishedBefore(cutoff);
        if (deleted > 0) {
            log.info("Deleted {} rule base versions published before {} (history kept: {} days; the one in force stays)",
                    deleted, cutoff, signing.history().toDays());
        }
        lastCleanup = clock.instant();
        return deleted;
    }

    /** {@link #syncToRedis()} (and hourly {@link #cleanUpHistory()}) for a scheduler: a failure is logged once per kind, never thrown. */
    public void syncQuietly() {
        try {
            syncToRedis();
            if (Duration.between(lastCleanup, clock.instant()).compareTo(CLEANUP_EVERY) >= 0) {
                cleanUpHistory();
            }
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
     * The newest published version: from MariaDB, or from Redis when MariaDB cannot be reached (only
     * if the owner's signature there verifies).
     *
     * @throws UnableToStoreRuleBaseException if MariaDB cannot be reached and Redis holds no signed one
     */
    public Optional<InForce> current() {
        try {
            return store.latest().map(p -> new InForce(p.version(), p.body(), p.signature()));
        } catch (UnableToStoreRuleBaseException e) {
            try {
                RedisRuleBaseBoard.Snapshot found = board.snapshot();
                if (found.body() != null && signedByOwner(found)) {
                    log.warn("Answering the rule base from Redis: {}", e.getMessage());
                    return Optional.of(new InForce(found.versionNumber().getAsLong(), found.body(), found.signature()));
                }
            } catch (UnableToReachRedisException redisDown) {
                e.addSuppressed(redisDown);
            }
            throw e;
        }
    }
}
