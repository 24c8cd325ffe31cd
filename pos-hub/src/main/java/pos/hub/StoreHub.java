package pos.hub;

import pos.core.pay.PaymentNotifications;
import pos.gateway.sandboxapi.NotificationVerifier;
import pos.gateway.sandboxapi.SandboxNotifications;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.pay.PaymentGateway;
import pos.hub.archive.Archiver;
import pos.hub.archive.EntryAttribution;
import pos.hub.events.MariaDbUiEventArchive;
import pos.hub.events.UiEventArchiver;
import pos.hub.archive.MariaDbSaleArchive;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.contract.pay.RedisPendingPayments;
import pos.hub.people.MariaDbPeopleStore;
import pos.hub.people.PeopleArchiver;
import pos.contract.people.PeopleRedisKeys;
import pos.hub.people.StoredValueReconciler;
import pos.hub.people.StoredValueRestorer;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisSettings;
import pos.contract.redis.RedisLink;
import pos.core.rules.RuleRegistry;
import pos.hub.rules.MariaDbRuleBaseStore;
import pos.contract.rules.RedisRuleBaseBoard;
import pos.contract.rules.RuleBaseKeys;
import pos.hub.rules.RuleBasePublisher;
import pos.hub.voucher.MariaDbVoucherStore;
import pos.hub.voucher.VoucherArchiver;
import pos.hub.voucher.VoucherReconciler;
import pos.contract.voucher.VoucherRedisKeys;
import pos.hub.voucher.VoucherResults;

/**
 * The store hub: the headless server that every till of a store shares (DESIGN §2, §3). Its
 * root service; one per process, any number per store. Thread-safe; start once, stop is
 * idempotent.
 *
 * <p>It runs:
 * <ul>
 *   <li>the gateway's notification receiver, {@code POST /notify/sandbox}: signature checked
 *       ({@link NotificationVerifier}), result compare-and-set into Redis (never backwards,
 *       duplicates harmless) and published at once (R22), and a final payment taken out of the
 *       pending queue (R8);</li>
 *   <li>the status API {@code GET /payments/{tx}} for the tills' poll and the customer's side
 *       (R3, R17, R22), answered from Redis, with one single-flight gateway query for an open
 *       order at least 5 s old (R23);</li>
 *   <li>an {@link Archiver} on the archive stream (R9, R10) in the shared consumer group, named by
 *       {@link pos.hub.archive.ArchiverSettings#consumerName()}; several hubs archive side by
 *       side, and a dead hub's entries are claimed by the others;</li>
 *   <li>a {@link UiEventArchiver} on the tills' UI events stream ({@code pos:events}, R19) into
 *       MariaDB's {@code ui_events};</li>
 *   <li>the reconciler (R11) every P2, and the queue monitor (R12) with its alerts in Redis
 *       ({@code pos:alerts}, {@code pos:alerts:changed}), at {@code GET /alerts} and at
 *       {@code GET /metrics} (Prometheus);</li>
 *   <li>rule-base distribution (R14): {@code PUT /rules} checks rule data, stores it as the next
 *       version in MariaDB ({@code rule_base_versions}) and copies it to Redis
 *       ({@code pos:rules:current}, {@code pos:rules:version}, announced on {@code pos:rules:changed});
 *       at start and every {@link #RULES_SYNC_PERIOD} the newest version in MariaDB is copied to Redis
 *       if Redis lost it or holds an older one ({@link RuleBasePublisher});</li>
 *   <li>vouchers (R3, R4): {@code GET /vouchers/{id}} answers the customer's query for a redemption
 *       ({@link VoucherResults}), and a {@link VoucherArchiver} moves successful redemptions from the
 *       stream {@code pos:vouchers:redeemed} into MariaDB's {@code voucher_redemptions}. The tills
 *       redeem straight in Redis (one Lua script), never through the hub, so a hub restart never
 *       stops a redemption; successes wait in the stream meanwhile;</li>
 *   <li>the store's people (issue 6): a {@link PeopleArchiver} moves the tills' changes from
 *       {@code pos:people:changes} into MariaDB ({@code clerks}, {@code members}, {@code prints},
 *       {@code member_ledger}) and keeps the hashes {@code pos:people:clerks|members|prints} that the
 *       tills pull; prints pass through as ciphertext only; at start and whenever Redis came back without
 *       the members' balances (every {@link #STORED_VALUE_CHECK_PERIOD}) a {@link StoredValueRestorer}
 *       rebuilds them from MariaDB's {@code member_ledger}, and until then debits answer UNAVAILABLE;</li>
 *   <li>{@code GET /people?since=cursor}: the people changed after a till's last pull, from MariaDB, so a
 *       till fetches only what is new (prints still sealed);</li>
 *   <li>{@code GET /health};</li>
 *   <li>issue 10: every archiver takes only entries a till in {@link HubSettings#tillKeys()} signed; anything
 *       else goes to {@code <stream>:unattributed} and raises {@link #UNATTRIBUTED_ALERT_PREFIX}{@code <stream>};
 *       every {@link HubSettings#balanceCheckEvery()} the members' balances and the redeemed vouchers in Redis
 *       are compared with MariaDB ({@link LedgerReconciliation}), see docs/signed-streams.md.</li>
 * </ul>
 * The hub writes no sales: they reach the archive stream from the tills' journals (outbox).
 * Redis or MariaDB down at start is not an error: the hub serves what it can, retries, and
 * alerts.
 *
 * <pre>{@code
 * StoreHub hub = new StoreHub(HubSettings.builder().redis("redis://10.0.0.5:6379/0")
 *         .mariaDb("jdbc:mariadb://10.0.0.6:3306/pos", "pos", password)
 *         .gateway(URI.create("http://gateway:8090/")).notifyKeys(Map.of("key-1", secret)).build());
 * hub.start();
 * ...
 * hub.stop();
 * }</pre>
 */
public final class StoreHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreHub.class);
    private static final int GATEWAY_THREADS = 4;
    private static final int GATEWAY_QUEUE = 1_000;
    /**
     * How often the hub checks that Redis still holds the members' balances (the marker
     * {@code pos:people:restored}); debits wait for the restore, so this is kept short.
     */
    public static final java.time.Duration STORED_VALUE_CHECK_PERIOD = java.time.Duration.ofSeconds(1);
    /** The alert raised when Redis held a rule base the store owner did not sign (issue 10). */
    public static final String RULES_FORGED_ALERT = "rules-forged-in-redis";
    /** How often the hub checks that Redis holds the newest rule base in MariaDB. */
    public static final java.time.Duration RULES_SYNC_PERIOD = java.time.Duration.ofSeconds(5);

    /** The alert raised for an entry no known till signed: this prefix and the stream ({@code SEC unattributed entry}). */
    public static final String UNATTRIBUTED_ALERT_PREFIX = "sec-unattributed:";

    private final HubSettings settings;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>(); // guarded by this
    private boolean started; // guarded by this
    private boolean stopped; // guarded by this
    private volatile int port = -1;
    private volatile HubAlerts alerts;
    private volatile QueueMonitor monitor;
    private final RedisSettings redisSettings;
    private volatile java.security.PublicKey generatedResultPublicKey;
    /** Notification readers of real providers (WeChat Pay, Alipay) beside the sandbox's; guarded by this. */
    private final java.util.List<PaymentNotifications> providerNotifications = new java.util.ArrayList<>();

    /**
     * A hub that talks to the sandbox gateway at {@link HubSettings#gatewayUrl()}. A real provider's hub is made with
     * its gateway and takes its notifications ({@link #acceptNotifications}).
     */
    public StoreHub(HubSettings settings) {
        this(settings, new SandboxPaymentGateway(sandboxUrl(settings)), Clock.systemUTC());
    }

    private static URI sandboxUrl(HubSettings settings) {
        if (!Objects.requireNonNull(settings, "settings").provider().equals(SandboxNotifications.PROVIDER)) {
            throw new IllegalArgumentException("a hub for the payment provider " + settings.provider() + " needs its"
                    + " gateway: new StoreHub(settings, provider.gateway(), clock)");
        }
        return settings.gatewayUrl();
    }

    /** A hub that asks {@code gateway} (queries, closes, reversals) and tells time by {@code clock}. */
    public StoreHub(HubSettings settings, PaymentGateway gateway, Clock clock) {
        this(settings, gateway, clock, RedisSettings.fromEnvironment());
    }

    /**
     * As {@link #StoreHub(HubSettings, PaymentGateway, Clock)}, logging in to Redis with
     * {@code redisSettings} (its ACL user, CA) instead of the environment's.
     */
    public StoreHub(HubSettings settings, PaymentGateway gateway, Clock clock, RedisSettings redisSettings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redisSettings = Objects.requireNonNull(redisSettings, "redisSettings");
    }

    /**
     * Takes {@code provider}'s notifications at {@code POST /notify/{provider}} as well as the sandbox's. Before
     * {@link #start()} only.
     */
    public synchronized StoreHub acceptNotifications(PaymentNotifications provider) {
        if (started) {
            throw new IllegalStateException("notification readers are added before the hub starts");
        }
        if (provider.provider().equals(SandboxNotifications.PROVIDER)) {
            throw new IllegalArgumentException("the sandbox's notifications are always taken, with the hub's notify keys");
        }
        providerNotifications.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /**
     * Starts every part and binds the HTTP port. Once only.
     *
     * @throws UnableToStartHubException if the listen address cannot be bound (everything started is stopped again)
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the store hub was already started");
        }
        started = true;
        try {
            startParts();
        } catch (RuntimeException e) {
            closeParts();
            throw e;
        }
        log.info("Store hub {} listening on {}: redis {}, mariadb {}, payment provider {} at {}, reconcile every {} ms (T {} ms)",
                settings.archiver().consumerName(), baseUri(), RedisConnections.safeUri(RedisConnections.parse(settings.redisUri())),
                settings.jdbcUrl().replaceAll("password=[^&;]*", "password=***"), settings.provider(),
                settings.gatewayUrl() != null ? settings.gatewayUrl() : "its production address",
                settings.reconcileEvery().toMillis(), settings.pendingThreshold().toMillis());
    }

    private void startParts() {
        // First: a hub on the network without its result key refuses before it connects to anything.
        HubResultKey resultKey = HubResultKey.resolve(settings.resultKey(), settings.listenHost());
        generatedResultPublicKey = resultKey.generatedPublicKey().orElse(null);
        RedisConnections redis = RedisConnections.create(settings.redisUri(), redisSettings);
        toClose.push(redis);
        HubMetrics metrics = new HubMetrics();
        toClose.push(metrics::close);
        // Every result this hub writes carries its signature (issue 10): the tills trust nothing else from Redis.
        RedisResultBoard board = new RedisResultBoard(redis, settings.keys(), settings.resultTtl(), resultKey.privateKey());
        toClose.push(board);
        RedisPendingPayments pending = new RedisPendingPayments(redis, settings.keys(), clock);
        toClose.push(pending);
        RedisLink commands = new RedisLink(redis, "store hub");
        toClose.push(commands);
        MariaDbSaleArchive archive = MariaDbSaleArchive.create(settings.jdbcUrl(), settings.user(), settings.password(),
                settings.archiver().workers() + 2);
        toClose.push(archive);

        AtomicInteger gatewayThreadNo = new AtomicInteger();
        ThreadPoolExecutor gatewayThreads = new ThreadPoolExecutor(GATEWAY_THREADS, GATEWAY_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(GATEWAY_QUEUE), r -> {
                    Thread t = new Thread(r, "pos-hub-gateway-" + gatewayThreadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        toClose.push(() -> shutdown(gatewayThreads, "gateway"));

        alerts = new HubAlerts(settings, clock, metrics);
        PaymentSettler settler = new PaymentSettler(board, pending, clock, metrics, resultKey,
                new HeldPayments(commands, settings.keys(), alerts, clock));
        GatewayQueries queries = new GatewayQueries(gateway, settler, commands, settings, gatewayThreads, clock, metrics);
        Reconciler reconciler = new Reconciler(pending, queries, settings, clock);
        monitor = new QueueMonitor(settings, pending, commands, archive, alerts, metrics, clock);
        NotificationVerifier verifier = new NotificationVerifier(settings.notifyKeys(), settings.maxClockSkew(), clock);
        java.util.List<PaymentNotifications> notifiers = new java.util.ArrayList<>();
        notifiers.add(new SandboxNotifications(verifier));
        notifiers.addAll(providerNotifications);

        MariaDbRuleBaseStore ruleStore = MariaDbRuleBaseStore.create(settings.jdbcUrl(), settings.user(), settings.password(),
                clock);
        toClose.push(ruleStore);
        RuleBasePublisher rules = new RuleBasePublisher(RuleRegistry.builtIn(), ruleStore,
                new RedisRuleBaseBoard(commands, RuleBaseKeys.DEFAULT), settings.ruleSigning(), new RuleBasePublisher.Alarm() {
                    @Override
                    public void forgedInRedis(String message) {
                        alerts.raise(RULES_FORGED_ALERT, Alert.Level.CRITICAL, message);
                    }

                    @Override
                    public void cleared(String why) {
                        alerts.clear(RULES_FORGED_ALERT, why);
                    }
                }, clock);

        // Issue 10: the tills' credentials (MariaDB's tills, read again every few seconds) unless the settings fix them.
        pos.contract.auth.TillKeys tills = settings.http().tillKeys();
        if (tills == null) {
            pos.hub.tills.MariaDbTillRegistry registry = pos.hub.tills.MariaDbTillRegistry.create(settings.jdbcUrl(),
                    settings.user(), settings.password(), clock, settings.http().tillRefresh());
            toClose.push(registry);
            registry.start();
            tills = registry;
        }
        if (settings.tillKeys() != null) {
            tills = pos.contract.auth.TillKeys.union(settings.tillKeys(), tills); // a --till-credentials file as well
        }
        final pos.contract.auth.TillKeys knownTills = tills;
        // Issue 10: only entries a known till signed are archived; the rest is refused, counted and alerted.
        EntryAttribution.Refusals refusals = (stream, entryId, claimedTill, reason) -> {
            metrics.unattributed(stream);
            alerts.raise(UNATTRIBUTED_ALERT_PREFIX + stream, Alert.Level.CRITICAL, reason);
        };
        Archiver archiver = new Archiver(settings.archiver(), redis, archive, metrics,
                EntryAttribution.required(knownTills, refusals));
        // R19: the tills' UI events, from their own stream, into the same database.
        UiEventArchiver eventArchiver = new UiEventArchiver(UiEventArchiver.Settings.defaults(settings.archiver().consumerName())
                .withBatchSize(settings.archiver().batchSize()), redis, new MariaDbUiEventArchive(archive),
                UiEventArchiver.Listener.NONE, EntryAttribution.required(knownTills, refusals));
        MariaDbVoucherStore vouchers = MariaDbVoucherStore.create(settings.jdbcUrl(), settings.user(), settings.password(), 3,
                clock);
        toClose.push(vouchers);
        VoucherArchiver voucherArchiver = new VoucherArchiver(redis, vouchers, VoucherRedisKeys.DEFAULT,
                settings.archiver().consumerName(), settings.archiver().batchSize(), settings.archiver().period(),
                VoucherArchiver.Listener.NONE);
        // Issue 6: the store's people (clerks, members, sealed prints, stored-value movements).
        MariaDbPeopleStore people = MariaDbPeopleStore.create(settings.jdbcUrl(), settings.user(), settings.password(), 2,
                clock);
        toClose.push(people);
        PeopleRedisKeys peopleKeys = new PeopleRedisKeys(settings.keys().prefix());
        PeopleArchiver peopleArchiver = new PeopleArchiver(redis, people, peopleKeys,
                settings.archiver().consumerName(), settings.archiver().batchSize(), settings.archiver().period(),
                knownTills, refusals);
        StoredValueRestorer storedValueRestorer = new StoredValueRestorer(redis, people, peopleKeys,
                settings.archiver().consumerName(), clock);
        toClose.push(storedValueRestorer);
        HubHttp http = new HubHttp(settings, notifiers, settler, board, pending, queries, alerts, monitor, metrics, commands,
                rules, clock, new VoucherResults(commands, vouchers, VoucherRedisKeys.DEFAULT), people, tills,
                new pos.hub.archive.MariaDbSaleLookup(archive.dataSource(), archive.endpoint()));
        pos.hub.park.MariaDbParkedSales parkedSales = pos.hub.park.MariaDbParkedSales.create(settings.jdbcUrl(),
                settings.user(), settings.password(), 2, clock);
        toClose.push(parkedSales);
        http.serveParkedSales(parkedSales); // issue 12.7
        http.serveCreditVouchers(new pos.hub.voucher.VoucherIssuer(pos.hub.voucher.CreditVoucherKeys.fromEnvironment(System.getenv()), vouchers, redis,
                VoucherRedisKeys.DEFAULT, clock), clock); // issue 12.3
        port = http.start();
        toClose.push(http::stop);

        ScheduledExecutorService reconcilerThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
                "pos-hub-reconciler"));
        toClose.push(() -> shutdown(reconcilerThread, "reconciler"));
        ScheduledExecutorService monitorThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pos-hub-monitor"));
        toClose.push(() -> shutdown(monitorThread, "monitor"));

        ScheduledExecutorService rulesThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pos-hub-rules"));
        toClose.push(() -> shutdown(rulesThread, "rule base"));
        rulesThread.scheduleWithFixedDelay(rules::syncQuietly, 0, RULES_SYNC_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledExecutorService storedValueThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
                "pos-hub-stored-value"));
        toClose.push(() -> shutdown(storedValueThread, "stored-value restore"));
        storedValueThread.scheduleWithFixedDelay(storedValueRestorer::restoreQuietly, 0,
                STORED_VALUE_CHECK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);

        archiver.start();
        toClose.push(archiver);
        eventArchiver.start();
        toClose.push(eventArchiver);
        voucherArchiver.start();
        toClose.push(voucherArchiver);
        peopleArchiver.start();
        toClose.push(peopleArchiver);
        monitorThread.scheduleWithFixedDelay(monitor::runOnce, 0, settings.monitorEvery().toMillis(), TimeUnit.MILLISECONDS);
        // Issue 10: Redis's balances and redeemed vouchers against MariaDB, every balanceCheckEvery.
        StoredValueReconciler balanceCheck = new StoredValueReconciler(redis, people, peopleKeys, knownTills);
        toClose.push(balanceCheck);
        VoucherReconciler voucherCheck = new VoucherReconciler(redis, vouchers, VoucherRedisKeys.DEFAULT);
        toClose.push(voucherCheck);
        LedgerReconciliation ledgerCheck = new LedgerReconciliation(balanceCheck, voucherCheck, alerts, metrics);
        ScheduledExecutorService ledgerThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
                "pos-hub-ledger-check"));
        toClose.push(() -> shutdown(ledgerThread, "balance and voucher reconciliation"));
        ledgerThread.scheduleWithFixedDelay(ledgerCheck::runOnce, settings.balanceCheckEvery().toMillis(),
                settings.balanceCheckEvery().toMillis(), TimeUnit.MILLISECONDS);
        reconcilerThread.scheduleWithFixedDelay(reconciler::runOnce, settings.reconcileEvery().toMillis(),
                settings.reconcileEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void shutdown(ExecutorService executor, String what) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The hub's {} threads did not stop within 10 s", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops serving, lets the archiver finish the batches it is writing, and closes every
     * connection. What was read and not acknowledged stays pending for this consumer name or for
     * another hub to claim. Idempotent.
     */
    public synchronized void stop() {
        if (!started || stopped) {
            stopped = true;
            return;
        }
        stopped = true;
        closeParts();
        log.info("Store hub {} stopped", settings.archiver().consumerName());
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void closeParts() {
        while (!toClose.isEmpty()) {
            AutoCloseable part = toClose.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Stopping a part of the store hub failed; going on with the rest", e);
            }
        }
    }

    /**
     * The HTTP port bound.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the store hub is not started");
        }
        return port;
    }

    /** {@code http://host:port/} (or {@code https://} with a TLS key store) of the HTTP endpoints. */
    public URI baseUri() {
        return URI.create((settings.http().tls() ? "https://" : "http://") + (settings.listenHost().contains(":") ? "[" + settings.listenHost() + "]"
                : settings.listenHost()) + ":" + port() + "/");
    }

    /**
     * The public key of the throw-away result signing key this hub made for itself (loopback, no
     * {@code --hub-key-file}); empty with a configured key or before start.
     */
    public java.util.Optional<java.security.PublicKey> generatedResultPublicKey() {
        return java.util.Optional.ofNullable(generatedResultPublicKey);
    }

    /** The settings it runs with. */
    public HubSettings settings() {
        return settings;
    }

    /** The alerts raised now (R12); empty before start. */
    public List<Alert> alerts() {
        HubAlerts current = alerts;
        return current == null ? List.of() : current.active();
    }
}
