package pos.sync.voucher;

import pos.contract.voucher.RedisVoucherRedemption;
import pos.contract.voucher.VoucherRedisKeys;
import pos.hub.voucher.IssuedVoucher;
import pos.contract.voucher.Redemption;
import static org.assertj.core.api.Assertions.assertThat;
import static pos.sync.testing.Await.await;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.voucher.RedemptionFailure;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherCheck;
import pos.core.voucher.VoucherKeys;
import pos.sync.testing.Await;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("Vouchers: redeemed once in Redis, queried at the hub, archived in MariaDB (R1-R6)")
class VoucherRedemptionTest {

    RedisProcess redisProcess;
    TestDatabase database;

    private VoucherFixture fx;
    private int nextTx;

    @BeforeEach
    void setUp() {
        fx = new VoucherFixture(redisProcess.uri(), database.jdbcUrl(), database.user(), database.password());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private String tx() {
        return String.format("01JDTX%020d", ++nextTx);
    }

    private Voucher scan(IssuedVoucher issued, String storeId) {
        VoucherCheck check = fx.codec.verify(issued.code(), Instant.now(), storeId);
        assertThat(check).as("the scan of %s", issued.code()).isInstanceOf(VoucherCheck.Valid.class);
        return ((VoucherCheck.Valid) check).voucher();
    }

    @Test
    @DisplayName("R1 the scanned QR payload names the voucher, its customer and its benefit")
    void r1_scanNamesVoucherAndCustomer() {
        IssuedVoucher issued = fx.issue(1, VoucherFixture.STORE).get(0);
        Voucher scanned = scan(issued, VoucherFixture.STORE);
        assertThat(scanned).isEqualTo(issued.voucher());
        assertThat(scanned.customerRef()).isEqualTo("cust-0001");
        assertThat(scanned.benefit()).isEqualTo(VoucherFixture.TEN_EUR);
    }

    @Test
    @DisplayName("R2 the till's redemption stores the result in Redis with a TTL and publishes it")
    void r2_redemptionStoresResultInRedis() throws InterruptedException {
        IssuedVoucher issued = fx.issue(1, VoucherFixture.STORE).get(0);
        String id = issued.voucher().voucherId();
        LinkedBlockingQueue<String> published = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> sub = fx.connections.connectPubSub();
                RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE)) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    published.add(message);
                }
            });
            sub.sync().subscribe(VoucherRedisKeys.DEFAULT.resultsChannel());
            String tx = tx();
            RedemptionResult result = till.redeem(scan(issued, VoucherFixture.STORE), "till-1", tx);

            assertThat(result.isSuccess()).isTrue();
            assertThat(result.orderNumber()).startsWith("VR").hasSize(28);
            Map<String, String> stored = fx.redis.hgetall(VoucherRedisKeys.DEFAULT.result(id));
            assertThat(stored).containsEntry("status", "SUCCESS").containsEntry("orderNo", result.orderNumber())
                    .containsEntry("till", "till-1").containsEntry("tx", tx).containsEntry("store", VoucherFixture.STORE);
            assertThat(fx.redis.pttl(VoucherRedisKeys.DEFAULT.result(id))).isBetween(1L, Duration.ofHours(24).toMillis());
            assertThat(fx.redis.hget(VoucherRedisKeys.DEFAULT.state(id), "state")).isEqualTo("REDEEMED");
            assertThat(published.poll(5, TimeUnit.SECONDS)).isEqualTo(id);
            assertThat(till.lookup(id)).contains(result);
        }
    }

    @Test
    @DisplayName("R3 the hub's HTTP query answers the customer: not redeemed, then the success; 404 unknown, 400 not an id")
    void r3_hubQueryReturnsTheResult() {
        IssuedVoucher issued = fx.issue(1, Voucher.ANY_STORE).get(0);
        String id = issued.voucher().voucherId();
        assertThat(fx.query(id).body().path("status").asText()).isEqualTo("NOT_REDEEMED");

        RedemptionResult result;
        try (RedisVoucherRedemption till = fx.redemption("store-7")) {
            result = till.redeem(scan(issued, "store-7"), "till-3", tx());
        }
        VoucherFixture.Answer answer = fx.query(id);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.body().path("orderNumber").asText()).isEqualTo(result.orderNumber());
        assertThat(answer.body().path("storeId").asText()).isEqualTo("store-7");
        assertThat(answer.body().path("tillId").asText()).isEqualTo("till-3");
        assertThat(answer.body().path("at").asText()).isEqualTo(result.at().toString());

        assertThat(fx.query("01JDNEVERISSUED0000000000X").status()).isEqualTo(404);
        assertThat(fx.query("'; DROP TABLE vouchers; --").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("R3 R4 a success older than Redis remembers is answered from MariaDB")
    void r3_r4_oldSuccessAnsweredFromMariaDb() {
        IssuedVoucher issued = fx.issue(1, VoucherFixture.STORE).get(0);
        String id = issued.voucher().voucherId();
        RedemptionResult result;
        try (RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE)) {
            result = till.redeem(scan(issued, VoucherFixture.STORE), "till-1", tx());
        }
        await("the success is archived").atMost(Duration.ofSeconds(10)).until(() -> fx.store.redemption(id).isPresent());
        fx.redis.del(VoucherRedisKeys.DEFAULT.result(id), VoucherRedisKeys.DEFAULT.state(id)); // both expired
        VoucherFixture.Answer answer = fx.query(id);
        assertThat(answer.body().path("status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.body().path("orderNumber").asText()).isEqualTo(result.orderNumber());
        assertThat(answer.body().path("source").asText()).isEqualTo("mariadb");
    }

    @Test
    @DisplayName("R4 a success is in MariaDB with its order number; failures are not")
    void r4_successArchivedFailuresNot() {
        List<IssuedVoucher> issued = fx.issue(2, VoucherFixture.STORE);
        Voucher first = scan(issued.get(0), VoucherFixture.STORE);
        long before = fx.store.redemptionCount();
        RedemptionResult success;
        try (RedisVoucherRedemption till1 = fx.redemption(VoucherFixture.STORE);
                RedisVoucherRedemption otherStore = fx.redemption("store-2")) {
            success = till1.redeem(first, "till-1", tx());
            assertThat(till1.redeem(first, "till-2", tx()).failure()).isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
            assertThat(otherStore.redeem(issued.get(1).voucher(), "till-9", tx()).failure())
                    .isEqualTo(RedemptionFailure.WRONG_STORE);
        }
        await("the success is archived").atMost(Duration.ofSeconds(10)).until(() -> fx.store.redemption(first.voucherId()).isPresent());
        Redemption archived = fx.store.redemption(first.voucherId()).orElseThrow();
        assertThat(archived).isEqualTo(new Redemption(success.orderNumber(), first.voucherId(), VoucherFixture.STORE, "till-1",
                success.transactionId(), success.at()));
        Await.sleep(500); // the archiver runs every 100 ms: give a wrongly archived failure time to show up
        assertThat(fx.store.redemptionCount()).isEqualTo(before + 1);
        assertThat(fx.store.redemption(issued.get(1).voucher().voucherId())).isEmpty();
    }

    @Test
    @DisplayName("R5 every failure reason is distinct and clear; already redeemed names where and when")
    void r5_failureReasonsAreDistinctAndClear() {
        List<IssuedVoucher> issued = fx.issue(3, VoucherFixture.STORE);
        Voucher used = scan(issued.get(0), VoucherFixture.STORE);
        Voucher otherStore = issued.get(1).voucher();
        Voucher genuine = issued.get(2).voucher();
        Voucher forged = new Voucher(genuine.voucherId(), genuine.benefit(), "someone-else", genuine.expiresAt(),
                genuine.storeId(), genuine.keyId()); // same id, other fields, correctly signed (a leaked key)
        Voucher neverIssued = new Voucher("01JDNOTISSUED000000000000X", genuine.benefit(), "x", genuine.expiresAt(),
                Voucher.ANY_STORE, VoucherKeys.SANDBOX_KEY_ID);
        Clock afterExpiry = Clock.fixed(VoucherFixture.EXPIRY.plusSeconds(1), ZoneOffset.UTC);

        RedemptionResult first;
        RedemptionResult again;
        RedemptionResult expired;
        RedemptionResult wrongStore;
        RedemptionResult forgedResult;
        RedemptionResult unknown;
        try (RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE);
                RedisVoucherRedemption elsewhere = fx.redemption("store-2");
                RedisVoucherRedemption late = new RedisVoucherRedemption(fx.connections, VoucherFixture.STORE,
                        VoucherRedisKeys.DEFAULT, Duration.ofHours(24), afterExpiry)) {
            first = till.redeem(used, "till-1", tx());
            again = till.redeem(used, "till-2", tx());
            expired = late.redeem(genuine, "till-1", tx());
            wrongStore = elsewhere.redeem(otherStore, "till-5", tx());
            forgedResult = till.redeem(forged, "till-1", tx());
            unknown = till.redeem(neverIssued, "till-1", tx());
        }
        assertThat(again.failure()).isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
        assertThat(again.storeId()).isEqualTo(VoucherFixture.STORE);
        assertThat(again.tillId()).isEqualTo("till-1");
        assertThat(again.at()).isEqualTo(first.at());
        assertThat(again.orderNumber()).isEqualTo(first.orderNumber());
        assertThat(again.detail()).contains("already redeemed", "store-1", "till-1", first.at().toString());
        assertThat(expired.failure()).isEqualTo(RedemptionFailure.EXPIRED);
        assertThat(wrongStore.failure()).isEqualTo(RedemptionFailure.WRONG_STORE);
        assertThat(forgedResult.failure()).isEqualTo(RedemptionFailure.FORGED);
        assertThat(unknown.failure()).isEqualTo(RedemptionFailure.UNKNOWN);
        List<RedemptionResult> failures = List.of(again, expired, wrongStore, forgedResult, unknown);
        assertThat(failures.stream().map(RedemptionResult::messageKey).collect(Collectors.toSet())).hasSize(5);
        assertThat(failures).allSatisfy(f -> assertThat(f.detail()).contains(f.voucherId()));
        Set<String> sentences = Stream.of(RedemptionFailure.values()).map(RedemptionFailure::sentence).collect(Collectors.toSet());
        assertThat(sentences).hasSize(RedemptionFailure.values().length);
        // The customer's query still shows the success after the refused attempt, and counts it.
        VoucherFixture.Answer answer = fx.query(used.voucherId());
        assertThat(answer.body().path("status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.body().path("refusedAttempts").asLong()).isEqualTo(1);
        // A failure with no success before is what the customer sees.
        assertThat(fx.query(genuine.voucherId()).body().path("reason").asText()).isIn("EXPIRED", "FORGED");
    }

    @Test
    @DisplayName("R6 a retry with the same transaction answers the same success; a re-scan after a timeout finds it")
    void r6_retryAndRescanNeverRedeemTwice() {
        IssuedVoucher issued = fx.issue(1, VoucherFixture.STORE).get(0);
        Voucher voucher = scan(issued, VoucherFixture.STORE);
        try (RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE)) {
            String tx = tx();
            RedemptionResult first = till.redeem(voucher, "till-1", tx);
            RedemptionResult retry = till.redeem(voucher, "till-1", tx);
            assertThat(retry).isEqualTo(first);
            assertThat(till.lookup(voucher.voucherId())).isEqualTo(Optional.of(first));
            assertThat(till.lookup("01JDNOTHINGSTOREDHERE00000")).isEmpty();
        }
        await("archived").atMost(Duration.ofSeconds(10)).until(() -> fx.store.redemption(voucher.voucherId()).isPresent());
        // The archiver acknowledges and deletes the entry just after its MariaDB commit: wait for that step too.
        await("acknowledged and deleted").atMost(Duration.ofSeconds(10))
                .until(() -> fx.redis.xlen(VoucherRedisKeys.DEFAULT.redeemedStream()) == 0);
    }

    @Test
    @DisplayName("R6 if Redis lost a redemption and redeems again, MariaDB's unique key wins and the conflict is reported")
    void r6_mariaDbIsTheFinalGuard() {
        IssuedVoucher issued = fx.issue(1, VoucherFixture.STORE).get(0);
        Voucher voucher = scan(issued, VoucherFixture.STORE);
        String id = voucher.voucherId();
        try (RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE)) {
            RedemptionResult first = till.redeem(voucher, "till-1", tx());
            await("archived").atMost(Duration.ofSeconds(10)).until(() -> fx.store.redemption(id).isPresent());

            // Redis loses its data (no persistence) and the voucher is made redeemable again from the issue list.
            fx.redis.del(VoucherRedisKeys.DEFAULT.state(id), VoucherRedisKeys.DEFAULT.result(id));
            fx.issuer.copyToRedis(List.of(issued));
            RedemptionResult second = till.redeem(voucher, "till-2", tx());
            assertThat(second.isSuccess()).as("Redis alone cannot know").isTrue();

            await("the conflict is reported").atMost(Duration.ofSeconds(10))
                    .until(() -> fx.redis.hexists(VoucherRedisKeys.DEFAULT.conflicts(), id));
            assertThat(fx.redis.hget(VoucherRedisKeys.DEFAULT.conflicts(), id))
                    .contains("refused " + second.orderNumber(), "kept " + first.orderNumber());
            assertThat(fx.store.redemption(id).orElseThrow().orderNumber()).isEqualTo(first.orderNumber());
            assertThat(fx.query(id).body().path("orderNumber").asText()).isEqualTo(first.orderNumber());
            RedemptionResult third = till.redeem(voucher, "till-3", tx());
            assertThat(third.failure()).isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
            assertThat(third.orderNumber()).as("Redis was set back to MariaDB's redemption").isEqualTo(first.orderNumber());
        }
    }

    @Test
    @DisplayName("R6 a Redis that lost its data gets MariaDB's vouchers and redemptions back: redeemed stays redeemed")
    void r6_resyncFromMariaDbKeepsRedeemedVouchersRedeemed() {
        List<IssuedVoucher> issued = fx.issue(2, VoucherFixture.STORE);
        Voucher used = scan(issued.get(0), VoucherFixture.STORE);
        Voucher unused = scan(issued.get(1), VoucherFixture.STORE);
        try (RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE)) {
            RedemptionResult first = till.redeem(used, "till-1", tx());
            await("archived").atMost(Duration.ofSeconds(10)).until(() -> fx.store.redemption(used.voucherId()).isPresent());
            for (Voucher v : List.of(used, unused)) {
                fx.redis.del(VoucherRedisKeys.DEFAULT.state(v.voucherId()), VoucherRedisKeys.DEFAULT.result(v.voucherId()));
            }
            assertThat(till.redeem(unused, "till-1", tx()).failure()).as("unknown to Redis, so refused")
                    .isEqualTo(RedemptionFailure.UNKNOWN);

            assertThat(fx.issuer.resync()).isGreaterThanOrEqualTo(2);
            RedemptionResult again = till.redeem(used, "till-2", tx());
            assertThat(again.failure()).isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
            assertThat(again.orderNumber()).isEqualTo(first.orderNumber());
            assertThat(till.redeem(unused, "till-2", tx()).isSuccess()).isTrue();
        }
    }
}
