package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.gateway.sandbox.GatewayClient.Reply;
import pos.gateway.sandbox.api.Notification;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundTest {

    @TempDir
    static Path dataDir;
    private SandboxGateway gateway;
    private NotifyReceiver receiver;
    private GatewayClient client;

    @BeforeAll
    void startGatewayAndReceiver() {
        receiver = new NotifyReceiver();
        gateway = SandboxGateway.builder().dataDir(dataDir).seed(13).build().start();
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    void stopGatewayAndReceiver() {
        gateway.stop();
        receiver.close();
    }

    private String paidSale(long total) throws Exception {
        String sale = TestIds.outTradeNo();
        assertThat(client.micropay(sale, TestIds.payNowCode(), total, receiver.url()).text("trade_state"))
                .isEqualTo("SUCCESS");
        return sale;
    }

    @Test
    @DisplayName("the same out_refund_no refunds once and a retry returns the same refund")
    void sameRefundNumberRefundsOnce() throws Exception {
        String sale = paidSale(1200);

        Reply first = client.refund(sale, "R-" + sale, 300, 1200);
        Reply retry = client.refund(sale, "R-" + sale, 300, 1200);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("SUCCESS");
        assertThat(first.text("refund_id")).matches("5030[0-9]{24}");
        assertThat(retry.json()).isEqualTo(first.json());
        Reply queried = client.query(sale);
        assertThat(queried.text("trade_state")).isEqualTo("REFUND");
        assertThat(queried.json().path("refunded_total").asLong()).isEqualTo(300);
        assertThat(gateway.ledger().order(sale).orElseThrow().refundedMinor()).isEqualTo(300);
    }

    @Test
    @DisplayName("issue 12 the refund_timeouts knob makes the next refund answer late once; the retry with the same number refunds once")
    void refundTimeoutKnobDelaysOneRefundThenCountsDown() throws Exception {
        String sale = paidSale(1200);
        long refundsBefore = gateway.ledger().summary().refundsCount();
        gateway.updateKnobs(k -> k.withRefundTimeouts(1).withTimeoutDelayMs(1_500));

        GatewayClient impatientTill = client.withTimeout(Duration.ofMillis(300));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> impatientTill.refund(sale, "T-" + sale, 400, 1200))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(gateway.knobs().refundTimeouts()).as("the knob counts down").isZero();

        Reply retry = impatientTill.refund(sale, "T-" + sale, 400, 1200);
        assertThat(retry.text("status")).isEqualTo("SUCCESS");
        assertThat(gateway.ledger().order(sale).orElseThrow().refundedMinor()).isEqualTo(400);
        assertThat(gateway.ledger().summary().refundsCount()).isEqualTo(refundsBefore + 1);
        gateway.setKnobs(pos.gateway.sandbox.api.Knobs.defaults());
    }

    @Test
    @DisplayName("partial refunds add up to the charge and not one minor unit beyond: REFUND_AMOUNT_INVALID")
    void refundsNeverExceedTheCharge() throws Exception {
        String sale = paidSale(1200);

        assertThat(client.refund(sale, "A-" + sale, 500, 1200).status()).isEqualTo(200);
        assertThat(client.refund(sale, "B-" + sale, 700, 1200).status()).isEqualTo(200);
        Reply beyond = client.refund(sale, "C-" + sale, 1, 1200);

        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.code()).isEqualTo("REFUND_AMOUNT_INVALID");
        assertThat(beyond.text("message")).contains("exceeds the 0 left");
        assertThat(client.query(sale).json().path("refunded_total").asLong()).isEqualTo(1200);
    }

    @Test
    @DisplayName("a refund above the paid amount is REFUND_AMOUNT_INVALID and changes nothing")
    void refundAboveThePaidAmountIsRefused() throws Exception {
        String sale = paidSale(800);
        long refundsBefore = gateway.ledger().summary().refundsMinor();

        Reply refused = client.refund(sale, "X-" + sale, 801, 800);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("REFUND_AMOUNT_INVALID");
        assertThat(client.query(sale).text("trade_state")).isEqualTo("SUCCESS");
        assertThat(gateway.ledger().summary().refundsMinor()).isEqualTo(refundsBefore);
    }

    @Test
    @DisplayName("a refund naming the wrong order total is REFUND_AMOUNT_INVALID")
    void refundWithWrongTotalIsRefused() throws Exception {
        String sale = paidSale(800);

        assertThat(client.refund(sale, "W-" + sale, 100, 900).code()).isEqualTo("REFUND_AMOUNT_INVALID");
    }

    @Test
    @DisplayName("a refund of an order that was never paid is ORDER_NOT_PAID")
    void refundOfUnpaidOrderIsRefused() throws Exception {
        String sale = TestIds.outTradeNo();
        client.nativeOrder(sale, 600, receiver.url());

        Reply refused = client.refund(sale, "U-" + sale, 100, 600);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("ORDER_NOT_PAID");
    }

    @Test
    @DisplayName("reusing an out_refund_no for another amount is OUT_REFUND_NO_USED")
    void refundNumberIsTiedToItsAmount() throws Exception {
        String sale = paidSale(1000);
        client.refund(sale, "Q-" + sale, 100, 1000);

        Reply reused = client.refund(sale, "Q-" + sale, 200, 1000);

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("OUT_REFUND_NO_USED");
        assertThat(client.query(sale).json().path("refunded_total").asLong()).isEqualTo(100);
    }

    @Test
    @DisplayName("a refund is notified as REFUND.SUCCESS and a refunded order still cannot be closed")
    void refundIsNotified() throws Exception {
        String sale = paidSale(1000);

        Reply refund = client.refund(sale, "N-" + sale, 250, 1000);

        var notification = receiver.awaitDeliveriesFor(sale, 2, Duration.ofSeconds(5)).stream()
                .map(NotifyReceiver.Delivery::json)
                .filter(json -> json.path("event_type").asText().equals(Notification.REFUND_SUCCESS))
                .findFirst().orElseThrow();
        assertThat(notification.path("trade_state").asText()).isEqualTo("REFUND");
        assertThat(notification.path("refund").path("out_refund_no").asText()).isEqualTo("N-" + sale);
        assertThat(notification.path("refund").path("refund_id").asText()).isEqualTo(refund.text("refund_id"));
        assertThat(notification.path("refund").path("refund").asLong()).isEqualTo(250);
        assertThat(notification.path("refund").path("refunded_total").asLong()).isEqualTo(250);
        assertThat(client.close(sale).code()).isEqualTo("ORDERPAID");
    }

    @Test
    @DisplayName("the ledger nets charges against refunds")
    void ledgerNetsChargesAgainstRefunds() throws Exception {
        var before = gateway.ledger().summary();
        String sale = paidSale(2000);
        client.refund(sale, "L-" + sale, 600, 2000);

        var after = gateway.ledger().summary();

        assertThat(after.chargesCount() - before.chargesCount()).isEqualTo(1);
        assertThat(after.chargesMinor() - before.chargesMinor()).isEqualTo(2000);
        assertThat(after.refundsCount() - before.refundsCount()).isEqualTo(1);
        assertThat(after.netMinor() - before.netMinor()).isEqualTo(1400);
        Reply overHttp = client.get("/sandbox/ledger?orders=true");
        assertThat(overHttp.json().path("net_minor").asLong()).isEqualTo(after.netMinor());
        assertThat(overHttp.json().path("by_order").size()).isGreaterThanOrEqualTo(1);
        assertThat(client.get("/sandbox/ledger").json().has("by_order")).isFalse();
    }
}
