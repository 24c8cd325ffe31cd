package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.gateway.sandbox.GatewayClient.Reply;
import pos.gateway.sandbox.api.Knobs;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnobsTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path otherDataDir;
    private SandboxGateway gateway;
    private NotifyReceiver receiver;
    private GatewayClient client;

    @BeforeAll
    void startGatewayAndReceiver() {
        receiver = new NotifyReceiver();
        gateway = SandboxGateway.builder().dataDir(dataDir).seed(23).build().start();
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterEach
    void resetKnobs() {
        gateway.setKnobs(Knobs.defaults());
    }

    @AfterAll
    void stopGatewayAndReceiver() {
        gateway.stop();
        receiver.close();
    }

    @Test
    @DisplayName("R11 with the timeout knob the request is processed but the caller times out; a later query shows SUCCESS")
    void timedOutRequestIsProcessedAnyway() throws Exception {
        gateway.updateKnobs(k -> k.withTimeoutRate(1.0).withTimeoutDelayMs(1_500));
        String sale = TestIds.outTradeNo();
        String code = TestIds.payNowCode();
        GatewayClient impatientTill = client.withTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> impatientTill.micropay(sale, code, 2500)).isInstanceOf(HttpTimeoutException.class);

        gateway.setKnobs(Knobs.defaults());
        // the gateway received the whole request before the till gave up, so it completes it
        Eventually.holds(Duration.ofSeconds(5), () -> gateway.ledger().chargeCount(sale) == 1,
                () -> "the timed-out pay-code was never charged");
        Reply queried = client.query(sale);
        assertThat(queried.text("trade_state")).isEqualTo("SUCCESS");
        Reply retried = client.micropay(sale, code, 2500);
        assertThat(retried.text("transaction_id")).isEqualTo(queried.text("transaction_id"));
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }

    @Test
    @DisplayName("the latency knob delays every /v1 answer")
    void latencyKnobDelaysGatewayAnswers() throws Exception {
        String sale = TestIds.outTradeNo();
        client.micropay(sale, TestIds.payNowCode(), 100);
        gateway.updateKnobs(k -> k.withLatencyMs(250));

        long started = System.nanoTime();
        Reply queried = client.query(sale);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(queried.status()).isEqualTo(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(250);
    }

    @Test
    @DisplayName("the decline knob fails pay-codes with PAYERROR and refuses customer payments, charging nothing")
    void declineKnobDeclines() throws Exception {
        gateway.updateKnobs(k -> k.withDeclineRate(1.0));
        String payCodeSale = TestIds.outTradeNo();
        String nativeSale = TestIds.outTradeNo();
        String codeUrl = client.nativeOrder(nativeSale, 900, receiver.url()).text("code_url");

        Reply declined = client.micropay(payCodeSale, TestIds.payNowCode(), 900);
        Reply refused = client.customerPays(codeUrl);

        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.code()).isEqualTo("PAYERROR");
        assertThat(client.query(payCodeSale).text("trade_state")).isEqualTo("PAYERROR");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("PAYERROR");
        assertThat(client.query(nativeSale).text("trade_state")).isEqualTo("NOTPAY");
        assertThat(gateway.ledger().chargeCount(payCodeSale) + gateway.ledger().chargeCount(nativeSale)).isZero();

        gateway.setKnobs(Knobs.defaults());
        assertThat(client.customerPays(codeUrl).text("trade_state")).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("R24 the late-pay knob makes the customer pay later than asked")
    void latePayKnobDelaysThePayment() throws Exception {
        gateway.updateKnobs(k -> k.withLatePayRate(1.0).withLatePayDelayMs(600));
        String sale = TestIds.outTradeNo();
        String codeUrl = client.nativeOrder(sale, 1100, receiver.url()).text("code_url");

        Reply scheduled = client.customerPays(codeUrl);

        assertThat(scheduled.status()).isEqualTo(202);
        assertThat(client.query(sale).text("trade_state")).isEqualTo("NOTPAY");
        receiver.awaitDeliveriesFor(sale, 1, Duration.ofSeconds(5));
        assertThat(client.query(sale).text("trade_state")).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("the knobs are read and changed over HTTP; a PUT changes only the knobs it names")
    void knobsOverHttp() throws Exception {
        Reply defaults = client.get("/sandbox/knobs");
        assertThat(defaults.json().path("timeout_delay_ms").asLong()).isEqualTo(10_000);
        assertThat(defaults.json().path("confirm_delay_ms").asLong()).isEqualTo(3_000);

        Reply changed = client.put("/sandbox/knobs", Map.of("decline_rate", 0.25, "latency_ms", 5));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("decline_rate").asDouble()).isEqualTo(0.25);
        assertThat(changed.json().path("timeout_delay_ms").asLong()).isEqualTo(10_000);
        assertThat(gateway.knobs().declineRate()).isEqualTo(0.25);
        assertThat(gateway.knobs().latencyMs()).isEqualTo(5);
        assertThat(client.get("/sandbox/knobs").json()).isEqualTo(changed.json());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"decline_rate": 1.5}           | decline_rate must be between 0 and 1
            {"latency_ms": -1}              | latency_ms must be between 0 and 600000
            {"timeout_delay_ms": 900000}    | timeout_delay_ms must be between 0 and 600000
            {"decline_rate": "often"}       | decline_rate must be a number
            {"drop_notify_permanently": 1}  | drop_notify_permanently must be true or false
            {"shiny": true}                 | unknown knob(s) [shiny]
            [0.5]                           | the knobs must be a JSON object
            """)
    @DisplayName("a bad knob is refused with a sentence naming it, and the knobs stay as they were")
    void badKnobIsRefused(String body, String expectedMessage) throws Exception {
        Reply refused = client.put("/sandbox/knobs", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
        assertThat(refused.text("message")).contains(expectedMessage);
        assertThat(gateway.knobs()).isEqualTo(Knobs.defaults());
    }

    @Test
    @DisplayName("two gateways with the same seed decline the same requests")
    void sameSeedGivesSameDeclines() throws Exception {
        try (SandboxGateway first = SandboxGateway.builder().dataDir(otherDataDir.resolve("first")).seed(99).build().start();
             SandboxGateway twin = SandboxGateway.builder().dataDir(otherDataDir.resolve("twin")).seed(99).build().start()) {

            List<Integer> firstStatuses = declinePattern(first);
            List<Integer> twinStatuses = declinePattern(twin);

            assertThat(firstStatuses).isEqualTo(twinStatuses).contains(200, 402);
        }
    }

    private static List<Integer> declinePattern(SandboxGateway on) throws Exception {
        on.setKnobs(Knobs.defaults().withDeclineRate(0.5));
        GatewayClient till = new GatewayClient(on.baseUri());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            statuses.add(till.micropay(TestIds.outTradeNo(), TestIds.payNowCode(), 100).status());
        }
        on.setKnobs(Knobs.defaults());
        return statuses;
    }
}
