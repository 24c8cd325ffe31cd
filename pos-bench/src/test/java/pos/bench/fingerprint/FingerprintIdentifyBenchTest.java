package pos.bench.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The benchmark runs both sides over a small gallery, and both find the probe. */
@Isolated // timed: never beside the payments fault runs, which run two at a time (junit-platform.properties)
class FingerprintIdentifyBenchTest {

    @Test
    @DisplayName("R18 the identify benchmark measures the worker and in-process libfprint over 10 prints")
    void bothSidesIdentifyTheProbe() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FingerprintIdentifyBench.Result result = FingerprintIdentifyBench.measure(new int[] {10}, 1,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(result.identify()).hasSize(1);
        assertThat(result.identify().get(0).prints()).isEqualTo(10);
        assertThat(result.identify().get(0).workerMillis()).isPositive();
        assertThat(result.identify().get(0).rawMillis()).isPositive();
        assertThat(result.verify().ratio()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("worker ms").contains("verify 1:1");
    }
}
