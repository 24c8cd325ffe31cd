package pos.sync.voucher;

import pos.contract.voucher.RedisVoucherRedemption;
import pos.hub.voucher.IssuedVoucher;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.voucher.RedemptionFailure;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherCheck;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithMariaDb
@DisplayName("R5 R6 with Redis down the till refuses redemption: it cannot prove a voucher unused")
class VoucherRedisDownTest {

    TestDatabase database;

    @Test
    @DisplayName("R5 R6 Redis down: UNAVAILABLE with a clear message within the command timeout; redeemed once it is back")
    void r5_redisDownRefusesWithUnavailable() {
        try (RedisProcess redisProcess = RedisProcess.builder().appendFsync(RedisProcess.AppendFsync.ALWAYS).build().start();
                VoucherFixture fx = new VoucherFixture(redisProcess.uri(), database.jdbcUrl(), database.user(),
                        database.password());
                RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE)) {
            IssuedVoucher issued = fx.issue(1, VoucherFixture.STORE).get(0);
            // Offline verification needs nothing but the key: the clerk sees who the voucher is for (R1).
            redisProcess.stop();
            VoucherCheck check = fx.codec.verify(issued.code(), Instant.now(), VoucherFixture.STORE);
            assertThat(check.isValid()).isTrue();
            Voucher voucher = ((VoucherCheck.Valid) check).voucher();

            long started = System.nanoTime();
            RedemptionResult refused = till.redeem(voucher, "till-1", "01JDDOWN000000000000000001");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.failure()).isEqualTo(RedemptionFailure.UNAVAILABLE);
            assertThat(refused.messageKey()).isEqualTo("voucher.redeem.unavailable");
            assertThat(refused.detail()).contains("cannot prove voucher " + voucher.voucherId() + " unused",
                    "127.0.0.1:" + redisProcess.port(), "connection refused");
            assertThat(RedemptionFailure.UNAVAILABLE.sentence()).contains("cannot prove the voucher unused");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(till.lookup(voucher.voucherId()).orElseThrow().failure()).isEqualTo(RedemptionFailure.UNAVAILABLE);
            assertThat(fx.query(voucher.voucherId()).status()).as("the hub cannot answer either").isEqualTo(503);

            redisProcess.start();
            RedemptionResult redeemed = till.redeem(voucher, "till-1", "01JDDOWN000000000000000001");
            assertThat(redeemed.isSuccess()).as("the same sale, tried again: %s", redeemed.detail()).isTrue();
        }
    }
}
