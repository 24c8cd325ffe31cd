package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pos.gateway.sandbox.GatewayClient.Reply;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.Notification;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicropayTest {

    @TempDir
    static Path dataDir;
    private SandboxGateway gateway;
    private NotifyReceiver receiver;
    private GatewayClient client;

    @BeforeAll
    void startGatewayAndReceiver() {
        receiver = new NotifyReceiver();
        gateway = SandboxGateway.builder().dataDir(dataDir).seed(11)
                .knobs(Knobs.defaults().withConfirmDelayMs(200)).build().start();
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    void stopGatewayAndReceiver() {
        gateway.stop();
        receiver.close();
    }

    @Test
    @DisplayName("R16 a pay-code is charged at once and the result comes back with a transaction id")
    void payCodeIsChargedAtOnce() throws Exception {
        String sale = TestIds.outTradeNo();

        Reply paid = client.micropay(sale, TestIds.payNowCode(), 2300, receiver.url());

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("trade_state")).isEqualTo("SUCCESS");
        assertThat(paid.text("transaction_id")).matches("4200[0-9]{24}");
        assertThat(paid.text("success_time")).isNotBlank();
        assertThat(receiver.awaitDeliveriesFor(sale, 1, Duration.ofSeconds(5)).get(0).json()
                .path("event_type").asText()).isEqualTo(Notification.TRANSACTION_SUCCESS);
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }

    @Test
    @DisplayName("a pay-code ending 0000 waits in USERPAYING, then the customer confirms and it is SUCCESS with a notification")
    void payCodeEnding0000IsConfirmedLater() throws Exception {
        String sale = TestIds.outTradeNo();

        Reply waiting = client.micropay(sale, TestIds.payCode("0000"), 1500, receiver.url());

        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.text("trade_state")).isEqualTo("USERPAYING");
        assertThat(waiting.text("transaction_id")).isNull();
        assertThat(client.query(sale).text("trade_state")).isEqualTo("USERPAYING");
        assertThat(gateway.ledger().chargeCount(sale)).isZero();
        receiver.awaitDeliveriesFor(sale, 1, Duration.ofSeconds(5));
        assertThat(client.query(sale).text("trade_state")).isEqualTo("SUCCESS");
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }

    @Test
    @DisplayName("a pay-code ending 9999 stays USERPAYING until the till reverses it: REVOKED, nothing charged")
    void payCodeEnding9999IsReversed() throws Exception {
        String sale = TestIds.outTradeNo();
        assertThat(client.micropay(sale, TestIds.payCode("9999"), 880).text("trade_state")).isEqualTo("USERPAYING");
        Thread.sleep(300);
        assertThat(client.query(sale).text("trade_state")).isEqualTo("USERPAYING");

        Reply reversed = client.reverse(sale);
        Reply reversedAgain = client.reverse(sale);

        assertThat(reversed.status()).isEqualTo(200);
        assertThat(reversed.json().path("recall").asBoolean()).isFalse();
        assertThat(reversed.text("trade_state")).isEqualTo("REVOKED");
        assertThat(reversedAgain.json()).isEqualTo(reversed.json());
        assertThat(client.query(sale).text("trade_state")).isEqualTo("REVOKED");
        assertThat(client.post("/sandbox/confirm", Map.of("out_trade_no", sale)).code()).isEqualTo("ORDER_CLOSED");
        assertThat(gateway.ledger().chargeCount(sale)).isZero();
    }

    @Test
    @DisplayName("the customer can confirm a waiting pay-code through /sandbox/confirm")
    void customerConfirmsThroughTheSandbox() throws Exception {
        String sale = TestIds.outTradeNo();
        client.micropay(sale, TestIds.payCode("9999"), 640);

        Reply confirmed = client.post("/sandbox/confirm", Map.of("out_trade_no", sale));

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.text("trade_state")).isEqualTo("SUCCESS");
        assertThat(confirmed.text("transaction_id")).isNotBlank();
        assertThat(client.post("/sandbox/confirm", Map.of("out_trade_no", sale)).text("transaction_id"))
                .isEqualTo(confirmed.text("transaction_id"));
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }

    @Test
    @DisplayName("a pay-code ending 1111 is NOTENOUGH, nothing is charged, and another pay-code may still pay")
    void payCodeEnding1111IsNotEnough() throws Exception {
        String sale = TestIds.outTradeNo();
        String poorCode = TestIds.payCode("1111");

        Reply refused = client.micropay(sale, poorCode, 99_900);
        Reply retried = client.micropay(sale, poorCode, 99_900);

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("NOTENOUGH");
        assertThat(refused.text("message")).contains(sale, "nothing was charged");
        assertThat(retried.code()).isEqualTo("NOTENOUGH");
        assertThat(client.query(sale).text("trade_state")).isEqualTo("PAYERROR");
        assertThat(gateway.ledger().chargeCount(sale)).isZero();

        Reply otherCode = client.micropay(sale, TestIds.payNowCode(), 99_900);

        assertThat(otherCode.text("trade_state")).isEqualTo("SUCCESS");
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }

    @ParameterizedTest(name = "auth_code {0}")
    @ValueSource(strings = {"12345", "163456789012345678", "093456789012345678", "13345678901234567a",
        "1334567890123456789", "13 345678901234567", ""})
    @DisplayName("an auth_code that is not 18 digits starting 10-15 is AUTH_CODE_INVALID")
    void malformedAuthCodeIsRefused(String authCode) throws Exception {
        String sale = TestIds.outTradeNo();

        Reply refused = client.micropay(sale, authCode, 100);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("AUTH_CODE_INVALID");
        assertThat(client.query(sale).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a retried pay-code with the same out_trade_no and auth_code returns the same charge")
    void retriedPayCodeReturnsTheSameCharge() throws Exception {
        String sale = TestIds.outTradeNo();
        String code = TestIds.payNowCode();

        Reply first = client.micropay(sale, code, 1000);
        Reply retry = client.micropay(sale, code, 1000);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("transaction_id")).isEqualTo(first.text("transaction_id"));
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }

    @Test
    @DisplayName("20 concurrent identical pay-code requests charge once; the ledger shows one charge")
    void concurrentIdenticalRequestsChargeOnce() throws Exception {
        String sale = TestIds.outTradeNo();
        String code = TestIds.payNowCode();
        long chargesBefore = gateway.ledger().summary().chargesCount();
        ExecutorService tills = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Callable<Reply> request = () -> {
                    go.await();
                    return client.micropay(sale, code, 4200);
                };
                replies.add(tills.submit(request));
            }
            go.countDown();
            List<String> transactionIds = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                Reply answer = reply.get();
                assertThat(answer.status()).isEqualTo(200);
                transactionIds.add(answer.text("transaction_id"));
            }

            assertThat(transactionIds).hasSize(20).doesNotContainNull().containsOnly(transactionIds.get(0));
            assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
            assertThat(gateway.ledger().summary().chargesCount()).isEqualTo(chargesBefore + 1);
            assertThat(gateway.ledger().order(sale).orElseThrow().chargedMinor()).isEqualTo(4200);
        } finally {
            tills.shutdownNow();
        }
    }

    @Test
    @DisplayName("reversing a paid pay-code refunds it in full, marks it REVOKED and notifies the refund")
    void reversingAPaidOrderRefundsIt() throws Exception {
        String sale = TestIds.outTradeNo();
        client.micropay(sale, TestIds.payNowCode(), 3100, receiver.url());

        Reply reversed = client.reverse(sale);

        assertThat(reversed.text("trade_state")).isEqualTo("REVOKED");
        Reply queried = client.query(sale);
        assertThat(queried.text("trade_state")).isEqualTo("REVOKED");
        assertThat(queried.json().path("refunded_total").asLong()).isEqualTo(3100);
        var order = gateway.ledger().order(sale).orElseThrow();
        assertThat(order.chargedMinor()).isEqualTo(3100);
        assertThat(order.refundedMinor()).isEqualTo(3100);
        var refund = receiver.awaitDeliveriesFor(sale, 2, Duration.ofSeconds(5)).stream()
                .filter(d -> d.json().path("event_type").asText().equals(Notification.REFUND_SUCCESS))
                .findFirst().orElseThrow().json();
        assertThat(refund.path("trade_state").asText()).isEqualTo("REVOKED");
        assertThat(refund.path("refund").path("refund").asLong()).isEqualTo(3100);
        assertThat(client.reverse(sale).status()).isEqualTo(200);
        assertThat(gateway.ledger().order(sale).orElseThrow().refundedMinor()).isEqualTo(3100);
    }

    @Test
    @DisplayName("an out_trade_no is tied to its amount and kind: another amount or a native order reuse is OUT_TRADE_NO_USED")
    void outTradeNoIsTiedToAmountAndKind() throws Exception {
        String sale = TestIds.outTradeNo();
        client.micropay(sale, TestIds.payNowCode(), 500);

        assertThat(client.micropay(sale, TestIds.payNowCode(), 501).code()).isEqualTo("OUT_TRADE_NO_USED");
        assertThat(client.nativeOrder(sale, 500, receiver.url()).code()).isEqualTo("OUT_TRADE_NO_USED");
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }
}
