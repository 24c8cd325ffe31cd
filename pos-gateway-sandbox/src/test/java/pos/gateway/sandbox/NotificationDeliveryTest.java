package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.gateway.sandbox.GatewayClient.Reply;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.SignatureVerdict;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.NotificationStatus;
import pos.gateway.sandbox.notify.RetrySchedule;

class NotificationDeliveryTest {

    /** The real schedule's shape, scaled down to milliseconds. */
    private static final RetrySchedule FAST = RetrySchedule.ofMillis(List.of(0L, 100L, 200L), 200, 60_000);

    @TempDir
    Path dataDir;
    private NotifyReceiver receiver;
    private SandboxGateway gateway;

    @BeforeEach
    void startReceiver() {
        receiver = new NotifyReceiver();
    }

    @AfterEach
    void stopEverything() {
        if (gateway != null) {
            gateway.stop();
        }
        receiver.close();
    }

    private SandboxGateway start(SandboxGateway.Builder builder) {
        gateway = builder.dataDir(dataDir).retrySchedule(FAST).seed(17).build().start();
        return gateway;
    }

    private String paidNativeSale(SandboxGateway on) throws Exception {
        GatewayClient client = new GatewayClient(on.baseUri());
        String sale = TestIds.outTradeNo();
        Reply paid = client.customerPays(client.nativeOrder(sale, 1234, receiver.url()).text("code_url"));
        assertThat(paid.text("trade_state")).isEqualTo("SUCCESS");
        return sale;
    }

    @Test
    @DisplayName("R22 a notification is retried until the receiver answers 2xx, with the same event id every time")
    void notificationIsRetriedUntilAnswered() throws Exception {
        start(SandboxGateway.builder());
        receiver.failNext(2);

        String sale = paidNativeSale(gateway);

        List<NotifyReceiver.Delivery> deliveries = receiver.awaitDeliveriesFor(sale, 3, Duration.ofSeconds(5));
        assertThat(deliveries).extracting(d -> d.json().path("id").asText()).containsOnly(deliveries.get(0).json().path("id").asText());
        assertThat(deliveries).extracting(NotifyReceiver.Delivery::nonce).doesNotHaveDuplicates();
        assertThat(deliveries).allSatisfy(d -> assertThat(d.verifyWith(gateway.signature())).isEqualTo(SignatureVerdict.VALID));
        Eventually.holds(Duration.ofSeconds(2), () -> gateway.ledger().notifications(sale).get(0).status()
                == NotificationStatus.DELIVERED, () -> gateway.ledger().notifications(sale).toString());
        NotificationRow stored = gateway.ledger().notifications(sale).get(0);
        assertThat(stored.attempts()).isEqualTo(3);
        assertThat(stored.lastError()).contains("HTTP 500");
    }

    @Test
    @DisplayName("R22 pending notifications survive a gateway restart on the same data dir and are delivered after it")
    void retriesResumeAfterRestart() throws Exception {
        start(SandboxGateway.builder());
        receiver.failAlways(503);
        String sale = paidNativeSale(gateway);
        receiver.awaitDeliveriesFor(sale, 2, Duration.ofSeconds(5));
        gateway.stop();
        int deliveredBeforeRestart = receiver.deliveriesFor(sale).size();
        receiver.answerOk();

        SandboxGateway restarted = start(SandboxGateway.builder());

        List<NotifyReceiver.Delivery> deliveries = receiver.awaitDeliveriesFor(sale, deliveredBeforeRestart + 1,
                Duration.ofSeconds(5));
        assertThat(deliveries.get(deliveries.size() - 1).json().path("id").asText())
                .isEqualTo(deliveries.get(0).json().path("id").asText());
        Eventually.holds(Duration.ofSeconds(2),
                () -> restarted.ledger().notificationCount(NotificationStatus.DELIVERED) == 1,
                () -> restarted.ledger().notifications(sale).toString());
        assertThat(restarted.ledger().chargeCount(sale)).isEqualTo(1);
        assertThat(new GatewayClient(restarted.baseUri()).query(sale).text("trade_state")).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("R22 the drop knob loses the first attempt silently; the retry schedule still delivers it")
    void droppedFirstAttemptIsDeliveredByARetry() throws Exception {
        start(SandboxGateway.builder().knobs(Knobs.defaults().withDropNotifyRate(1.0)));

        String sale = paidNativeSale(gateway);

        assertThat(receiver.awaitDeliveriesFor(sale, 1, Duration.ofSeconds(5))).hasSize(1);
        Eventually.holds(Duration.ofSeconds(2), () -> gateway.ledger().notifications(sale).get(0).status()
                == NotificationStatus.DELIVERED, () -> gateway.ledger().notifications(sale).toString());
        assertThat(gateway.ledger().notifications(sale).get(0).attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("R23 a permanently dropped notification never arrives, and only a query finds the payment")
    void permanentlyDroppedNotificationIsFoundOnlyByQuery() throws Exception {
        start(SandboxGateway.builder().knobs(Knobs.defaults().withDropNotifyRate(1.0).withDropNotifyPermanently(true)));

        String sale = paidNativeSale(gateway);
        Thread.sleep(500);

        assertThat(receiver.deliveriesFor(sale)).isEmpty();
        assertThat(gateway.ledger().notifications(sale)).extracting(NotificationRow::status)
                .containsExactly(NotificationStatus.DROPPED);
        assertThat(new GatewayClient(gateway.baseUri()).query(sale).text("trade_state")).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("R22 the duplicate knob delivers the same event twice, so receivers must be idempotent")
    void duplicateKnobDeliversTwice() throws Exception {
        start(SandboxGateway.builder().knobs(Knobs.defaults().withDuplicateNotifyRate(1.0)));

        String sale = paidNativeSale(gateway);

        List<NotifyReceiver.Delivery> deliveries = receiver.awaitDeliveriesFor(sale, 2, Duration.ofSeconds(5));
        assertThat(deliveries.get(1).json()).isEqualTo(deliveries.get(0).json());
        assertThat(deliveries.get(1).nonce()).isNotEqualTo(deliveries.get(0).nonce());
        assertThat(deliveries).allSatisfy(d -> assertThat(d.verifyWith(gateway.signature())).isEqualTo(SignatureVerdict.VALID));
    }

    @Test
    @DisplayName("a notification nobody answers is given up after the schedule's span and marked EXPIRED")
    void unansweredNotificationExpires() throws Exception {
        gateway = SandboxGateway.builder().dataDir(dataDir).seed(19)
                .retrySchedule(RetrySchedule.ofMillis(List.of(0L), 100, 600)).build().start();
        receiver.failAlways(500);

        String sale = paidNativeSale(gateway);

        Eventually.holds(Duration.ofSeconds(5), () -> gateway.ledger().notifications(sale).get(0).status()
                == NotificationStatus.EXPIRED, () -> gateway.ledger().notifications(sale).toString());
        assertThat(receiver.deliveriesFor(sale).size()).isBetween(2, 8);
    }

    @Test
    @DisplayName("an unreachable notify_url is retried like a failing one and never affects the payment")
    void unreachableReceiverDoesNotAffectThePayment() throws Exception {
        start(SandboxGateway.builder());
        GatewayClient client = new GatewayClient(gateway.baseUri());
        String sale = TestIds.outTradeNo();
        receiver.close();
        String deadUrl = receiver.url();

        Reply paid = client.customerPays(client.nativeOrder(sale, 555, deadUrl).text("code_url"));

        assertThat(paid.text("trade_state")).isEqualTo("SUCCESS");
        Eventually.holds(Duration.ofSeconds(3), () -> gateway.ledger().notifications(sale).get(0).attempts() >= 2,
                () -> gateway.ledger().notifications(sale).toString());
        assertThat(gateway.ledger().notifications(sale).get(0).lastError()).contains("cannot reach");
        receiver = new NotifyReceiver();
    }
}
