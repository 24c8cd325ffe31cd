package pos.bench.vouchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import pos.bench.Comparison;
import pos.bench.limits.LimitRow;
import pos.testkit.redis.RedisProcess;
import org.junit.jupiter.api.parallel.Isolated;

/** The benchmark runs small: every redemption succeeds, both sides measure, the table prints a ratio. */
@Isolated // timed: never beside the payments fault runs, which run two at a time (junit-platform.properties)
class VoucherRedemptionBenchTest {

    @Test
    void aSmallRunMeasuresBothSidesAndPrintsTheRatio() throws Exception {
        Comparison c = VoucherRedemptionBench.measure(4, 400, 1);
        assertThat(c.ours()).isPositive();
        assertThat(c.raw()).isPositive();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VoucherRedemptionBench.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4, 400, 1, c, 1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("RedisVoucherRedemption.redeem", "raw EVALSHA", "ratio",
                "goal (issue 15): ratio >= 0.8: ");
    }

    @Test
    void theLimitRowRunsOnTheGivenRedisWithAppendfsyncAlways() throws Exception {
        try (RedisProcess redis = RedisProcess.builder().appendOnly(false).build().start()) {
            LimitRow row = VoucherRedemptionBench.limitRow(redis, 4, 400, 1);
            assertThat(row.measure()).isEqualTo("voucher redemptions/s ÷ raw EVALSHA SET NX");
            assertThat(row.goal()).isEqualTo("≥ 0.8");
            assertThat(row.value()).isPositive();
            assertThat(row.met()).isEqualTo(row.value() >= 0.8);
            assertThat(row.detail()).matches("[0-9,]+/s vs [0-9,]+/s, 4 threads");
            assertThat(redis.call("CONFIG", "GET", "appendfsync")).isEqualTo(List.of("appendfsync", "always"));
            assertThat(redis.call("CONFIG", "GET", "appendonly")).isEqualTo(List.of("appendonly", "yes"));
        }
    }
}
