package pos.bench.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The benchmark runs small: every notification settles its payment, both sides measure, the table prints the ratios. */
@Isolated // timed: never beside the payments fault runs, which run two at a time (junit-platform.properties)
class HubBenchTest {

    @Test
    void aSmallRunSettlesEveryNotifiedPaymentAndPrintsBothRatios() throws Exception {
        HubBench.Result result = HubBench.measure(4, 300, 1);
        assertThat(result.notifiedAndPaid()).isEqualTo(300);
        assertThat(result.status().ours()).isPositive();
        assertThat(result.status().raw()).isPositive();
        assertThat(result.notifications().ours()).isPositive();
        assertThat(result.notifications().raw()).isPositive();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HubBench.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4, 300, 1, result, 1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("GET /payments/{tx}", "POST /notify/sandbox",
                "bare Javalin", "ratio", "found PAID in Redis after the rounds: 300");
    }
}
