package pos.contract.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pos.contract.redis.RedisConnections;
import pos.core.money.Money;
import pos.core.sale.TransactionId;
import pos.core.voucher.RedemptionFailure;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.testkit.redis.RedisProcess;

/**
 * The redemption script's common path (issue 15: a redemption made now answers 1, the result is
 * made of what the till sent) against a real Redis of its own ({@code appendfsync always}, as in
 * production), which it flushes and restarts: the script must come back by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("RedisVoucherRedemption against a real Redis")
class RedisVoucherRedemptionTest {

    private static final Instant EXPIRY = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final VoucherRedisKeys KEYS = VoucherRedisKeys.DEFAULT;

    private final TransactionId.Generator ids = new TransactionId.Generator(java.time.Clock.systemUTC());
    private RedisProcess redisProcess;
    private RedisConnections connections;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @BeforeAll
    void startRedis() {
        redisProcess = RedisProcess.builder().appendFsync(RedisProcess.AppendFsync.ALWAYS).build().start();
        connections = RedisConnections.create(redisProcess.uri());
        connection = connections.connect();
        redis = connection.sync();
    }

    @AfterAll
    void stopRedis() {
        connection.close();
        connections.close();
        redisProcess.close();
    }

    /** A voucher whose Redis state is what the hub's issuer writes (the SEED script, the same fields). */
    private Voucher issue(String storeId) {
        Voucher v = new Voucher(ids.next().value(), new VoucherBenefit.AmountOff(Money.ofMinor(500, "EUR")), "cust-0001",
                EXPIRY, storeId, "sandbox-voucher-1");
        long written = RedemptionScript.SEED.runInteger(redis, new String[] {KEYS.state(v.voucherId())},
                Long.toString(EXPIRY.plus(30, ChronoUnit.DAYS).toEpochMilli()), "state", "ISSUED", "fingerprint", v.fingerprint(),
                "store", v.storeId(), "expiresAt", Long.toString(EXPIRY.toEpochMilli()), "customer", v.customerRef(),
                "benefit", "500 EUR", "keyId", v.keyId());
        assertThat(written).isEqualTo(1);
        return v;
    }

    private List<StreamMessage<String, String>> streamEntriesOf(String voucherId) {
        return redis.xrange(KEYS.redeemedStream(), Range.create("-", "+")).stream()
                .filter(m -> voucherId.equals(m.getBody().get("voucherId"))).toList();
    }

    @Test
    @DisplayName("R2 R4 a redemption made now answers exactly what Redis stored: state, result hash and stream entry agree")
    void aRedemptionMadeNowAnswersWhatRedisStored() {
        Voucher voucher = issue(Voucher.ANY_STORE);
        try (RedisVoucherRedemption till = new RedisVoucherRedemption(connections, "store-1")) {
            RedemptionResult result = till.redeem(voucher, "till-1", "01JDTEST0000000000000000001");

            assertThat(result.isSuccess()).as(result.detail()).isTrue();
            assertThat(result.orderNumber()).startsWith("VR");
            assertThat(result.storeId()).isEqualTo("store-1");
            assertThat(result.tillId()).isEqualTo("till-1");
            assertThat(result.transactionId()).isEqualTo("01JDTEST0000000000000000001");
            assertThat(result.at().getNano() % 1_000_000).as("whole milliseconds, as stored").isZero();

            Map<String, String> state = redis.hgetall(KEYS.state(voucher.voucherId()));
            assertThat(state).containsEntry("state", "REDEEMED").containsEntry("orderNo", result.orderNumber())
                    .containsEntry("redeemStore", "store-1").containsEntry("redeemTill", "till-1")
                    .containsEntry("tx", result.transactionId())
                    .containsEntry("redeemedAt", Long.toString(result.at().toEpochMilli()));
            assertThat(RedisVoucherRedemption.fromHash(voucher.voucherId(), redis.hgetall(KEYS.result(voucher.voucherId()))))
                    .contains(result);
            assertThat(redis.pttl(KEYS.result(voucher.voucherId()))).isPositive();
            List<StreamMessage<String, String>> entries = streamEntriesOf(voucher.voucherId());
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).getBody()).containsEntry("orderNo", result.orderNumber()).containsEntry("store", "store-1")
                    .containsEntry("till", "till-1").containsEntry("tx", result.transactionId())
                    .containsEntry("redeemedAt", Long.toString(result.at().toEpochMilli()));

            // the same sale's retry reads the stored redemption and answers the same success; nothing is written twice
            assertThat(till.redeem(voucher, "till-1", "01JDTEST0000000000000000001")).isEqualTo(result);
            assertThat(streamEntriesOf(voucher.voucherId())).hasSize(1);
            // another sale is refused, naming the first redemption
            RedemptionResult second = till.redeem(voucher, "till-2", "01JDTEST0000000000000000002");
            assertThat(second.failure()).isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
            assertThat(second.orderNumber()).isEqualTo(result.orderNumber());
            assertThat(second.tillId()).isEqualTo("till-1");
            assertThat(second.at()).isEqualTo(result.at());
            assertThat(streamEntriesOf(voucher.voucherId())).hasSize(1);
        }
    }

    @Test
    @DisplayName("after SCRIPT FLUSH and after a Redis restart the script is sent again by itself and redeems as before")
    void theScriptComesBackAfterScriptFlushAndRestart() {
        try (RedisVoucherRedemption till = new RedisVoucherRedemption(connections, "store-1")) {
            assertThat(till.redeem(issue(Voucher.ANY_STORE), "till-1", "01JDTEST0000000000000000011").isSuccess()).isTrue();

            redis.scriptFlush();
            assertThat(redis.scriptExists(RedemptionScript.REDEEM.sha1())).containsExactly(false);
            RedemptionResult afterFlush = till.redeem(issue(Voucher.ANY_STORE), "till-1", "01JDTEST0000000000000000012");
            assertThat(afterFlush.isSuccess()).as(afterFlush.detail()).isTrue();
            assertThat(redis.scriptExists(RedemptionScript.REDEEM.sha1())).containsExactly(true);

            Voucher redeemedBefore = issue(Voucher.ANY_STORE);
            RedemptionResult first = till.redeem(redeemedBefore, "till-1", "01JDTEST0000000000000000013");
            Voucher unused = issue(Voucher.ANY_STORE);
            redisProcess.restart(); // a new server: no scripts, the data from the append-only file
            RedemptionResult afterRestart = till.redeem(unused, "till-1", "01JDTEST0000000000000000014");
            if (afterRestart.failure() == RedemptionFailure.UNAVAILABLE) {
                // the till's link may learn of the restart on this call; the same sale tries again
                afterRestart = till.redeem(unused, "till-1", "01JDTEST0000000000000000014");
            }
            assertThat(afterRestart.isSuccess()).as(afterRestart.detail()).isTrue();
            RedemptionResult again = till.redeem(redeemedBefore, "till-2", "01JDTEST0000000000000000015");
            assertThat(again.failure()).as("R6 the redemption before the restart still counts").isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
            assertThat(again.orderNumber()).isEqualTo(first.orderNumber());
        } finally {
            connection.close();
            connection = connections.connect();
            redis = connection.sync();
        }
    }

    @Test
    @DisplayName("R6 eight tills redeem the same 40 vouchers at once: each voucher one success, every other answer names it")
    void eightTillsAtOnceRedeemEachVoucherOnce() throws Exception {
        int tills = 8;
        List<Voucher> vouchers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            vouchers.add(issue(i % 2 == 0 ? Voucher.ANY_STORE : "store-1"));
        }
        Map<String, List<RedemptionResult>> answers = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tills);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 1; t <= tills; t++) {
                int tillNo = t;
                List<Voucher> order = new ArrayList<>(vouchers);
                Collections.shuffle(order, new Random(t));
                running.add(pool.submit(() -> {
                    try (RedisConnections own = RedisConnections.create(redisProcess.uri());
                            RedisVoucherRedemption till = new RedisVoucherRedemption(own, "store-1")) {
                        go.await();
                        int sale = 0;
                        for (Voucher v : order) {
                            RedemptionResult r = till.redeem(v, "till-" + tillNo, String.format("01JDC%02d%019d", tillNo, ++sale));
                            answers.computeIfAbsent(v.voucherId(), id -> Collections.synchronizedList(new ArrayList<>())).add(r);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).hasSize(vouchers.size());
        for (Voucher v : vouchers) {
            List<RedemptionResult> results = answers.get(v.voucherId());
            assertThat(results).hasSize(tills);
            List<RedemptionResult> won = results.stream().filter(RedemptionResult::isSuccess).toList();
            assertThat(won).as("successes of %s", v.voucherId()).hasSize(1);
            for (RedemptionResult other : results) {
                if (other != won.get(0)) {
                    assertThat(other.failure()).isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
                    assertThat(other.orderNumber()).isEqualTo(won.get(0).orderNumber());
                    assertThat(other.transactionId()).isEqualTo(won.get(0).transactionId());
                }
            }
            assertThat(streamEntriesOf(v.voucherId())).as("R4 one stream entry for %s", v.voucherId()).hasSize(1);
        }
    }
}
