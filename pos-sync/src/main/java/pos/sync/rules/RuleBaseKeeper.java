package pos.sync.rules;

import pos.contract.rules.RedisRuleBaseBoard;
import pos.contract.rules.RuleBaseJson;
import pos.contract.rules.RuleBaseKeys;
import pos.contract.rules.RuleBaseSignature;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleDefinitionException;
import pos.core.rules.RuleRegistry;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;
import pos.sync.rules.RuleBaseStatus.Source;

/**
 * The till's rule base in force (R13, R14), kept up to date from the store hub. Thread-safe;
 * {@link #current()} never blocks and never fails.
 *
 * <p>At start it takes, in order, the last good version cached in the till's database
 * ({@link SqliteRuleBaseCache}), else the defaults bundled with the till
 * ({@value #DEFAULTS_RESOURCE}, from {@code assets/rules/default-rules.json}). With the store's
 * Redis configured it then follows the hub on a background thread: it subscribes to the change
 * channel ({@link RuleBaseKeys#channel()}) on a dedicated pub/sub connection and, on every message,
 * reads {@link RuleBaseKeys#currentKey()}; it also polls the version key every {@code pollEvery}
 * (a pub/sub message is only a hint and is lost while disconnected, DESIGN §7), and reads the whole
 * rule base again after every (re)subscription. Rule data that compiles and is newer than the
 * version in force replaces it, is cached, and is handed to the {@link #onChange change
 * listeners}; an older or equal version is ignored. Rule data that does not compile is refused:
 * the last good version stays in force, and the refusal (a sentence naming every problem) is
 * logged and shown in {@link #status()}. Issue 10: an update is looked at only when the store owner's
 * signature ({@link RuleBaseSignature}, key {@link RuleBaseTrust}) over the body as the version in
 * {@link RuleBaseKeys#versionKey()} verifies and the body carries that same version; anything else
 * (unsigned, another key, a changed body, a forged huge version) is refused ("update refused: version
 * 9223372036854775807 is not signed by the store owner") and never raises the version a later genuine
 * update must beat. A cached copy is verified again at start. Without an owner key no update is taken
 * and the status says so ({@link RuleBaseTrust#UPDATES_OFF}). Redis being unreachable only marks the status; nothing is
 * thrown to the caller, and every Redis call is bounded by {@link RedisConnections}' timeouts.
 *
 * <pre>{@code
 * RuleBaseKeeper rules = RuleBaseKeeper.start(dataDir, redisOrNull);   // once, at till start
 * rules.onChange(base -> ...);            // on the keeper's thread: hop to the UI thread yourself
 * rules.onStatus(status -> ...);          // status.label() is "rules v7 (hub)"
 * Verification v = rules.current().verify(facts, spending);
 * rules.close();
 * }</pre>
 */
public final class RuleBaseKeeper implements AutoCloseable {

    /** The bundled default rule data on the class path. */
    public static final String DEFAULTS_RESOURCE = "/pos/sync/rules/default-rules.json";
    /** How often the version in Redis is checked besides the change channel. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(RuleBaseKeeper.class);

    private final RuleRegistry registry;
    private final SqliteRuleBaseCache cache;
    private final boolean ownsCache;
    private final RedisConnections redis; // null: no store Redis configured
    private final RuleBaseKeys keys;
    private final Duration pollEvery;
    private final Clock clock;
    private final RuleBaseTrust trust;
    private final AtomicReference<RuleBase> current = new AtomicReference<>();
    private final AtomicReference<RuleBaseStatus> status = new AtomicReference<>();
    private final CopyOnWriteArrayList<Consumer<RuleBase>> changeListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<RuleBaseStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker;
    private final java.util.concurrent.atomic.AtomicBoolean readQueued = new java.util.concurrent.atomic.AtomicBoolean();

    // the worker thread only:
    private RedisLink link;
    private RedisRuleBaseBoard board;
    private StatefulRedisPubSubConnection<String, String> pubSub;
    private String inForceSha = "";
    private String lastSeen = ""; // sha256 of the body + the signature last looked at: refused ones are not read again
    private boolean closed;

    private RuleBaseKeeper(RuleRegistry registry, SqliteRuleBaseCache cache, boolean ownsCache, RedisConnections redis,
            RuleBaseKeys keys, Duration pollEvery, Clock clock, RuleBaseTrust trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ownsCache = ownsCache;
        this.redis = redis;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (pollEvery.isNegative() || pollEvery.isZero()) {
            throw new IllegalArgumentException("pollEvery must be positive: " + pollEvery);
        }
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pos-rule-base");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a keeper with the built-in rule types, the cache in {@code dataDir}'s journal database,
     * the default keys and poll period. With {@code redisOrNull} null the till runs on its cache or
     * defaults only; {@code trust} says whose updates it takes. The keeper closes the cache; the caller keeps owning {@code redisOrNull}.
     *
     * @throws UnableToCacheRuleBaseException if the till's database cannot be opened
     * @throws UnableToLoadRuleBaseException  if not even the bundled defaults can be read (a broken build)
     */
    public static RuleBaseKeeper start(Path dataDir, RedisConnections redisOrNull, RuleBaseTrust trust) {
        SqliteRuleBaseCache cache = SqliteRuleBaseCache.open(dataDir, Clock.systemUTC());
        try {
            return start(RuleRegistry.builtIn(), cache, true, redisOrNull, RuleBaseKeys.DEFAULT, DEFAULT_POLL,
                    Clock.systemUTC(), trust);
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /**
     * Starts a keeper: the rule base in force is loaded (cache, else defaults) before this returns,
     * and the background thread follows Redis if {@code redisOrNull} is given.
     *
     * @param ownsCache whether {@link #close()} closes {@code cache}
     * @throws UnableToLoadRuleBaseException if not even the bundled defaults can be read
     */
    public static RuleBaseKeeper start(RuleRegistry registry, SqliteRuleBaseCache cache, boolean ownsCache,
            RedisConnections redisOrNull, RuleBaseKeys keys, Duration pollEvery, Clock clock, RuleBaseTrust trust) {
        RuleBaseKeeper keeper = new RuleBaseKeeper(registry, cache, ownsCache, redisOrNull, keys, pollEvery, clock, trust);
        try {
            keeper.loadLocal();
        } catch (RuntimeException e) {
            keeper.worker.shutdownNow();
            throw e;
        }
        if (redisOrNull != null && !trust.takesUpdates()) {
            log.warn("Rule base updates from the store hub are off: no store owner key is configured"
                    + " (pos.rules.ownerPublicKey); version {} stays in force", keeper.current().version());
            RuleBaseStatus before = keeper.status.get();
            keeper.status.set(before.withRefusal(RuleBaseTrust.UPDATES_OFF,
                    RuleRefusal.of(RuleRefusal.Reason.UPDATES_OFF), before.since()));
        } else if (redisOrNull != null) {
            if (trust.unsigned()) {
                log.warn("Rule base updates are taken WITHOUT the store owner's signature (demo setting"
                        + " pos.rules.ownerPublicKey=unsigned-demo): never use this in a store");
            }
            keeper.worker.scheduleWithFixedDelay(keeper::pollSafely, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return keeper;
    }

    /** The rule base in force. Never blocks, never null. */
    public RuleBase current() {
        return current.get();
    }

    /** The version in force, its source, whether the hub is reachable, the last refusal. Never blocks. */
    public RuleBaseStatus status() {
        return status.get();
    }

    /**
     * Calls {@code listener} with every new rule base put in force, on the keeper's thread.
     *
     * @return closing it removes the listener
     */
    public AutoCloseable onChange(Consumer<RuleBase> listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> changeListeners.remove(listener);
    }

    /**
     * Calls {@code listener} with every changed status (new version, refusal, hub reachable or not),
     * on the keeper's thread.
     *
     * @return closing it removes the listener
     */
    public AutoCloseable onStatus(Consumer<RuleBaseStatus> listener) {
        statusListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> statusListeners.remove(listener);
    }

    /** Asks the keeper to read Redis now (e.g. the clerk's "check again"); returns at once. */
    public void refreshSoon() {
        if (redis != null && readQueued.compareAndSet(false, true)) {
            // one read waiting is enough however many ask: a burst of hints costs one read
            submit(() -> {
                readQueued.set(false);
                poll(true);
            });
        }
    }

    // --- start: cache, else defaults --------------------------------------------------------------

    private void loadLocal() {
        Optional<SqliteRuleBaseCache.Cached> cached = Optional.empty();
        String cacheProblem = null;
        RuleRefusal cacheRefusal = null;
        try {
            cached = cache.load();
        } catch (UnableToCacheRuleBaseException e) {
            cacheProblem = e.getMessage();
            cacheRefusal = RuleRefusal.of(RuleRefusal.Reason.CACHE_UNREADABLE, e.getMessage());
            log.warn("Cannot read the cached rule base; using the bundled defaults: {}", e.getMessage());
        }
        if (cached.isPresent()) {
            SqliteRuleBaseCache.Cached c = cached.get();
            try {
                if (!c.sha256().equals(RuleBaseJson.sha256(c.body()))) {
                    throw new RuleDefinitionException("the cached copy is damaged (its checksum does not match)");
                }
                if (trust.ownerPublicKey() != null && !RuleBaseSignature.verify(trust.ownerPublicKey(), trust.storeId(),
                        c.version(), c.body(), c.signature())) {
                    throw new RuleDefinitionException("it is not signed by the store owner (key pos.rules.ownerPublicKey,"
                            + " store " + trust.storeId() + ")");
                }
                RuleBase base = RuleBaseJson.compile(c.body(), registry);
                if (base.version() != c.version()) {
                    throw new RuleDefinitionException("the cached copy says version " + base.version() + " but was kept as "
                            + c.version());
                }
                inForceSha = c.sha256();
                lastSeen = c.sha256() + "|" + c.signature();
                current.set(base);
                status.set(new RuleBaseStatus(base.version(), Source.CACHE, clock.instant(), false, notYet(), null, null,
                        null));
                log.info("Rule base version {} in force from the till's cache ({} rules)", base.version(), base.size());
                return;
            } catch (RuleDefinitionException e) {
                cacheProblem = "the cached rule base version " + c.version() + " was refused: " + e.getMessage();
                cacheRefusal = RuleRefusal.of(RuleRefusal.Reason.CACHE_REFUSED, c.version(), e.getMessage());
                log.warn("{}; using the bundled defaults", cacheProblem);
            }
        }
        RuleBase defaults = defaults(registry);
        current.set(defaults);
        status.set(new RuleBaseStatus(defaults.version(), Source.DEFAULTS, clock.instant(), false, notYet(), cacheProblem,
                cacheProblem == null ? null : clock.instant(), cacheRefusal));
        log.info("Rule base version {} in force from the bundled defaults ({} rules)", defaults.version(), defaults.size());
    }

    private String notYet() {
        return redis == null ? "no store Redis is configured" : "not asked yet";
    }

    /**
     * The bundled default rule base.
     *
     * @throws UnableToLoadRuleBaseException if it is missing or does not compile (a broken build)
     */
    public static RuleBase defaults(RuleRegistry registry) {
        try {
            return RuleBaseJson.compile(defaultsJson(), registry);
        } catch (RuleDefinitionException e) {
            throw new UnableToLoadRuleBaseException("the bundled default rules " + DEFAULTS_RESOURCE + " are broken: "
                    + e.getMessage(), e);
        }
    }

    /** The bundled default rule data as JSON text. */
    public static String defaultsJson() {
        try (InputStream in = RuleBaseKeeper.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new UnableToLoadRuleBaseException("the bundled default rules " + DEFAULTS_RESOURCE
                        + " are missing from the till's class path", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnableToLoadRuleBaseException("cannot read the bundled default rules " + DEFAULTS_RESOURCE + ": "
                    + e.getMessage(), e);
        }
    }

    // --- following the hub (worker thread) --------------------------------------------------------

    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("The rule base keeper failed a round; the rule base in force stays", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Rule base keeper closed; a refresh was not run");
        }
    }

    private void pollSafely() {
        try {
            poll(false);
        } catch (RuntimeException e) {
            log.error("The rule base keeper failed a round; the rule base in force stays", e);
        }
    }

    /** One round: subscribe if needed, then read the rule base if Redis may hold a newer or changed one. */
    private void poll(boolean readBody) {
        if (closed) {
            return;
        }
        try {
            boolean subscribedNow = subscribe();
            if (readBody || subscribedNow) {
                readAndApply();
            } else {
                OptionalLong version = board.version();
                if (version.isEmpty() || version.getAsLong() > current.get().version()) {
                    readAndApply();
                }
            }
            hub(true, null);
        } catch (UnableToReachRedisException e) {
            hub(false, e.reason());
        }
    }

    /** @return true if it subscribed now (first time, or after the connection was dropped) */
    private boolean subscribe() {
        if (link == null) {
            link = new RedisLink(redis, "rule base");
            board = new RedisRuleBaseBoard(link, keys);
        }
        if (pubSub != null && pubSub.isOpen()) {
            return false;
        }
        dropPubSub();
        StatefulRedisPubSubConnection<String, String> connection = redis.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                // on Lettuce's event loop: never block it
                refreshSoon();
            }
        });
        try {
            connection.sync().subscribe(keys.channel());
        } catch (RuntimeException e) {
            connection.closeAsync();
            throw redis.unreachable(e);
        }
        pubSub = connection;
        log.info("Following the store's rule base on {} (channel {})", redis.safeUri(), keys.channel());
        return true;
    }

    private void readAndApply() {
        RedisRuleBaseBoard.Snapshot found = board.snapshot();
        if (found.body() == null) {
            return; // nothing published yet: the cache or the defaults stay
        }
        String json = found.body();
        String sha = RuleBaseJson.sha256(json);
        String seen = sha + "|" + found.signature();
        if (sha.equals(inForceSha) || seen.equals(lastSeen)) {
            return; // already in force, already refused or already found older
        }
        lastSeen = seen; // only what was looked at, never a version number: a later genuine v+1 is still taken
        RuleBase inForce = current.get();
        long signedVersion = -1;
        if (!trust.unsigned()) {
            OptionalLong claimed = found.versionNumber();
            if (claimed.isEmpty() || !RuleBaseSignature.verify(trust.ownerPublicKey(), trust.storeId(), claimed.getAsLong(),
                    json, found.signature())) {
                refuse("update refused: version " + claimedVersion(found) + " is not signed by the store owner (from the"
                        + " store's Redis " + keys.currentKey() + "; version " + inForce.version() + " stays in force)",
                        RuleRefusal.of(RuleRefusal.Reason.NOT_SIGNED, found.versionNumber().isPresent()
                                ? Long.toString(found.versionNumber().getAsLong()) : "?", inForce.version()));
                return;
            }
            signedVersion = claimed.getAsLong();
        }
        RuleBase candidate;
        try {
            candidate = RuleBaseJson.compile(json, registry);
        } catch (RuleDefinitionException e) {
            refuse(e.getMessage() + " (from the store's Redis " + keys.currentKey() + "; version "
                    + inForce.version() + " stays in force)",
                    RuleRefusal.of(RuleRefusal.Reason.BROKEN_DATA, e.getMessage(), inForce.version()));
            return;
        }
        if (signedVersion >= 0 && candidate.version() != signedVersion) {
            refuse("update refused: the rule data says version " + candidate.version() + " but the store owner signed version "
                    + signedVersion + " (version " + inForce.version() + " stays in force)",
                    RuleRefusal.of(RuleRefusal.Reason.VERSION_MISMATCH, candidate.version(), signedVersion, inForce.version()));
            return;
        }
        if (candidate.version() <= inForce.version()) {
            log.info("Ignored rule base version {} from the store's Redis: version {} is already in force",
                    candidate.version(), inForce.version());
            return;
        }
        current.set(candidate);
        inForceSha = sha;
        RuleBaseStatus before = status.get();
        setStatus(new RuleBaseStatus(candidate.version(), Source.HUB, clock.instant(), true, null, before.lastRefusal(),
                before.refusedAt(), before.refusal()));
        log.info("Rule base version {} in force from the store hub ({} rules; was version {}{})", candidate.version(),
                candidate.size(), inForce.version(), trust.unsigned() ? "; UNSIGNED, demo setting" : "; signed by the store owner");
        try {
            cache.store(candidate.version(), json, trust.unsigned() ? null : found.signature());
        } catch (UnableToCacheRuleBaseException e) {
            log.warn("Rule base version {} is in force but could not be kept for offline use: {}", candidate.version(),
                    e.getMessage());
        }
        for (Consumer<RuleBase> listener : changeListeners) {
            try {
                listener.accept(candidate);
            } catch (RuntimeException e) {
                log.error("A rule base listener failed", e);
            }
        }
    }

    private void refuse(String refusal, RuleRefusal why) {
        log.warn("Refused the rule base from the store hub: {}", refusal);
        setStatus(status.get().withRefusal(refusal, why, clock.instant()));
    }

    /**
     * The version a refused rule base claims, for the message: the version key's, and the body's too when it
     * says another ("9223372036854775807 (the data says 5)").
     */
    private static String claimedVersion(RedisRuleBaseBoard.Snapshot found) {
        String inBody;
        try {
            inBody = Long.toString(RuleBaseJson.read(found.body()).version());
        } catch (RuleDefinitionException e) {
            inBody = null; // not rule data: the key's number is all there is
        }
        String key = found.versionNumber().isPresent() ? Long.toString(found.versionNumber().getAsLong()) : null;
        if (key == null) {
            return inBody != null ? inBody : found.version() == null ? "(none)" : clip(found.version().strip());
        }
        return inBody == null || inBody.equals(key) ? key : key + " (the data says " + inBody + ")";
    }

    private static String clip(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }

    private void hub(boolean reachable, String problem) {
        RuleBaseStatus before = status.get();
        if (before.hubReachable() != reachable || !Objects.equals(before.hubProblem(), problem)) {
            if (reachable) {
                log.info("The store's rule base at {} answers", redis.safeUri());
            } else {
                log.warn("Cannot read the store's rule base at {} ({}); version {} stays in force", redis.safeUri(), problem,
                        before.version());
            }
            setStatus(before.withHub(reachable, problem));
        }
    }

    private void setStatus(RuleBaseStatus next) {
        status.set(next);
        for (Consumer<RuleBaseStatus> listener : statusListeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.error("A rule base status listener failed", e);
            }
        }
    }

    private void dropPubSub() {
        if (pubSub != null) {
            StatefulRedisPubSubConnection<String, String> old = pubSub;
            pubSub = null;
            old.closeAsync();
        }
    }

    /** Stops following the hub and closes its connections (and the cache if it owns it). Idempotent. */
    @Override
    public void close() {
        Future<?> done;
        try {
            done = worker.submit(() -> {
                closed = true;
                dropPubSub();
                if (link != null) {
                    link.close();
                }
            });
        } catch (RejectedExecutionException e) {
            return; // already closed
        }
        worker.shutdown();
        try {
            done.get(5, TimeUnit.SECONDS);
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The rule base keeper's thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Closing the rule base keeper's Redis connections failed", e);
        } finally {
            worker.shutdownNow();
            if (ownsCache) {
                cache.close();
            }
        }
    }
}
