package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.ledger.UnableToOpenLedgerException;
import pos.gateway.sandbox.server.UnableToBindPortException;

class SandboxGatewayTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("a gateway starts in one line on a free loopback port and answers")
    void startsInOneLine() throws Exception {
        try (SandboxGateway gateway = SandboxGateway.startInProcess(dataDir)) {
            assertThat(gateway.isRunning()).isTrue();
            assertThat(gateway.port()).isPositive();
            assertThat(gateway.baseUri().toString()).isEqualTo("http://127.0.0.1:" + gateway.port() + "/");
            assertThat(new GatewayClient(gateway.baseUri()).get("/sandbox/health").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a restarted gateway keeps its port, its orders and its charges")
    void restartKeepsPortAndLedger() throws Exception {
        try (SandboxGateway gateway = SandboxGateway.builder().dataDir(dataDir).build().start()) {
            GatewayClient client = new GatewayClient(gateway.baseUri());
            String sale = TestIds.outTradeNo();
            String transactionId = client.micropay(sale, TestIds.payNowCode(), 760).text("transaction_id");
            int port = gateway.port();

            gateway.stop();
            assertThat(gateway.isRunning()).isFalse();
            gateway.start();

            assertThat(gateway.port()).isEqualTo(port);
            assertThat(client.query(sale).text("transaction_id")).isEqualTo(transactionId);
            assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("R24 a waiting pay-code confirmation resumes after a restart")
    void confirmationResumesAfterRestart() throws Exception {
        try (SandboxGateway gateway = SandboxGateway.builder().dataDir(dataDir)
                .knobs(Knobs.defaults().withConfirmDelayMs(800)).build().start()) {
            GatewayClient client = new GatewayClient(gateway.baseUri());
            String sale = TestIds.outTradeNo();
            client.micropay(sale, TestIds.payCode("0000"), 990);

            gateway.stop();
            assertThat(gateway.isRunning()).isFalse();
            gateway.start();

            Eventually.holds(java.time.Duration.ofSeconds(5), () -> gateway.ledger().chargeCount(sale) == 1,
                    () -> "the 0000 pay-code was not confirmed after the restart");
        }
    }

    @Test
    @DisplayName("a second gateway on the same data dir is refused with a sentence naming the directory")
    void secondGatewayOnSameDataDirIsRefused() {
        try (SandboxGateway first = SandboxGateway.startInProcess(dataDir)) {
            assertThatThrownBy(() -> SandboxGateway.startInProcess(dataDir))
                    .isInstanceOf(UnableToOpenLedgerException.class)
                    .hasMessageContaining("in use by another sandbox gateway");
            assertThat(first.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("a busy port is refused with a sentence naming the port, and the data dir is released")
    void busyPortIsRefused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SandboxGateway gateway = SandboxGateway.builder().dataDir(dataDir).port(taken.getLocalPort()).build();

            assertThatThrownBy(gateway::start)
                    .isInstanceOf(UnableToBindPortException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("in use");
            assertThat(gateway.isRunning()).isFalse();
        }
        SandboxGateway.startInProcess(dataDir).close();
    }

    @Test
    @DisplayName("knobs changed in process are what the HTTP API reports")
    void knobsInProcessMatchHttp() throws Exception {
        try (SandboxGateway gateway = SandboxGateway.startInProcess(dataDir)) {
            gateway.updateKnobs(k -> k.withDuplicateNotifyRate(0.5).withLatePayDelayMs(1234));

            var knobs = new GatewayClient(gateway.baseUri()).get("/sandbox/knobs").json();

            assertThat(knobs.path("duplicate_notify_rate").asDouble()).isEqualTo(0.5);
            assertThat(knobs.path("late_pay_delay_ms").asLong()).isEqualTo(1234);
        }
    }
}
