package pos.sync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisAcl;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisCredentials;
import pos.contract.redis.RedisSettings;
import pos.contract.voucher.RedisVoucherRedemption;
import pos.contract.voucher.VoucherRedisKeys;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.core.sale.SaleRecord;
import pos.core.sale.TransactionId;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherKeys;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.hub.archive.ArchiverSettings;
import pos.hub.voucher.IssuedVoucher;
import pos.hub.voucher.MariaDbVoucherStore;
import pos.hub.voucher.VoucherIssuer;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;
import pos.testkit.redis.RedisSentinelSet;

/**
 * The store's Redis as a primary, a replica and three Sentinels, with the ACL users of
 * {@link RedisAcl}: the primary is killed with SIGKILL in the middle of a run of sales, QR
 * payments and voucher redemptions at several tills, and afterwards every sale is in MariaDB
 * once, every payment is final once, and every voucher was redeemed exactly once (issue 10,
 * Build 6).
 */
@WithMariaDb
@DisplayName("Redis Sentinel failover in the middle of a trading run (issue 10)")
class SentinelFailoverTest {

    private static final int SALES = 240;
    private static final int VOUCHERS = 60;
    private static final int TILLS = 3;
    private static final int PAYMENTS = 24;

    static MariaDbProcess mariadb;

    @TempDir
    Path dir;

    @Test
    @DisplayName("SEC-510 R6 R9 R10 R16 the primary killed mid-run: sales archived once each, payments final once each, each voucher redeemed exactly once")
    void nothingLostNothingTwiceAcrossAFailover() throws Exception {
        TestDatabase database = mariadb.createTestDatabase();
        try (RedisSentinelSet set = RedisSentinelSet.builder()
                        .aclUser(RedisAcl.HUB_USER, RedisAcl.hubRules())
                        .aclUser(RedisAcl.TILL_USER, RedisAcl.tillRules())
                        .build().start();
                SandboxGateway sandbox = SandboxGateway.builder().dataDir(dir.resolve("sandbox")).fastRetries(200).build().start()) {
            String uri = set.sentinelUri();
            RedisSettings hubLogin = login(set, RedisAcl.HUB_USER);
            RedisSettings tillLogin = login(set, RedisAcl.TILL_USER);
            SandboxPaymentGateway gateway = new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(2),
                    Duration.ofSeconds(3), Duration.ofMinutes(2), null);
            StoreHub hub = new StoreHub(HubSettings.builder()
                    .redis(uri)
                    .mariaDb(database.jdbcUrl(), database.user(), database.password())
                    .listen("127.0.0.1", 0)
                    .gateway(sandbox.baseUri())
                    .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                    .reconcileEvery(Duration.ofMillis(500))
                    .pendingThreshold(Duration.ofSeconds(3))
                    .monitorEvery(Duration.ofMillis(500))
                    .queryWait(Duration.ofSeconds(3))
                    .tillKeys(pos.sync.testing.TestTills.KEYS) // the tills' credentials: their signed sales are archived
                    .archiver(ArchiverSettings.defaults("failover-hub").withPeriod(Duration.ofMillis(200))
                            .withClaimMinIdle(Duration.ofSeconds(2)))
                    .build(), gateway, Clock.systemUTC(), hubLogin);
            hub.start();
            try {
                List<Voucher> vouchers = issueVouchers(uri, hubLogin, database);

                ExecutorService pool = Executors.newFixedThreadPool(TILLS + 2);
                AtomicInteger sold = new AtomicInteger();
                AtomicInteger redeemAttempts = new AtomicInteger();
                AtomicInteger paid = new AtomicInteger();
                Map<String, List<String>> successes = new ConcurrentHashMap<>();
                List<String> unavailable = new CopyOnWriteArrayList<>();
                List<Future<?>> work = new ArrayList<>();
                work.add(pool.submit(() -> sell(uri, tillLogin, sold)));
                for (int t = 0; t < TILLS; t++) {
                    int till = t;
                    work.add(pool.submit(() -> redeemAll(uri, tillLogin, vouchers, till, redeemAttempts, successes, unavailable)));
                }
                List<PaymentOrder> orders = new CopyOnWriteArrayList<>();
                work.add(pool.submit(() -> pay(uri, tillLogin, gateway, hub, sandbox.baseUri(), orders, paid)));

                await("the run is under way").atMost(Duration.ofSeconds(30))
                        .until(() -> sold.get() > SALES / 4 && redeemAttempts.get() > VOUCHERS / 2 && paid.get() > 2);
                RedisProcess old = set.killPrimary();
                RedisProcess promoted = set.awaitNewPrimary(old, Duration.ofSeconds(20));
                set.rejoin(old);
                assertThat(promoted.port()).isNotEqualTo(old.port());

                for (Future<?> future : work) {
                    future.get(120, TimeUnit.SECONDS);
                }
                pool.shutdown();

                // sales: every one archived into MariaDB, once
                await("every sale is in MariaDB").atMost(Duration.ofSeconds(60))
                        .until(() -> count(database, "SELECT COUNT(*) FROM sales"), equalTo((long) SALES));
                assertThat(count(database, "SELECT COUNT(DISTINCT transaction_id) FROM sales")).isEqualTo(SALES);

                // vouchers: exactly one success per voucher across every till (R6), and one MariaDB row each (R4)
                assertThat(successes).hasSize(VOUCHERS);
                successes.forEach((voucher, winners) -> assertThat(winners).as("successes of voucher " + voucher).hasSize(1));
                await("every redemption is in MariaDB").atMost(Duration.ofSeconds(60))
                        .until(() -> count(database, "SELECT COUNT(*) FROM voucher_redemptions"), equalTo((long) VOUCHERS));

                // payments: every one final and paid once at the gateway
                try (RedisConnections till = RedisConnections.create(uri, tillLogin);
                        RedisResultBoard board = new RedisResultBoard(till)) {
                    for (PaymentOrder order : orders) {
                        await("payment " + order.outTradeNo() + " is SUCCESS on the board").atMost(Duration.ofSeconds(60))
                                .until(() -> board.get(order.outTradeNo()).map(r -> r.status() == PaymentStatus.SUCCESS).orElse(false));
                        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.SUCCESS);
                    }
                }
                assertThat(orders).hasSize(PAYMENTS);
                System.out.printf("failover run: %d sales, %d vouchers (%d attempts, %d answered 'cannot be checked now' and were"
                        + " retried), %d payments%n", SALES, VOUCHERS, redeemAttempts.get(), unavailable.size(), PAYMENTS);
            } finally {
                hub.stop();
            }
        }
    }

    private static RedisSettings login(RedisSentinelSet set, String user) {
        return RedisSettings.none().withCredentials(RedisCredentials.of(user, set.password(user).toCharArray()));
    }

    private static List<Voucher> issueVouchers(String uri, RedisSettings hubLogin, TestDatabase database) {
        try (RedisConnections hub = RedisConnections.create(uri, hubLogin);
                MariaDbVoucherStore store = MariaDbVoucherStore.create(database.jdbcUrl(), database.user(), database.password(),
                        2, Clock.systemUTC())) {
            List<IssuedVoucher> issued = new VoucherIssuer(VoucherKeys.sandbox(), store, hub, VoucherRedisKeys.DEFAULT,
                    Clock.systemUTC()).issue(VOUCHERS, new VoucherBenefit.AmountOff(Money.ofMinor(300, "EUR")), "fo-",
                    Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Voucher.ANY_STORE);
            return issued.stream().map(IssuedVoucher::voucher).toList();
        }
    }

    /** One till selling {@link #SALES} sales over about 8 s; the journal keeps them, the outbox hands them on. */
    private Void sell(String uri, RedisSettings tillLogin, AtomicInteger sold) throws Exception {
        SyncSettings settings = SyncSettings.standalone("fo-till").withRedis(uri).withRedisSettings(tillLogin)
                .withSigner(pos.sync.testing.TestTills.signer("fo-till"));
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir.resolve("till"));
                SyncService sync = new SyncService(settings, journal)) {
            sync.start();
            for (SaleRecord sale : TestSales.sales(51, "fo-till", SALES)) {
                journal.append(sale);
                sold.incrementAndGet();
                Thread.sleep(30);
            }
            await("the till's outbox has handed every sale on").atMost(Duration.ofSeconds(60))
                    .until(() -> sync.current().backlog(), equalTo(0L));
        }
        return null;
    }

    /**
     * A till trying every voucher (in its own order) under its own transaction ids; an answer of
     * "cannot be checked now" (Redis away, or a redemption not yet on a replica) is tried again
     * with the same transaction id, as the till's screen does.
     */
    private static Void redeemAll(String uri, RedisSettings tillLogin, List<Voucher> vouchers, int till,
            AtomicInteger attempts, Map<String, List<String>> successes, List<String> unavailable) throws Exception {
        List<Voucher> order = new ArrayList<>(vouchers);
        Collections.shuffle(order, new Random(till));
        try (RedisConnections connections = RedisConnections.create(uri, tillLogin);
                RedisVoucherRedemption redemption = new RedisVoucherRedemption(connections, "store-1")) {
            int n = 0;
            for (Voucher voucher : order) {
                String tx = String.format("01JDF%02d%019d", till, n++);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (true) {
                    attempts.incrementAndGet();
                    RedemptionResult result = redemption.redeem(voucher, "fo-till-" + till, tx);
                    if (result.isSuccess()) {
                        successes.computeIfAbsent(voucher.voucherId(), id -> new CopyOnWriteArrayList<>()).add(tx);
                        break;
                    }
                    if (result.failure() != pos.core.voucher.RedemptionFailure.UNAVAILABLE) {
                        break; // already redeemed by another till: the refusal names it
                    }
                    unavailable.add(voucher.voucherId());
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("voucher " + voucher.voucherId() + " could not be checked for 60 s");
                    }
                    Thread.sleep(200);
                }
                Thread.sleep(40);
            }
        }
        return null;
    }

    /** QR payments: the pending entry first (R7), the order at the gateway, the customer pays, the hub is notified. */
    private static Void pay(String uri, RedisSettings tillLogin, SandboxPaymentGateway gateway, StoreHub hub, URI sandbox,
            List<PaymentOrder> orders, AtomicInteger paid) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());
        try (RedisConnections connections = RedisConnections.create(uri, tillLogin);
                RedisPendingPayments pending = new RedisPendingPayments(connections)) {
            for (int i = 0; i < PAYMENTS; i++) {
                PaymentOrder order = new PaymentOrder(ids.next(), "fo-till", PaymentMethod.QR_SHOWN,
                        Money.ofMinor(500 + i, "EUR"), "failover run", Instant.now());
                retry(() -> pending.add(order, null));
                QrOrder qr = gateway.createQrOrder(order, hub.baseUri().resolve("notify/sandbox").toString());
                retry(() -> pending.add(order, qr.codeUrl()));
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(sandbox.resolve("sandbox/pay"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code_url\":\"" + qr.codeUrl() + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                orders.add(order);
                paid.incrementAndGet();
                Thread.sleep(250);
            }
        }
        return null;
    }

    /** Runs a till's Redis write again until it goes through (as the till's payment desk does while Redis fails over). */
    private static void retry(Runnable write) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static long count(TestDatabase database, String sql) {
        try (Connection c = database.openConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1; // the schema may not exist yet
        }
    }
}
