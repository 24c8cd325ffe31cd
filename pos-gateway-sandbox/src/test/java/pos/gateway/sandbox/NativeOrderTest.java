package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.gateway.sandbox.GatewayClient.Reply;
import pos.gateway.sandbox.api.Notification;
import pos.gateway.sandbox.api.NotificationSignature;
import pos.gateway.sandbox.api.SignatureVerdict;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeOrderTest {

    @TempDir
    static Path dataDir;
    private SandboxGateway gateway;
    private NotifyReceiver receiver;
    private GatewayClient client;

    @BeforeAll
    void startGatewayAndReceiver() {
        receiver = new NotifyReceiver();
        gateway = SandboxGateway.builder().dataDir(dataDir).seed(7).build().start();
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    void stopGatewayAndReceiver() {
        gateway.stop();
        receiver.close();
    }

    @Test
    @DisplayName("R21 a native order returns a code_url the customer can pay")
    void nativeOrderReturnsACodeUrlTheCustomerCanPay() throws Exception {
        String sale = TestIds.outTradeNo();

        Reply created = client.nativeOrder(sale, 1250, receiver.url());

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text("out_trade_no")).isEqualTo(sale);
        assertThat(created.text("code_url")).matches("sandbox://pay/[0-9a-f]{32}");
        assertThat(Instant.parse(created.text("expires_at")))
                .isBetween(Instant.now().plusSeconds(115), Instant.now().plusSeconds(121));
        assertThat(client.query(sale).text("trade_state")).isEqualTo("NOTPAY");

        Reply paid = client.customerPays(created.text("code_url"));

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("trade_state")).isEqualTo("SUCCESS");
        Reply queried = client.query(sale);
        assertThat(queried.text("trade_state")).isEqualTo("SUCCESS");
        assertThat(queried.text("transaction_id")).isEqualTo(paid.text("transaction_id")).matches("4200[0-9]{24}");
        assertThat(queried.text("success_time")).isEqualTo(paid.text("success_time"));
        assertThat(queried.json().path("amount").path("total").asLong()).isEqualTo(1250);
        assertThat(queried.json().path("refunded_total").asLong()).isZero();
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }

    @Test
    @DisplayName("R22 the payment's notification reaches the notify_url signed, and the signature verifies")
    void paymentNotificationArrivesSignedAndVerifies() throws Exception {
        String sale = TestIds.outTradeNo();
        Reply created = client.nativeOrder(sale, 990, receiver.url());
        Reply paid = client.customerPays(created.text("code_url"));

        NotifyReceiver.Delivery delivery = receiver.awaitDeliveriesFor(sale, 1, Duration.ofSeconds(5)).get(0);

        NotificationSignature hub = new NotificationSignature(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET);
        assertThat(delivery.verifyWith(hub)).isEqualTo(SignatureVerdict.VALID);
        assertThat(delivery.keyId()).isEqualTo(SandboxGateway.DEFAULT_KEY_ID);
        assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(5L));
        JsonNode body = delivery.json();
        assertThat(body.path("id").asText()).isNotBlank();
        assertThat(body.path("event_type").asText()).isEqualTo(Notification.TRANSACTION_SUCCESS);
        assertThat(body.path("out_trade_no").asText()).isEqualTo(sale);
        assertThat(body.path("trade_state").asText()).isEqualTo("SUCCESS");
        assertThat(body.path("amount").path("total").asLong()).isEqualTo(990);
        assertThat(body.path("amount").path("currency").asText()).isEqualTo("CNY");
        assertThat(body.path("transaction_id").asText()).isEqualTo(paid.text("transaction_id"));
        assertThat(body.path("success_time").asText()).isEqualTo(paid.text("success_time"));
    }

    @Test
    @DisplayName("creating the same order again returns the same code_url; another amount is OUT_TRADE_NO_USED")
    void createIsIdempotentPerOutTradeNoAndAmount() throws Exception {
        String sale = TestIds.outTradeNo();
        Reply first = client.nativeOrder(sale, 500, receiver.url());

        Reply retry = client.nativeOrder(sale, 500, receiver.url());
        Reply otherAmount = client.nativeOrder(sale, 501, receiver.url());

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("code_url")).isEqualTo(first.text("code_url"));
        assertThat(retry.text("expires_at")).isEqualTo(first.text("expires_at"));
        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.code()).isEqualTo("OUT_TRADE_NO_USED");
        assertThat(otherAmount.text("message")).contains(sale, "500");
    }

    @Test
    @DisplayName("R24 a closed order cannot be paid, closing twice is fine, and nothing is charged")
    void closedOrderCannotBePaid() throws Exception {
        String sale = TestIds.outTradeNo();
        Reply created = client.nativeOrder(sale, 700, receiver.url());

        assertThat(client.close(sale).status()).isEqualTo(204);
        assertThat(client.close(sale).status()).isEqualTo(204);
        Reply paid = client.customerPays(created.text("code_url"));

        assertThat(paid.status()).isEqualTo(400);
        assertThat(paid.code()).isEqualTo("ORDER_CLOSED");
        assertThat(client.query(sale).text("trade_state")).isEqualTo("CLOSED");
        assertThat(gateway.ledger().chargeCount(sale)).isZero();
    }

    @Test
    @DisplayName("R24 closing a paid order answers ORDERPAID, so the till treats the sale as paid")
    void closingAPaidOrderAnswersOrderPaid() throws Exception {
        String sale = TestIds.outTradeNo();
        client.customerPays(client.nativeOrder(sale, 1800, receiver.url()).text("code_url"));

        Reply closed = client.close(sale);

        assertThat(closed.status()).isEqualTo(400);
        assertThat(closed.code()).isEqualTo("ORDERPAID");
        assertThat(client.query(sale).text("trade_state")).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("scanning and paying the same code twice charges once")
    void payingTwiceChargesOnce() throws Exception {
        String sale = TestIds.outTradeNo();
        String codeUrl = client.nativeOrder(sale, 300, receiver.url()).text("code_url");

        Reply first = client.customerPays(codeUrl);
        Reply second = client.customerPays(codeUrl);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("transaction_id")).isEqualTo(first.text("transaction_id"));
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
    }

    @Test
    @DisplayName("an expired code cannot be paid and the order then queries as CLOSED")
    void expiredCodeCannotBePaid() throws Exception {
        String sale = TestIds.outTradeNo();
        Reply created = client.post("/v1/orders/native", Map.of("out_trade_no", sale, "description", "Muffin",
                "amount", Map.of("total", 450, "currency", "CNY"), "notify_url", receiver.url(),
                "time_expire_seconds", 1));
        Thread.sleep(1_100);

        Reply paid = client.customerPays(created.text("code_url"));

        assertThat(paid.code()).isEqualTo("ORDER_CLOSED");
        assertThat(client.query(sale).text("trade_state")).isEqualTo("CLOSED");
        assertThat(gateway.ledger().chargeCount(sale)).isZero();
    }

    @Test
    @DisplayName("an unknown order is ORDER_NOT_EXIST for query, close and reverse")
    void unknownOrderIsNotFound() throws Exception {
        String unknown = TestIds.outTradeNo();

        for (Reply reply : List.of(client.query(unknown), client.close(unknown), client.reverse(unknown))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("ORDER_NOT_EXIST");
        }
    }

    @Test
    @DisplayName("R22 a customer who pays with a delay gets 202 with pay_at, and the order is paid later")
    void delayedCustomerPaysLater() throws Exception {
        String sale = TestIds.outTradeNo();
        String codeUrl = client.nativeOrder(sale, 610, receiver.url()).text("code_url");

        Reply scheduled = client.post("/sandbox/pay", Map.of("code_url", codeUrl, "delay_ms", 500));

        assertThat(scheduled.status()).isEqualTo(202);
        assertThat(scheduled.text("trade_state")).isEqualTo("NOTPAY");
        assertThat(scheduled.text("pay_at")).isNotBlank();
        assertThat(client.query(sale).text("trade_state")).isEqualTo("NOTPAY");
        receiver.awaitDeliveriesFor(sale, 1, Duration.ofSeconds(5));
        assertThat(client.query(sale).text("trade_state")).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("R24 a customer paying after the till closed the order is refused and nothing is charged")
    void customerPayingAfterCloseIsRefused() throws Exception {
        String sale = TestIds.outTradeNo();
        String codeUrl = client.nativeOrder(sale, 820, receiver.url()).text("code_url");
        client.post("/sandbox/pay", Map.of("code_url", codeUrl, "delay_ms", 500));

        client.close(sale);
        Thread.sleep(800);

        assertThat(client.query(sale).text("trade_state")).isEqualTo("CLOSED");
        assertThat(gateway.ledger().chargeCount(sale)).isZero();
        assertThat(receiver.deliveriesFor(sale)).isEmpty();
    }
}
