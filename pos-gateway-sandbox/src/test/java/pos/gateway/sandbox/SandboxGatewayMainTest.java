package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SandboxGatewayMainTest {

    @TempDir
    Path dataDir;

    private record Run(int status, String out, String err) {
    }

    private static Run runInProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new CommandLine(new SandboxGatewayMain())
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    @DisplayName("the gateway process prints where it listens, serves requests and stops on SIGTERM")
    void processPrintsItsAddressAndServes() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SandboxGatewayMain.class.getName(), "--port", "0", "--data-dir", dataDir.toString(),
                "--secret", "s3cret", "--key-id", "k1", "--latency-ms", "0", "--seed", "5")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();

            assertThat(line).matches("sandbox gateway listening on http://127\\.0\\.0\\.1:[0-9]+");
            Matcher port = Pattern.compile(":([0-9]+)$").matcher(line);
            assertThat(port.find()).isTrue();
            GatewayClient client = new GatewayClient(URI.create("http://127.0.0.1:" + port.group(1) + "/"));
            String sale = TestIds.outTradeNo();
            assertThat(client.micropay(sale, TestIds.payNowCode(), 100).text("trade_state")).isEqualTo("SUCCESS");

            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        try (SandboxGateway reopened = SandboxGateway.startInProcess(dataDir)) {
            assertThat(reopened.ledger().summary().chargesCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a busy port ends the command with status 1 and one plain sentence")
    void busyPortIsOneSentence() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = runInProcess("--port", Integer.toString(taken.getLocalPort()), "--data-dir", dataDir.toString());

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).startsWith("sandbox gateway: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    @DisplayName("an unusable data dir ends the command with status 1 and one plain sentence")
    void unusableDataDirIsOneSentence() throws Exception {
        Path file = Files.writeString(dataDir.resolve("a-file"), "x");

        Run run = runInProcess("--port", "0", "--data-dir", file.resolve("ledger").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("sandbox gateway: cannot create the sandbox data directory")
                .contains("Not a directory").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a knob out of range or a missing data dir is a usage error, status 2")
    void badOptionsAreUsageErrors() {
        Run badKnob = runInProcess("--data-dir", dataDir.toString(), "--decline-rate", "1.5");
        Run noDataDir = runInProcess("--port", "0");

        assertThat(badKnob.status()).isEqualTo(2);
        assertThat(badKnob.err()).contains("decline_rate must be between 0 and 1");
        assertThat(noDataDir.status()).isEqualTo(2);
        assertThat(noDataDir.err()).contains("--data-dir");
    }

    @Test
    @DisplayName("--help lists every knob")
    void helpListsEveryKnob() {
        Run help = runInProcess("--help");

        assertThat(help.status()).isZero();
        for (String option : List.of("--port", "--bind", "--data-dir", "--secret", "--key-id", "--seed", "--latency-ms",
                "--decline-rate", "--timeout-rate", "--timeout-delay-ms", "--drop-notify-rate",
                "--drop-notify-permanently", "--duplicate-notify-rate", "--late-pay-rate", "--late-pay-delay-ms",
                "--confirm-delay-ms", "--notify-retry-ms")) {
            assertThat(help.out()).contains(option);
        }
    }
}
