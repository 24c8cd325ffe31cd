package pos.sync.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static pos.sync.testing.Await.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.contract.voucher.RedisVoucherRedemption;
import pos.contract.voucher.VoucherRedisKeys;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.VoucherCheck;
import pos.hub.voucher.IssuedVoucher;
import pos.hub.voucher.VoucherReconciler;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 10: voucher redemptions are written by the redemption script, not signed by a till, so the
 * hub's reconciliation is their check: a REDEEMED state set by hand, and a redeemed voucher put back
 * to ISSUED (so it could be redeemed twice), are reported. Real hub, Redis and MariaDB.
 */
@WithRedis
@WithMariaDb
@DisplayName("SEC-440 the hub's reconciliation compares redeemed vouchers in Redis with voucher_redemptions (R4, R6)")
class VoucherReconciliationSecTest {

    RedisProcess redisProcess;
    TestDatabase database;
    private VoucherFixture fx;

    @BeforeEach
    void setUp() {
        fx = new VoucherFixture(redisProcess.uri(), database.jdbcUrl(), database.user(), database.password());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    @DisplayName("SEC-441 a forged REDEEMED state and a redemption put back to ISSUED are reported by voucher, a genuine one is not")
    void forgedVoucherStatesAreReported() {
        List<IssuedVoucher> issued = fx.issue(3, VoucherFixture.STORE);
        String genuine = issued.get(0).voucher().voucherId();
        String putBack = issued.get(1).voucher().voucherId();
        String forged = issued.get(2).voucher().voucherId();
        try (RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE)) {
            for (IssuedVoucher v : issued.subList(0, 2)) {
                VoucherCheck check = fx.codec.verify(v.code(), Instant.now(), VoucherFixture.STORE);
                RedemptionResult result = till.redeem(((VoucherCheck.Valid) check).voucher(), "till-1",
                        String.format("01JDSEC441%016d", v.voucher().voucherId().hashCode() & 0xffff));
                assertThat(result.isSuccess()).isTrue();
            }
        }
        await("both redemptions are archived").atMost(Duration.ofSeconds(20))
                .until(() -> fx.store.redemptions(List.of(genuine, putBack)).size() == 2);
        VoucherRedisKeys keys = VoucherRedisKeys.DEFAULT;
        String putBackOrder = fx.store.redemption(putBack).orElseThrow().orderNumber();
        fx.redis.hset(keys.state(putBack), "state", "ISSUED"); // the attack: redeem it again
        fx.redis.hset(keys.state(forged), java.util.Map.of("state", "REDEEMED", "orderNo", "VRFORGED")); // a voucher lost

        try (VoucherReconciler reconciler = new VoucherReconciler(fx.connections, fx.store, keys)) {
            VoucherReconciler.Outcome outcome = reconciler.runOnce();
            assertThat(outcome.differences()).filteredOn(d -> d.voucherId().equals(forged)).singleElement()
                    .satisfies(d -> assertThat(d.message()).isEqualTo("SEC: voucher " + forged + " is REDEEMED in Redis (order"
                            + " VRFORGED) but voucher_redemptions has no redemption of it and none is on its way"));
            assertThat(outcome.differences()).filteredOn(d -> d.voucherId().equals(putBack)).singleElement()
                    .satisfies(d -> assertThat(d.message()).isEqualTo("SEC: voucher " + putBack + " is ISSUED in Redis but"
                            + " voucher_redemptions holds its redemption (order " + putBackOrder + "): it could be redeemed"
                            + " a second time"));
            assertThat(outcome.differences()).noneMatch(d -> d.voucherId().equals(genuine));
        }
    }
}
