package pos.bench.payments;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.bench.ArchiverThroughput;
import pos.bench.Comparison;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.LedgerOrder;
import pos.gateway.sandbox.api.LedgerSummary;
import pos.gateway.sandbox.ledger.NotificationStatus;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.hub.archive.ArchiverSettings;
import pos.sync.outbox.Outbox;
import pos.sync.pay.PaymentSettings;
import pos.contract.pay.PaymentKeys;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.pay.ResultSignature;
import pos.core.pay.ResultBoard;
import pos.contract.redis.RedisConnections;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The payments fault run (issue 3, "Done when"): real Redis and MariaDB (pos-testkit child
 * processes), the sandbox gateway in process on a real socket with its misbehaviour knobs
 * (timeouts, dropped notifications, late customers), the store hub as a child JVM ({@link pos.hub.HubMain}
 * via {@link HubProcess}) and N {@link SimulatedTill}s as threads of this JVM, each with its own
 * journal and connections. The tills sell and take QR and pay-code payments while the hub is
 * SIGKILLed and restarted, Redis is restarted and MariaDB is stopped for a while. Then the run
 * waits until everything settles and checks, to the cent, that the money the gateway kept is the
 * money of the paid sales in MariaDB and in the tills' journals, that nothing is there twice,
 * that nothing is left pending, and that the hub's queue alert (R12) fired while MariaDB was down
 * and cleared after. Optionally it then measures notify-to-till latency through pub/sub and
 * through the poll path, and the archiver against raw JDBC on the same MariaDB.
 *
 * <pre>{@code
 * FaultRunReport report = new PaymentsFaultRun(FaultRunSettings.small()).run();
 * report.print(System.out);
 * }</pre>
 *
 * Not thread-safe: one {@link #run()} at a time.
 */
public final class PaymentsFaultRun {

    static final String MARIADB_ALERT = "mariadb-unreachable";
    static final String BACKLOG_ALERT = "archive-backlog";

    private static final Logger log = LoggerFactory.getLogger(PaymentsFaultRun.class);
    private static final String HUB_CONSUMER = "hub-fault-run";

    private final FaultRunSettings settings;
    private int archiverSales;
    private int archiverRounds;

    public PaymentsFaultRun(FaultRunSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** After the checks, also measure the archiver against raw JDBC batches of {@code sales} such sales, {@code rounds} times. */
    public PaymentsFaultRun withArchiverComparison(int sales, int rounds) {
        if (sales < 1 || rounds < 1) {
            throw new IllegalArgumentException("the archiver comparison needs sales and rounds: " + sales + ", " + rounds);
        }
        this.archiverSales = sales;
        this.archiverRounds = rounds;
        return this;
    }

    /**
     * Runs everything and returns the report; the servers it started are stopped again.
     *
     * @throws IllegalStateException if a server cannot be started or the run cannot go on (the
     *     message says what and where its logs are)
     */
    public FaultRunReport run() throws Exception {
        Path work = Files.createTempDirectory("pos-payments-fault-run-");
        log.info("Payments fault run in {}: {} payments across {} tills", work, settings.payments(), settings.tills());
        boolean keepWork = false;
        // Secured (issue 10): TLS only, the default user off, pos-hub and pos-till with RedisAcl's rules. A restart of
        // this RedisProcess keeps its port, data directory, redis.conf and users.acl, so the ACLs and TLS survive it.
        try (RedisProcess redis = (settings.secured() ? SecureStore.securedRedis().build() : new RedisProcess()).start();
                MariaDbProcess mariadb = new MariaDbProcess().start()) {
            FaultRunReport report = new Run(work, redis, mariadb).execute();
            keepWork = !report.passed();
            return report;
        } catch (Exception | Error e) {
            keepWork = true;
            throw e;
        } finally {
            if (keepWork) {
                log.warn("Kept the run's directory for a look at the logs: {}", work);
            } else {
                deleteRecursively(work);
            }
        }
    }

    /** Whether the sandbox speaks a real provider's protocol (issue 13), reached through that provider's adapter. */
    private boolean realProvider() {
        return !FaultRunSettings.SANDBOX.equals(settings.protocol());
    }

    /** One run's state. */
    private final class Run {
        private final Path work;
        private final RedisProcess redis;
        private final MariaDbProcess mariadb;
        private final RunStats stats = new RunStats();
        private final List<SimulatedTill> tills = new ArrayList<>();
        private final List<String> timeline = new CopyOnWriteArrayList<>();
        private final Map<String, Duration> faultDurations = new ConcurrentHashMap<>();
        private final long startedNanos = System.nanoTime();
        private volatile Instant mariaDbStoppedAt;
        private volatile Instant mariaDbStartedAt;
        private volatile Duration archiveCaughtUp;
        private Duration owedDelay = Duration.ZERO; // the provider's documented delay of a close or reversal
        private Duration desksIdleAfter; // how long the settling waited for the desks' owed closes, reversals, refunds
        private TestDatabase database;
        private SandboxGateway sandbox;
        private HubProcess hub;
        private AlertWatcher alerts;
        private RedisConnections driverRedis;
        private ScheduledExecutorService customers;
        private SecureStore secure; // null in a plain run
        private HttpClient hubHttp;

        Run(Path work, RedisProcess redis, MariaDbProcess mariadb) {
            this.work = work;
            this.redis = redis;
            this.mariadb = mariadb;
        }

        FaultRunReport execute() throws Exception {
            FaultRunReport report = new FaultRunReport(String.format(Locale.ROOT,
                    "Payments fault run, protocol %s: %,d payments across %d tills; knobs timeout %.0f%%, dropped "
                            + "notifications %.0f%%, late customers %.0f%%; QR timeout %d s; sales in %s%s",
                    settings.protocol(), settings.payments(), settings.tills(), settings.timeoutRate() * 100,
                    settings.dropNotifyRate() * 100, settings.latePayRate() * 100, settings.qrTimeout().toSeconds(),
                    settings.currency(), realProvider() ? " (" + settings.provider() + " takes CNY only)" : ""),
                    settings.protocol());
            database = mariadb.createTestDatabase();
            if (settings.secured()) {
                secure = SecureStore.create(work.resolve("secure"), redis);
                event("secured: Redis TLS-only with ACL users " + redis.aclUsers() + ", hub on HTTPS (store CA "
                        + secure.storeCa().getFileName() + "), tills with their own credentials and the hub's result key");
            }
            HttpClient.Builder hubHttpBuilder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
            if (secure != null) {
                hubHttpBuilder.sslContext(secure.hubTrust());
            }
            hubHttp = hubHttpBuilder.build();
            Knobs knobs = Knobs.defaults().withTimeoutRate(settings.timeoutRate())
                    .withTimeoutDelayMs(settings.gatewayTimeout().toMillis() * 3 / 2)
                    .withDropNotifyRate(settings.dropNotifyRate())
                    .withLatePayRate(settings.latePayRate())
                    // A late customer pays around the moment the till gives up: some just before (paid at the close),
                    // some between the deadline and the close, most after the close (refused: the order is closed).
                    .withLatePayDelayMs(Math.max(0, settings.qrTimeout().toMillis() - 300))
                    .withConfirmDelayMs(Math.min(3_000, settings.payCodeGiveUpAfter().toMillis() / 4));
            // Issue 13: the sandbox speaks the run's protocol; a real protocol's face writes the merchant's credential
            // files (0600) into its data directory for the hub and the tills. The bench's fast notification retries
            // replace the face's documented schedule (minutes to hours), as they replace the sandbox's own.
            SandboxGateway.Builder gatewayBuilder = SandboxGateway.builder().protocol(settings.protocol())
                    .dataDir(work.resolve("gateway")).seed(settings.seed()).knobs(knobs)
                    .retrySchedule(RetrySchedule.ofMillis(List.of(0L, 1_000L, 2_000L, 5_000L, 10_000L), 10_000L, 3_600_000L));
            if (secure != null) {
                gatewayBuilder.notifyTrust(secure.hubTrust()); // the gateway notifies the hub over HTTPS
            }
            sandbox = gatewayBuilder.build().start();
            if (realProvider()) {
                event("sandbox gateway speaks " + settings.protocol() + " at " + sandbox.baseUri() + "; merchant credentials in "
                        + sandbox.credentialsDir());
            }
            try {
                return runWithGateway(report);
            } finally {
                sandbox.close();
            }
        }

        private FaultRunReport runWithGateway(FaultRunReport report) throws Exception {
            int hubPort = freePort();
            URI hubUri = URI.create((secure != null ? "https" : "http") + "://127.0.0.1:" + hubPort + "/");
            Map<String, String> hubEnvironment = new HashMap<>(Map.of("POS_MARIADB_PASSWORD", mariadb.password()));
            if (!realProvider()) {
                hubEnvironment.put("POS_GATEWAY_SECRET", SandboxGateway.DEFAULT_SECRET);
            }
            List<String> hubArguments = new ArrayList<>(hubArguments(hubPort));
            if (secure != null) {
                hubEnvironment.putAll(secure.hubEnvironment()); // POS_REDIS_USER, POS_REDIS_PASSWORD_FILE, POS_REDIS_CA_FILE
                hubArguments.addAll(secure.hubArguments()); // file names only
            }
            hub = new HubProcess(hubArguments, hubEnvironment, work.resolve("hub.log"), hubUri,
                    secure == null ? null : secure.hubTrust());
            driverRedis = secure == null ? RedisConnections.create(redis.uri())
                    : RedisConnections.create(redis.uri(), secure.observerRedis());
            customers = Executors.newScheduledThreadPool(4, daemon("customer"));
            try {
                hub.start(Duration.ofSeconds(60));
                event("hub started on port " + hubPort + " (pid of a child JVM; log " + hub.log() + ")");
                alerts = new AlertWatcher(hubUri, secure == null ? null : secure.hubTrust());
                alerts.start();
                SandboxCustomer customer = new SandboxCustomer(sandbox.baseUri());
                for (int i = 1; i <= settings.tills(); i++) {
                    SimulatedTill till = new SimulatedTill("till-" + i, settings, work.resolve("till-" + i), redis.uri(),
                            sandbox.baseUri(), credentialsDir(), hubUri, stats, customer, customers, settings.seed() * 31 + i,
                            true, tillSecurity());
                    tills.add(till);
                    till.start();
                }
                long sellingStarted = System.nanoTime();
                Thread faults = new Thread(this::injectFaults, "faults");
                faults.setDaemon(true);
                faults.start();
                sell();
                Duration selling = Duration.ofNanos(System.nanoTime() - sellingStarted);
                event("selling done: " + stats.salesDone() + " sales in " + selling.toSeconds() + " s");
                faults.join(Duration.ofMinutes(5).toMillis());
                if (faults.isAlive()) {
                    stats.problem("the fault injection did not finish within 5 min after the selling");
                }
                long settleStarted = System.nanoTime();
                boolean settled = settle();
                Duration settling = Duration.ofNanos(System.nanoTime() - settleStarted);
                event((settled ? "settled" : "NOT settled") + " after " + settling.toSeconds() + " s");
                check(report, selling, settling, settled);
                if (settings.latencySamples() > 0) {
                    measureLatency(report, customer, hubUri);
                }
                if (archiverSales > 0) {
                    measureArchiver(report);
                }
                timeline.forEach(report::timeline);
                report.counts(stats.counts());
                report.problems(stats.problems());
                return report;
            } finally {
                for (SimulatedTill till : tills) {
                    closeQuietly(till, till.tillId());
                }
                if (alerts != null) {
                    alerts.close();
                }
                customers.shutdownNow();
                hub.close();
                driverRedis.close();
            }
        }

        /** A till's Redis login, hub trust and hub key in a secured run; null in a plain one. */
        private SimulatedTill.Secured tillSecurity() {
            return secure == null ? null : new SimulatedTill.Secured(secure.tillRedis(), secure.hubTrust(), secure.hubPublicKey());
        }

        /** Issue 10: every simulated till's credential, in the 0600 file the hub reads. */
        private java.nio.file.Path tillCredentialsFile() {
            List<pos.contract.auth.TillCredential> all = new ArrayList<>();
            for (int i = 1; i <= settings.tills(); i++) {
                all.add(SimulatedTill.credential("till-" + i));
            }
            for (int i = 1; i <= 2; i++) {
                all.add(SimulatedTill.credential("till-poll-" + i));
            }
            java.nio.file.Path file = work.resolve("till-credentials");
            pos.hub.archive.TillCredentialsFile.write(file, all);
            return file;
        }

        /** The merchant's credential files the sandbox's face wrote, for the tills; null for the sandbox's own protocol. */
        private Path credentialsDir() {
            return realProvider() ? sandbox.credentialsDir() : null;
        }

        private List<String> hubArguments(int port) {
            // Issue 13: for a real protocol the hub is configured as a store would be: the provider, the directory of its
            // credential files (names only on the command line) and the test server's address.
            List<String> gateway = realProvider()
                    ? List.of("--provider", settings.provider(), "--provider-credentials", sandbox.credentialsDir().toString(),
                            "--provider-url", sandbox.baseUri().toString())
                    : List.of("--gateway-url", sandbox.baseUri().toString(), "--gateway-key-id", SandboxGateway.DEFAULT_KEY_ID);
            List<String> arguments = new ArrayList<>(List.of("--redis", redis.uri(), "--mariadb", database.jdbcUrl(),
                    "--user", database.user(), "--listen", "127.0.0.1:" + port));
            arguments.addAll(gateway);
            arguments.addAll(List.of("--consumer", HUB_CONSUMER,
                    "--reconcile-every", millis(settings.reconcileEvery()), "--pending-threshold",
                    millis(settings.pendingThreshold()), "--query-after", millis(settings.firstQueryAfter()),
                    "--monitor-every", millis(settings.monitorEvery()), "--archive-backlog-alert",
                    Long.toString(settings.archiveBacklogAlert()), "--mariadb-down-alert", millis(settings.mariaDbDownAlert()),
                    "--claim-idle", "10s", "--till-credentials", tillCredentialsFile().toString()));
            return arguments;
        }

        // ------------------------------------------------------------------ selling and faults

        private void sell() throws InterruptedException {
            AtomicInteger toSell = new AtomicInteger(settings.payments());
            List<Thread> threads = new ArrayList<>();
            for (SimulatedTill till : tills) {
                Thread t = new Thread(() -> {
                    try {
                        while (toSell.getAndDecrement() > 0) {
                            till.sell();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.error("Till {} stopped selling", till.tillId(), e);
                        stats.problem("till " + till.tillId() + " stopped selling: " + e);
                    }
                }, till.tillId() + "-clerk");
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }

        private void injectFaults() {
            FaultRunSettings.Faults faults = settings.faults();
            record Fault(double at, String name, Runnable action) {
            }
            List<Fault> plan = new ArrayList<>();
            if (faults.hubKillAt() >= 0) {
                plan.add(new Fault(faults.hubKillAt(), "hub", () -> killHub(faults.hubDownFor())));
            }
            if (faults.redisRestartAt() >= 0) {
                plan.add(new Fault(faults.redisRestartAt(), "redis", () -> restartRedis(faults.redisDownFor())));
            }
            if (faults.mariaDbStopAt() >= 0) {
                plan.add(new Fault(faults.mariaDbStopAt(), "mariadb", () -> stopMariaDb(faults.mariaDbDownFor())));
            }
            plan.sort(Comparator.comparingDouble(Fault::at));
            try {
                for (Fault fault : plan) {
                    long due = (long) Math.ceil(fault.at() * settings.payments());
                    while (stats.salesDone() < due) {
                        Thread.sleep(50);
                    }
                    fault.action().run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Fault injection failed", e);
                stats.problem("fault injection failed: " + e.getMessage());
            }
        }

        private void killHub(Duration downFor) {
            hub.kill();
            long killed = System.nanoTime();
            event("hub SIGKILLed at sale " + stats.salesDone());
            sleep(downFor);
            hub.start(Duration.ofSeconds(60));
            Duration down = Duration.ofNanos(System.nanoTime() - killed);
            faultDurations.put("hub down (SIGKILL to answering again)", down);
            event("hub restarted (same port, same consumer) after " + down.toMillis() + " ms, at sale " + stats.salesDone());
        }

        private void restartRedis(Duration downFor) {
            long stopped = System.nanoTime();
            redis.stop();
            event("redis stopped at sale " + stats.salesDone());
            sleep(downFor);
            redis.start();
            Duration down = Duration.ofNanos(System.nanoTime() - stopped);
            faultDurations.put("redis down", down);
            event("redis started again after " + down.toMillis() + " ms, at sale " + stats.salesDone());
        }

        private void stopMariaDb(Duration downFor) {
            long stopped = System.nanoTime();
            mariadb.stop();
            mariaDbStoppedAt = Instant.now();
            event("mariadb stopped at sale " + stats.salesDone());
            sleep(downFor);
            // R12: an outage the store's alerts never showed proves nothing about them. On a slow run few sales pile up
            // in the configured time, so MariaDB stays down (a minute more at most) until the hub has raised both alerts.
            long bound = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (alerts != null && System.nanoTime() - bound < 0 && (alerts.firstSeen(MARIADB_ALERT, mariaDbStoppedAt) == null
                    || alerts.firstSeen(BACKLOG_ALERT, mariaDbStoppedAt) == null)) {
                sleep(Duration.ofMillis(250));
            }
            long beyond = Duration.ofNanos(System.nanoTime() - stopped).minus(downFor).toMillis();
            if (beyond > 500) {
                event("mariadb kept down " + beyond + " ms longer, until the hub raised its alerts");
            }
            mariadb.start();
            mariaDbStartedAt = Instant.now();
            Duration down = Duration.ofNanos(System.nanoTime() - stopped);
            faultDurations.put("mariadb down", down);
            event("mariadb started again after " + down.toMillis() + " ms, at sale " + stats.salesDone());
            long back = System.nanoTime();
            // How long the hub's archiver takes to catch up with what piled up (while the tills keep selling).
            long deadline = back + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() - deadline < 0) {
                if (archiveBacklog() == 0) {
                    archiveCaughtUp = Duration.ofNanos(System.nanoTime() - back);
                    event("archive stream caught up " + archiveCaughtUp.toMillis() + " ms after mariadb returned");
                    return;
                }
                sleep(Duration.ofMillis(200));
            }
        }

        // ------------------------------------------------------------------ settling

        /**
         * Waits until late watches and owed closes, reversals and refunds are done (every desk idle), the outboxes and the
         * archive are drained, nothing is pending, alerts cleared. A provider that documents a delay before a close or a
         * reversal (WeChat Pay: no close within 5 minutes of the order) adds that delay to the settle timeout.
         */
        private boolean settle() {
            owedDelay = tills.isEmpty() ? Duration.ZERO : tills.get(0).owedDelay();
            Duration timeout = settings.settleTimeout().plus(owedDelay);
            if (!owedDelay.isZero()) {
                event("settling: " + settings.provider() + " owes a close or reversal up to " + owedDelay.toSeconds()
                        + " s after the order or charge; waiting up to " + timeout.toSeconds() + " s");
            }
            long started = System.nanoTime();
            long deadline = started + timeout.toNanos();
            Map<String, BooleanSupplier> conditions = new LinkedHashMap<>();
            conditions.put("every desk idle (late-payment watches done)", () -> {
                boolean idle = tills.stream().allMatch(t -> t.desk().activeCount() == 0);
                if (idle && desksIdleAfter == null) {
                    desksIdleAfter = Duration.ofNanos(System.nanoTime() - started);
                    event("every desk idle (owed closes, reversals, refunds and late watches done) after "
                            + desksIdleAfter.toSeconds() + " s of settling");
                } else if (!idle) {
                    desksIdleAfter = null;
                }
                return idle;
            });
            conditions.put("every journal handed on (outbox backlog 0)",
                    () -> tills.stream().allMatch(t -> t.journal().backlog() == 0));
            conditions.put("archive drained (stream backlog 0, MariaDB has every journaled sale)",
                    () -> archiveBacklog() == 0 && mariaDbSales() == journaledSales());
            conditions.put("pending queue empty", () -> pendingSize() == 0);
            conditions.put("alerts cleared", () -> {
                Set<String> now = alerts.poll();
                return now != null && !now.contains(MARIADB_ALERT) && !now.contains(BACKLOG_ALERT);
            });
            Set<String> unmet = new TreeSet<>(conditions.keySet());
            while (true) {
                for (Map.Entry<String, BooleanSupplier> c : conditions.entrySet()) {
                    boolean met;
                    try {
                        met = c.getValue().getAsBoolean();
                    } catch (RuntimeException e) {
                        log.debug("Settle condition '{}' cannot be evaluated yet: {}", c.getKey(), e.getMessage());
                        met = false;
                    }
                    if (met) {
                        unmet.remove(c.getKey());
                    } else {
                        unmet.add(c.getKey());
                    }
                }
                if (unmet.isEmpty()) {
                    return true;
                }
                if (System.nanoTime() - deadline > 0) {
                    stats.problem("not settled within " + timeout.toSeconds() + " s: " + unmet);
                    return false;
                }
                sleep(Duration.ofMillis(500));
            }
        }

        // ------------------------------------------------------------------ checks

        private void check(FaultRunReport report, Duration selling, Duration settling, boolean settled) throws SQLException {
            LedgerSummary ledger = sandbox.ledger().summary(true);
            List<SaleRecord> journaled = new ArrayList<>();
            for (SimulatedTill till : tills) {
                journaled.addAll(SimulatedTill.finishedSales(till.journal()));
            }
            long journalPaid = 0;
            List<String> journalRefs = new ArrayList<>();
            long journalPaidSales = 0;
            for (SaleRecord sale : journaled) {
                if (sale.state() == SaleState.PAID) {
                    journalPaidSales++;
                    for (SaleRecord.Payment p : sale.tenders()) {
                        if (p.type() == TenderType.QR || p.type() == TenderType.PAY_CODE) {
                            journalPaid += p.amountMinor();
                            journalRefs.add(p.reference());
                        }
                    }
                }
            }
            MariaDbFigures maria = mariaDbFigures();
            Set<String> kept = new TreeSet<>();
            List<String> partial = new ArrayList<>();
            long charged = 0;
            Map<String, Long> states = new TreeMap<>();
            for (LedgerOrder order : ledger.byOrder()) {
                states.merge(String.valueOf(order.tradeState()), 1L, Long::sum);
                if (order.chargedMinor() > 0) {
                    charged++;
                    if (order.refundedMinor() == 0) {
                        kept.add(order.outTradeNo());
                    } else if (order.refundedMinor() != order.chargedMinor()) {
                        partial.add(order.outTradeNo() + " charged " + order.chargedMinor() + " refunded " + order.refundedMinor());
                    }
                }
            }

            report.figure("gateway ledger: charges", String.format(Locale.ROOT, "%,d = %s", ledger.chargesCount(),
                    money(settings.currency(), ledger.chargesMinor())));
            report.figure("gateway ledger: refunds (late money, reversals)", String.format(Locale.ROOT, "%,d = %s",
                    ledger.refundsCount(), money(settings.currency(), ledger.refundsMinor())));
            report.figure("gateway ledger: net (charges - refunds)", money(settings.currency(), ledger.netMinor()));
            report.figure("MariaDB: QR + PAY_CODE tenders of PAID sales", String.format(Locale.ROOT, "%,d = %s",
                    maria.gatewayTenders(), money(settings.currency(), maria.gatewayPaidMinor())));
            report.figure("tills' journals: QR + PAY_CODE tenders of PAID sales", String.format(Locale.ROOT, "%,d = %s",
                    journalRefs.size(), money(settings.currency(), journalPaid)));
            report.figure("sales: journaled / in MariaDB (rows, distinct ids)", String.format(Locale.ROOT,
                    "%,d / %,d (%,d, %,d)", journaled.size(), maria.sales(), maria.sales(), maria.distinctSales()));
            report.figure("sales paid / cancelled (journals)", journalPaidSales + " / " + (journaled.size() - journalPaidSales));
            report.figure("gateway orders by state", states);
            report.figure("gateway notifications delivered / pending / failed", sandbox.ledger().notificationCount(
                    NotificationStatus.DELIVERED) + " / " + sandbox.ledger().notificationCount(NotificationStatus.PENDING)
                    + " / " + notificationCount("FAILED"));
            report.figure("run: selling / settling", selling.toSeconds() + " s / " + settling.toSeconds() + " s");
            report.figure("settling: waited for owed closes, reversals, refunds, late watches", (desksIdleAfter == null ? "-"
                    : desksIdleAfter.toSeconds() + " s") + (owedDelay.isZero() ? "" : " (" + settings.provider()
                    + ": a close or reversal no sooner than " + owedDelay.toSeconds() + " s after the order or charge)"));
            faultDurations.forEach((name, d) -> report.figure("fault: " + name, d.toMillis() + " ms"));
            if (archiveCaughtUp != null) {
                report.figure("archive caught up after MariaDB returned", archiveCaughtUp.toMillis() + " ms");
            }
            List<Long> attempts = stats.attemptMillis();
            Collections.sort(attempts);
            if (!attempts.isEmpty()) {
                report.figure("payment attempt duration p50 / p99 / max", percentile(attempts, 50) + " / "
                        + percentile(attempts, 99) + " / " + attempts.get(attempts.size() - 1) + " ms");
            }
            classifyLatePays(report, ledger, new HashSet<>(journalRefs));
            hubMetrics(report);

            report.check("R8 R10", "money: ledger net == MariaDB == journals", settled && ledger.netMinor() == maria.gatewayPaidMinor()
                    && maria.gatewayPaidMinor() == journalPaid, "ledger net " + money(settings.currency(), ledger.netMinor())
                    + ", MariaDB " + money(settings.currency(), maria.gatewayPaidMinor()) + ", journals "
                    + money(settings.currency(), journalPaid));
            Set<String> mariaRefs = new TreeSet<>(maria.references());
            Set<String> journalRefSet = new TreeSet<>(journalRefs);
            report.check("R8 R24", "each kept charge is exactly one paid sale's tender", kept.equals(mariaRefs)
                    && kept.equals(journalRefSet) && partial.isEmpty(), "kept charges " + kept.size() + ", MariaDB references "
                    + mariaRefs.size() + ", journal references " + journalRefSet.size() + differences(kept, mariaRefs, journalRefSet)
                    + (partial.isEmpty() ? "" : "; partly refunded: " + partial));
            boolean noTwice = maria.sales() == maria.distinctSales() && maria.sales() == journaled.size()
                    && maria.gatewayTenders() == maria.references().stream().distinct().count()
                    && journalRefs.size() == journalRefSet.size() && ledger.chargesCount() == charged
                    && journaled.stream().map(SaleRecord::transactionId).distinct().count() == journaled.size();
            report.check("R6 R10", "no transaction twice", noTwice, String.format(Locale.ROOT,
                    "MariaDB %,d rows / %,d ids, journals %,d sales; %,d gateway tenders / %,d distinct references; "
                            + "ledger %,d charges / %,d charged orders", maria.sales(), maria.distinctSales(), journaled.size(),
                    maria.gatewayTenders(), maria.references().stream().distinct().count(), ledger.chargesCount(), charged));
            Optional<Duration> oldest = pendingOldest();
            long pendingNow = pendingSize();
            report.check("R7 R8 R11", "nothing pending older than T", oldest.map(a -> a.compareTo(settings.pendingThreshold()) < 0)
                    .orElse(true), pendingNow + " pending, oldest " + oldest.map(d -> d.toMillis() + " ms").orElse("-")
                    + ", T = " + settings.pendingThreshold().toSeconds() + " s");
            report.check("R9 R10", "archive drained", archiveBacklog() == 0 && mariaDbSales() == journaledSales()
                    && tills.stream().allMatch(t -> t.journal().backlog() == 0), "stream backlog " + archiveBacklog()
                    + ", outbox backlogs " + tills.stream().mapToLong(t -> t.journal().backlog()).sum());
            checkAlerts(report);
            report.check("R21-R24", "every payment reached a final state; every watch done",
                    stats.problems().isEmpty() && tills.stream().allMatch(t -> t.desk().activeCount() == 0),
                    stats.problems().isEmpty() ? "no problems; desks idle" : stats.problems().size() + " problems, first: "
                            + stats.problems().get(0));
            // Issue 13: a given-up order is closed (or reversed) at the gateway in the end, whatever the provider's
            // timing; one still open there would be a close the tills dropped.
            List<String> open = ledger.byOrder().stream().filter(o -> o.tradeState() != null && o.tradeState().isPending())
                    .map(o -> o.outTradeNo() + " " + o.tradeState()).toList();
            report.check("R24", "no order left open at the gateway", open.isEmpty(), open.isEmpty()
                    ? "every order paid, closed, reversed or refused" : open.size() + " still open: "
                            + open.stream().limit(5).toList() + (open.size() > 5 ? "..." : ""));
            boolean allFaults = (settings.faults().hubKillAt() < 0 || faultDurations.containsKey("hub down (SIGKILL to answering again)"))
                    && (settings.faults().redisRestartAt() < 0 || faultDurations.containsKey("redis down"))
                    && (settings.faults().mariaDbStopAt() < 0 || faultDurations.containsKey("mariadb down"));
            report.check("faults", "hub SIGKILL + restart, Redis restart, MariaDB stop all happened", allFaults,
                    faultDurations.keySet().toString());
            report.check("R7 R16", "payments of every kind ended PAID", stats.get("qr paid") > 0 && stats.get("pay-code paid") > 0,
                    stats.get("qr paid") + " QR, " + stats.get("pay-code paid") + " pay-code");
            checkAttribution(report, ledger);
        }

        /**
         * Issue 10: every stream entry was a known till's (nothing in any {@code <stream>:unattributed}); in a secured
         * run also that no till refused a result for its genuine payments, that the hub signed the final results it
         * wrote, that the hub's log has no Redis refusal, and that Redis and the hub really were locked down.
         */
        private void checkAttribution(FaultRunReport report, LedgerSummary ledger) {
            Map<String, Long> unattributed = unattributedStreams();
            long unattributedEntries = unattributed.values().stream().mapToLong(Long::longValue).sum();
            report.figure("stream entries no known till signed (<stream>:unattributed)", unattributed.isEmpty() ? "0"
                    : unattributed.toString());
            report.check("SEC", "no stream entry unattributed", unattributedEntries == 0, unattributed.isEmpty()
                    ? "no <stream>:unattributed stream" : unattributedEntries + " entries: " + unattributed);
            long refused = tills.stream().mapToLong(t -> t.desk().refusedResults()).sum();
            report.figure("results the tills refused (unsigned, forged, other amount)", refused);
            if (secure == null) {
                return;
            }
            long delivered = sandbox.ledger().notificationCount(NotificationStatus.DELIVERED);
            long undelivered = sandbox.ledger().notificationCount(NotificationStatus.PENDING) + notificationCount("FAILED");
            report.check("SEC", "the gateway's notifications reached the hub over HTTPS", delivered > 0 && undelivered == 0,
                    delivered + " delivered to " + hub.baseUri().resolve("notify/" + settings.provider()) + ", " + undelivered
                            + " pending or failed");
            report.check("SEC", "no result refused for a genuine payment", refused == 0, refused + " refused across "
                    + tills.size() + " tills (each is logged with its reason)");
            long signed = 0;
            long unsignedFinal = 0;
            try (RedisResultBoard board = new RedisResultBoard(driverRedis)) {
                for (LedgerOrder order : ledger.byOrder()) {
                    Optional<ResultBoard.Entry> entry = board.read(order.outTradeNo());
                    if (entry.isEmpty() || !entry.get().result().status().isFinal()) {
                        continue;
                    }
                    if (entry.get().signature() != null
                            && ResultSignature.verify(secure.hubPublicKey(), entry.get().result(), entry.get().signature())) {
                        signed++;
                    } else {
                        unsignedFinal++;
                    }
                }
            }
            report.figure("final results in Redis: signed by the hub / the tills' own", signed + " / " + unsignedFinal);
            List<String> refusals = hubLogRefusals();
            report.check("SEC", "the hub's log has no Redis refusal and no refused request", refusals.isEmpty(),
                    refusals.isEmpty() ? "none in " + hub.log().getFileName() : refusals.size() + " lines, first: "
                            + refusals.get(0));
            report.check("SEC", "Redis TLS-only with ACL users, the hub on HTTPS", lockedDown(),
                    "Redis " + redis.uri() + " (users " + redis.aclUsers() + "), hub " + hub.baseUri()
                            + "; without a password Redis refuses, pos-till cannot write the rule base");
            report.check("SEC", "the hub answers a till's credential over HTTPS, and only to the store CA's trust",
                    hubServesTillsOnlyOverTrustedTls(), "GET /people with till-1's credential trusting the store CA, then"
                            + " trusting only the JDK's CAs");
        }

        /** Streams {@code *:unattributed} and their lengths, as the run's observer sees them. */
        private Map<String, Long> unattributedStreams() {
            Map<String, Long> found = new TreeMap<>();
            try (StatefulRedisConnection<String, String> connection = driverRedis.connect()) {
                var commands = connection.sync();
                io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
                do {
                    io.lettuce.core.KeyScanCursor<String> page = commands.scan(cursor,
                            io.lettuce.core.ScanArgs.Builder.matches("*:unattributed").limit(1_000));
                    for (String key : page.getKeys()) {
                        found.put(key, commands.xlen(key));
                    }
                    cursor = page;
                } while (!cursor.isFinished());
            }
            return found;
        }

        /**
         * Lines of the hub's log where Redis refused its user or a command (NOPERM, WRONGPASS, NOAUTH), or where the hub
         * refused a request (a till's credential, a notification: "Refused ...").
         */
        private List<String> hubLogRefusals() {
            try (Stream<String> lines = Files.lines(hub.log(), StandardCharsets.UTF_8)) {
                return lines.filter(l -> l.contains("NOPERM") || l.contains("WRONGPASS") || l.contains("NOAUTH")
                        || l.contains("Refused ")).limit(20).toList();
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException("cannot read the hub's log " + hub.log() + ": " + e.getMessage(), e);
            }
        }

        /** Whether a till's HubClient (its credential, the store CA) is answered, and one trusting only the JDK's CAs is not. */
        private boolean hubServesTillsOnlyOverTrustedTls() {
            URI base = hub.baseUri();
            try {
                new pos.sync.hub.HubClient(base, SimulatedTill.credential("till-1"), secure.hubTrust(), Duration.ofSeconds(5))
                        .peopleSince(null);
            } catch (RuntimeException e) {
                log.warn("The hub did not answer till-1's credential over HTTPS: {}", e.getMessage());
                return false;
            }
            try {
                new pos.sync.hub.HubClient(base, SimulatedTill.credential("till-1"), null, Duration.ofSeconds(5)).peopleSince(null);
                log.warn("A till trusting only the JDK's CAs was answered by the hub at {}: its certificate is not the store CA's",
                        base);
                return false;
            } catch (RuntimeException e) {
                return mentions(e, "certif") || mentions(e, "PKIX") || mentions(e, "SSL") || mentions(e, "TLS");
            }
        }

        /** Whether Redis refuses a caller without a password and refuses pos-till a write to what only the hub keeps. */
        private boolean lockedDown() {
            if (!redis.uri().startsWith("rediss://") || !"https".equals(hub.baseUri().getScheme())) {
                return false;
            }
            boolean anonymousRefused;
            try (RedisConnections anonymous = RedisConnections.create(redis.uri(), secure.anonymousRedis());
                    StatefulRedisConnection<String, String> c = anonymous.connect()) {
                c.sync().get("pos:rules:version");
                anonymousRefused = false;
            } catch (RuntimeException e) {
                anonymousRefused = mentions(e, "NOAUTH") || e instanceof pos.contract.redis.RedisLoginRefusedException;
                log.info("Redis and a caller without a password: {} ({})", e.getMessage(), anonymousRefused
                        ? "refused, as it should be" : "failed for another reason");
            }
            boolean tillRefused;
            try (RedisConnections till = RedisConnections.create(redis.uri(), secure.tillRedis());
                    StatefulRedisConnection<String, String> c = till.connect()) {
                c.sync().set("pos:rules:version", "999");
                tillRefused = false;
            } catch (RuntimeException e) {
                tillRefused = mentions(e, "NOPERM") || e instanceof pos.contract.redis.RedisPermissionDeniedException;
                log.info("Redis and pos-till writing the rule base: {} ({})", e.getMessage(), tillRefused
                        ? "refused, as it should be" : "failed for another reason");
            }
            return anonymousRefused && tillRefused;
        }

        private void checkAlerts(FaultRunReport report) {
            if (settings.faults().mariaDbStopAt() < 0 || mariaDbStoppedAt == null || mariaDbStartedAt == null) {
                report.check("R12", "queue alerts raised while MariaDB was down, cleared after", settings.faults().mariaDbStopAt() < 0,
                        "MariaDB was not stopped");
                return;
            }
            // The monitor needs a round or two to see MariaDB back and the backlog drained.
            Instant until = mariaDbStartedAt.plus(settings.monitorEvery().multipliedBy(3)).plusSeconds(2);
            Set<String> finalAlerts = alerts.poll();
            for (String alert : List.of(MARIADB_ALERT, BACKLOG_ALERT)) {
                boolean raised = alerts.seenBetween(alert, mariaDbStoppedAt, until);
                boolean cleared = finalAlerts != null && !finalAlerts.contains(alert);
                Instant first = alerts.firstSeen(alert, mariaDbStoppedAt);
                Instant last = alerts.lastSeen(alert);
                report.check("R12", "alert " + alert + " raised while MariaDB down, cleared after", raised && cleared,
                        (first == null ? "never seen" : "first seen " + Duration.between(mariaDbStoppedAt, first).toMillis()
                                + " ms after MariaDB stopped, last seen " + (last == null ? "-" : Duration.between(
                                mariaDbStartedAt, last).toMillis() + " ms after it returned")) + "; at the end: "
                                + (finalAlerts == null ? "hub did not answer" : finalAlerts));
            }
        }

        /** The late customers (late_pay_rate knob): refused by a closed order, paid at the close, or refunded. */
        private void classifyLatePays(FaultRunReport report, LedgerSummary ledger, Set<String> paidReferences) {
            Map<String, LedgerOrder> byNo = new HashMap<>();
            ledger.byOrder().forEach(o -> byNo.put(o.outTradeNo(), o));
            long refused = 0;
            long honoured = 0;
            long refunded = 0;
            for (String tx : stats.latePays()) {
                LedgerOrder order = byNo.get(tx);
                if (order == null || order.chargedMinor() == 0) {
                    refused++;
                } else if (order.refundedMinor() == order.chargedMinor()) {
                    refunded++;
                } else if (paidReferences.contains(tx)) {
                    honoured++;
                }
            }
            report.figure("late customers: refused (closed) / honoured (sale paid) / refunded",
                    refused + " / " + honoured + " / " + refunded);
        }

        private void hubMetrics(FaultRunReport report) {
            HttpRequest request = HttpRequest.newBuilder(hub.baseUri().resolve("metrics")).timeout(Duration.ofSeconds(5)).GET()
                    .build();
            try {
                String body = hubHttp.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                        .body();
                body.lines().filter(l -> l.startsWith("pos_hub_gateway_queries_total") || l.startsWith("pos_hub_notifications_total")
                        || l.startsWith("pos_archive_sales_total")).forEach(l -> {
                            int space = l.lastIndexOf(' ');
                            report.figure("hub since restart: " + l.substring(0, space), l.substring(space + 1));
                        });
            } catch (IOException e) {
                report.figure("hub metrics", "not readable: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        // ------------------------------------------------------------------ latency and archiver

        private void measureLatency(FaultRunReport report, SandboxCustomer customer, URI hubUri) throws Exception {
            sandbox.setKnobs(Knobs.defaults()); // a well-behaved gateway for the latency figures
            Map<String, List<Long>> published = new ConcurrentHashMap<>();
            StatefulRedisPubSubConnection<String, String> observer = driverRedis.connectPubSub();
            observer.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String transactionId) {
                    published.computeIfAbsent(transactionId, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                }
            });
            observer.sync().subscribe(PaymentKeys.DEFAULT.resultsChannel());
            List<SimulatedTill> pollTills = new ArrayList<>();
            try {
                List<SimulatedTill.LatencySample> pubSub = samples(tills, settings.latencySamples());
                for (int i = 1; i <= 2; i++) {
                    SimulatedTill till = new SimulatedTill("till-poll-" + i, settings, work.resolve("till-poll-" + i),
                            redis.uri(), sandbox.baseUri(), credentialsDir(), hubUri, stats, customer, customers,
                            settings.seed() * 97 + i, false, tillSecurity());
                    pollTills.add(till);
                    till.start();
                }
                List<SimulatedTill.LatencySample> poll = samples(pollTills, Math.max(10, settings.latencySamples() / 5));
                report.latency(latency("pub/sub: customer pays -> till PAID", pubSub.stream().map(SimulatedTill.LatencySample::micros)
                        .toList()));
                List<Long> fromPublish = new ArrayList<>();
                for (SimulatedTill.LatencySample s : pubSub) {
                    published.getOrDefault(s.transactionId(), List.of()).stream().filter(t -> t >= s.customerPaidNanos())
                            .min(Long::compare).ifPresent(t -> fromPublish.add(Math.max(0, (s.tillPaidNanos() - t) / 1_000)));
                }
                report.latency(latency("pub/sub: hub publishes -> till PAID", fromPublish));
                report.latency(latency("poll (no pub/sub hints, R22 " + PaymentSettings.DEFAULT_POLL_EVERY.toSeconds()
                        + " s poll): customer pays -> till PAID", poll.stream().map(SimulatedTill.LatencySample::micros).toList()));
            } finally {
                observer.close();
                for (SimulatedTill till : pollTills) {
                    closeQuietly(till, till.tillId());
                }
            }
        }

        private List<SimulatedTill.LatencySample> samples(List<SimulatedTill> on, int count) throws InterruptedException {
            List<SimulatedTill.LatencySample> samples = new CopyOnWriteArrayList<>();
            AtomicInteger left = new AtomicInteger(count);
            List<Thread> threads = new ArrayList<>();
            for (SimulatedTill till : on) {
                Thread t = new Thread(() -> {
                    try {
                        while (left.getAndDecrement() > 0) {
                            till.payForLatency().ifPresent(samples::add);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.error("Latency payments on {} stopped", till.tillId(), e);
                        stats.problem("latency payments on " + till.tillId() + " stopped: " + e);
                    }
                }, till.tillId() + "-latency");
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            return samples;
        }

        private void measureArchiver(FaultRunReport report) throws Exception {
            List<SaleRecord> template = new ArrayList<>();
            for (SimulatedTill till : tills) {
                template.addAll(SimulatedTill.finishedSales(till.journal()));
            }
            ArchiverThroughput throughput = new ArchiverThroughput(driverRedis, mariadb);
            Comparison comparison = throughput.measure(copies(template, archiverSales), copies(template, archiverSales),
                    archiverRounds, "pos:bench:payments");
            report.archiver(comparison, archiverSales);
        }

        // ------------------------------------------------------------------ Redis and MariaDB figures

        private record MariaDbFigures(long sales, long distinctSales, long gatewayTenders, long gatewayPaidMinor,
                List<String> references) {
        }

        private MariaDbFigures mariaDbFigures() throws SQLException {
            try (Connection c = mariadb.openConnection(database.name()); Statement st = c.createStatement()) {
                long sales;
                long distinct;
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT transaction_id) FROM sales")) {
                    rs.next();
                    sales = rs.getLong(1);
                    distinct = rs.getLong(2);
                }
                List<String> references = new ArrayList<>();
                long paid = 0;
                try (ResultSet rs = st.executeQuery("SELECT t.reference, t.amount_minor FROM sale_tenders t "
                        + "JOIN sales s ON s.transaction_id = t.transaction_id "
                        + "WHERE s.state = 'PAID' AND t.tender_type IN ('QR', 'PAY_CODE')")) {
                    while (rs.next()) {
                        references.add(rs.getString(1));
                        paid += rs.getLong(2);
                    }
                }
                return new MariaDbFigures(sales, distinct, references.size(), paid, references);
            }
        }

        private long mariaDbSales() {
            try (Connection c = mariadb.openConnection(database.name()); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sales")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException("mariadb " + mariadb.jdbcUrl(database.name()) + ": cannot count the sales: "
                        + e.getMessage(), e);
            }
        }

        private long journaledSales() {
            return tills.stream().mapToLong(t -> t.journal().count()).sum();
        }

        /** Entries of the archive stream the hubs' group has not archived yet: its lag plus its pending entries. */
        private long archiveBacklog() {
            try (StatefulRedisConnection<String, String> connection = driverRedis.connect()) {
                var commands = connection.sync();
                long length = commands.xlen(Outbox.DEFAULT_STREAM_KEY);
                for (Object group : commands.xinfoGroups(Outbox.DEFAULT_STREAM_KEY)) {
                    Map<String, Object> info = fields(group);
                    if (ArchiverSettings.DEFAULT_CONSUMER_GROUP.equals(String.valueOf(info.get("name")))) {
                        long pending = info.get("pending") instanceof Number n ? n.longValue() : length;
                        Object lag = info.get("lag");
                        return (lag instanceof Number n ? n.longValue() : length) + pending;
                    }
                }
                return length;
            } catch (RuntimeException e) {
                throw new IllegalStateException("redis " + redis.uri() + ": cannot measure the archive stream: " + e.getMessage(), e);
            }
        }

        private long pendingSize() {
            try (RedisPendingPayments pending = new RedisPendingPayments(driverRedis)) {
                return pending.size();
            }
        }

        private Optional<Duration> pendingOldest() {
            try (RedisPendingPayments pending = new RedisPendingPayments(driverRedis)) {
                return pending.oldestAge();
            }
        }

        private long notificationCount(String status) {
            for (NotificationStatus s : NotificationStatus.values()) {
                if (s.name().equals(status)) {
                    return sandbox.ledger().notificationCount(s);
                }
            }
            return 0;
        }

        private void event(String what) {
            String line = String.format(Locale.ROOT, "%7.1f s  %s", (System.nanoTime() - startedNanos) / 1e9, what);
            timeline.add(line);
            log.info("{}", line);
        }
    }

    // ---------------------------------------------------------------------- helpers

    /** {@code count} sales shaped like {@code template} (cycled), each with a new transaction id. */
    static List<SaleRecord> copies(List<SaleRecord> template, int count) {
        if (template.isEmpty()) {
            throw new IllegalArgumentException("no sales to copy");
        }
        TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());
        List<SaleRecord> copies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SaleRecord s = template.get(i % template.size());
            copies.add(new SaleRecord(ids.next().value(), s.tillId(), s.state(), s.currency(), s.totalMinor(), s.taxMinor(),
                    s.openedAt(), s.closedAt(), s.lines(), s.tenders()));
        }
        return copies;
    }

    /** Percentiles in milliseconds of {@code micros}, microsecond figures. */
    static FaultRunReport.Latency latency(String path, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new FaultRunReport.Latency(path, 0, -1, -1, -1);
        }
        return new FaultRunReport.Latency(path, sorted.size(), percentile(sorted, 50) / 1e3, percentile(sorted, 99) / 1e3,
                sorted.get(sorted.size() - 1) / 1e3);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static String differences(Set<String> kept, Set<String> maria, Set<String> journal) {
        if (kept.equals(maria) && kept.equals(journal)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        appendDiff(text, "kept at the gateway, not a paid sale in MariaDB", kept, maria);
        appendDiff(text, "paid in MariaDB, not kept at the gateway", maria, kept);
        appendDiff(text, "kept at the gateway, not paid in a journal", kept, journal);
        appendDiff(text, "paid in a journal, not kept at the gateway", journal, kept);
        return text.toString();
    }

    private static void appendDiff(StringBuilder text, String what, Set<String> a, Set<String> b) {
        List<String> missing = a.stream().filter(x -> !b.contains(x)).limit(5).toList();
        if (!missing.isEmpty()) {
            text.append("; ").append(what).append(": ").append(missing).append(missing.size() == 5 ? "..." : "");
        }
    }

    /** Whether {@code failure} or one of its causes says {@code word} (a Redis error code such as NOPERM). */
    private static boolean mentions(Throwable failure, String word) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String money(String currency, long minor) {
        return String.format(Locale.ROOT, "%,d.%02d %s", minor / 100, Math.abs(minor % 100), currency);
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    private static Map<String, Object> fields(Object group) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (group instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                map.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        } else if (group instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(String.valueOf(k), v));
        }
        return map;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger no = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + no.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void closeQuietly(AutoCloseable resource, String what) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Closing {} failed", what, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the run's directory {}", dir, e);
        }
    }
}
