package pos.bench.vouchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import pos.bench.Comparison;

/** The benchmark runs small: every redemption succeeds, both sides measure, the table prints a ratio. */
class VoucherRedemptionBenchTest {

    @Test
    void aSmallRunMeasuresBothSidesAndPrintsTheRatio() throws Exception {
        Comparison c = VoucherRedemptionBench.measure(4, 400, 1);
        assertThat(c.ours()).isPositive();
        assertThat(c.raw()).isPositive();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VoucherRedemptionBench.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4, 400, 1, c, 1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("RedisVoucherRedemption.redeem", "raw EVALSHA", "ratio");
    }
}
