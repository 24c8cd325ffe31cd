package pos.sync.voucher;

import pos.contract.voucher.RedisVoucherRedemption;
import pos.contract.voucher.VoucherRedisKeys;
import pos.hub.voucher.IssuedVoucher;
import pos.contract.voucher.Redemption;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.voucher.RedemptionFailure;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherCheck;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.Await;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * DESIGN §5, issue 5's concurrency run: 20 tills, each with its own Redis connections, redeem the
 * same 1,000 vouchers at once while Redis is restarted once midway.
 *
 * <p>Why R6 holds across the restart: the redemption script's check-and-set is atomic, and this
 * Redis runs with {@code appendonly yes} and {@code appendfsync always} (what production needs
 * too, README), so every redemption Redis acknowledged is still there after the restart. A till
 * whose call fails while Redis is down gets UNAVAILABLE and tries again with the same transaction
 * id, which answers the stored success if its first call did run. Without persistence Redis
 * would forget redemptions; MariaDB's unique key would then refuse the second and report it
 * ({@code VoucherRedemptionTest.r6_mariaDbIsTheFinalGuard}), but the customer would have been
 * given the benefit twice: persistence is a requirement, not an option.
 */
@WithMariaDb
@DisplayName("R6 20 tills redeem the same 1,000 vouchers at once, Redis restarted midway: each redeemed exactly once")
class VoucherConcurrencyTest {

    private static final Logger log = LoggerFactory.getLogger(VoucherConcurrencyTest.class);
    private static final int TILLS = 20;
    private static final int VOUCHERS = 1_000;

    TestDatabase database;

    @Test
    @DisplayName("R6 exactly 1,000 successes in MariaDB, every other attempt a clear 'already redeemed', the hub's query agrees")
    void r6_twentyTillsThousandVouchersRedisRestartedMidway() throws Exception {
        try (RedisProcess redisProcess = RedisProcess.builder().appendFsync(RedisProcess.AppendFsync.ALWAYS).build().start();
                VoucherFixture fx = new VoucherFixture(redisProcess.uri(), database.jdbcUrl(), database.user(),
                        database.password())) {
            List<Voucher> vouchers = new ArrayList<>();
            for (IssuedVoucher issued : fx.issue(VOUCHERS, Voucher.ANY_STORE)) {
                VoucherCheck check = fx.codec.verify(issued.code(), java.time.Instant.now(), "store-1");
                vouchers.add(((VoucherCheck.Valid) check).voucher());
            }
            AtomicLong attempts = new AtomicLong();
            AtomicInteger unavailable = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Map<String, List<RedemptionResult>> finalResults = new ConcurrentHashMap<>();
            ExecutorService tills = Executors.newFixedThreadPool(TILLS + 1);
            List<Future<?>> running = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 1; t <= TILLS; t++) {
                String tillId = "till-" + t;
                String storeId = "store-" + (1 + t % 4);
                List<Voucher> order = new ArrayList<>(vouchers);
                Collections.shuffle(order, new Random(t));
                int tillNo = t;
                running.add(tills.submit(() -> {
                    try (RedisConnections own = RedisConnections.create(redisProcess.uri());
                            RedisVoucherRedemption till = new RedisVoucherRedemption(own, storeId)) {
                        start.await();
                        int sale = 0;
                        for (Voucher voucher : order) {
                            String tx = String.format("01JDT%02d%019d", tillNo, ++sale);
                            RedemptionResult result = till.redeem(voucher, tillId, tx);
                            attempts.incrementAndGet();
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                            while (result.failure() == RedemptionFailure.UNAVAILABLE) {
                                assertThat(result.detail()).contains("cannot prove voucher " + voucher.voucherId() + " unused");
                                unavailable.incrementAndGet();
                                if (System.nanoTime() > deadline) {
                                    throw new AssertionError("Redis stayed unavailable: " + result.detail());
                                }
                                Await.sleep(20);
                                result = till.redeem(voucher, tillId, tx); // the same sale tries again
                            }
                            finalResults.computeIfAbsent(voucher.voucherId(), id -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(result);
                        }
                    }
                    return null;
                }));
            }
            Future<?> restarter = tills.submit(() -> {
                start.await();
                while (attempts.get() < (long) TILLS * VOUCHERS / 2) {
                    Thread.onSpinWait();
                }
                log.info("Restarting Redis after {} attempts", attempts.get());
                redisProcess.restart();
                return null;
            });
            start.countDown();
            for (Future<?> till : running) {
                till.get(120, TimeUnit.SECONDS);
            }
            restarter.get(30, TimeUnit.SECONDS);
            tills.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("{} tills x {} vouchers: {} final answers in {} s, {} UNAVAILABLE answers during the restart (retried)",
                    TILLS, VOUCHERS, TILLS * VOUCHERS, String.format("%.1f", seconds), unavailable.get());

            // Every voucher: exactly one success, 19 clear "already redeemed" naming that success.
            Map<String, RedemptionResult> successes = new HashMap<>();
            int alreadyRedeemed = 0;
            assertThat(finalResults).hasSize(VOUCHERS);
            for (Map.Entry<String, List<RedemptionResult>> entry : finalResults.entrySet()) {
                List<RedemptionResult> results = entry.getValue();
                assertThat(results).hasSize(TILLS);
                List<RedemptionResult> won = results.stream().filter(RedemptionResult::isSuccess).toList();
                assertThat(won).as("successes of voucher %s", entry.getKey()).hasSize(1);
                RedemptionResult success = won.get(0);
                successes.put(entry.getKey(), success);
                for (RedemptionResult other : results) {
                    if (other != success) {
                        assertThat(other.failure()).isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
                        assertThat(other.orderNumber()).isEqualTo(success.orderNumber());
                        assertThat(other.tillId()).isEqualTo(success.tillId());
                        assertThat(other.at()).isEqualTo(success.at());
                        alreadyRedeemed++;
                    }
                }
            }
            assertThat(alreadyRedeemed).isEqualTo(VOUCHERS * (TILLS - 1));
            assertThat(unavailable.get()).as("the restart happened while the tills were redeeming").isPositive();

            await("1,000 successes in MariaDB").atMost(Duration.ofSeconds(30)).until(fx.store::redemptionCount, equalTo((long) VOUCHERS));
            Map<String, Redemption> archived = fx.store.redemptions(new ArrayList<>(successes.keySet()));
            assertThat(archived).hasSize(VOUCHERS);
            successes.values().parallelStream().forEach(success -> {
                Redemption row = archived.get(success.voucherId());
                assertThat(row.orderNumber()).isEqualTo(success.orderNumber());
                assertThat(row.tillId()).isEqualTo(success.tillId());
                VoucherFixture.Answer answer = fx.query(success.voucherId());
                assertThat(answer.body().path("status").asText()).isEqualTo("SUCCESS");
                assertThat(answer.body().path("orderNumber").asText()).isEqualTo(success.orderNumber());
                assertThat(answer.body().path("tillId").asText()).isEqualTo(success.tillId());
                // Each refused call counts; a retry after UNAVAILABLE whose first call did run counts twice.
                assertThat(answer.body().path("refusedAttempts").asLong()).isGreaterThanOrEqualTo(TILLS - 1);
            });
            assertThat(fx.redis.hlen(VoucherRedisKeys.DEFAULT.conflicts())).as("no conflict between Redis and MariaDB").isZero();
        }
    }
}
