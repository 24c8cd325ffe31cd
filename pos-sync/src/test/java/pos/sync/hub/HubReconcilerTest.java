package pos.sync.hub;

import pos.hub.StoreHub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.gateway.sandbox.api.TradeState;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("Store hub: the reconciler (R11)")
class HubReconcilerTest {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    Path sandboxDir;

    private HubHarness harness;
    private StoreHub hub;

    @BeforeEach
    void startHub() {
        // A short gateway timeout so that the sandbox's "timeout" knob makes the client give up quickly.
        harness = new HubHarness(redis, database, sandboxDir, Duration.ofMillis(700));
        hub = harness.startHub(b -> b.pendingThreshold(Duration.ofSeconds(1)).reconcileEvery(Duration.ofMillis(300))
                .orderExpiry(Duration.ofSeconds(4)).queryInterval(Duration.ofMillis(200)));
    }

    @AfterEach
    void stopHub() {
        harness.close();
    }

    @Test
    @DisplayName("R11 a pending payment older than T is queried and driven to a final state (its notification was dropped)")
    void droppedNotificationIsFoundByTheReconciler() {
        harness.knobs(k -> k.withDropNotifyRate(1).withDropNotifyPermanently(true));
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        QrOrder qr = harness.openQrOrder(order, hub);
        harness.customerPays(qr);

        await("the reconciler found the payment").atMost(Duration.ofSeconds(10)).until(() -> harness.status(order), equalTo("SUCCESS"));
        await("out of the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
        assertThat(harness.gateway.queries.get()).isPositive();
    }

    @Test
    @DisplayName("R11 an unpaid order past its expiry is closed at the gateway and leaves the pending queue as CLOSED")
    void unpaidOrderPastExpiryIsClosed() {
        PaymentOrder order = harness.newOrder(Duration.ofSeconds(3));
        harness.openQrOrder(order, hub);

        await("the order was closed").atMost(Duration.ofSeconds(10)).until(() -> harness.status(order), equalTo("CLOSED"));
        await("out of the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
        assertThat(harness.gateway.closes).hasValue(1);
        assertThat(harness.sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.tradeState()).isEqualTo(TradeState.CLOSED));
    }

    @Test
    @DisplayName("R11 a payment the customer made after the till gave up is found, never closed: the close says ORDERPAID")
    void paidBeforeTheCloseIsSuccess() {
        harness.knobs(k -> k.withDropNotifyRate(1).withDropNotifyPermanently(true));
        PaymentOrder order = harness.newOrder(Duration.ofSeconds(5));
        QrOrder qr = harness.openQrOrder(order, hub);
        harness.customerPays(qr);

        await("the payment was found").atMost(Duration.ofSeconds(10)).until(() -> harness.status(order), equalTo("SUCCESS"));
        await("out of the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
        assertThat(harness.sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("R11 gateway timeouts leave the payment pending; it is asked again next period and settled")
    void timeoutsAreRetriedNextPeriod() {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        harness.openQrOrder(order, hub);
        harness.knobs(k -> k.withTimeoutRate(1).withTimeoutDelayMs(1_500));

        await("two timed-out queries").atMost(Duration.ofSeconds(10)).until(() -> harness.gateway.queries.get() >= 2);
        assertThat(harness.isPending(order)).isTrue();
        assertThat(harness.status(order)).isEqualTo("NONE");

        harness.knobs(k -> k.withTimeoutRate(0));
        await("asked again and, unpaid past its expiry, closed").atMost(Duration.ofSeconds(10))
                .until(() -> harness.status(order), equalTo("CLOSED"));
        await("out of the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
    }

    @Test
    @DisplayName("R11 a pay-code payment the customer never confirms (USERPAYING) is reversed once past its expiry")
    void payCodeStuckInUserPayingIsReversed() {
        PaymentOrder order = new PaymentOrder(harness.newOrder(Duration.ZERO).transactionId(), "till-1", PaymentMethod.PAY_CODE,
                Money.ofMinor(990, "EUR"), "Store 12 · 1 item", Instant.now());
        harness.pending.add(order, null);
        assertThat(harness.gateway.payByCode(order, "134567890123459999").status()).isEqualTo(PaymentStatus.USERPAYING);

        await("reversed").atMost(Duration.ofSeconds(10)).until(() -> harness.status(order), equalTo("REVOKED"));
        await("out of the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
        assertThat(harness.gateway.reverses).hasValue(1);
        assertThat(harness.sandbox.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("R11 an order the gateway never received is recorded CLOSED (ORDER_NOT_EXIST) once past its expiry")
    void orderUnknownToTheGatewayIsClosed() {
        PaymentOrder order = harness.newOrder(Duration.ofSeconds(5));
        harness.pending.add(order, null); // the till crashed before asking the gateway

        await("recorded closed").atMost(Duration.ofSeconds(10)).until(() -> harness.status(order), equalTo("CLOSED"));
        PaymentResult result = harness.board.get(order.outTradeNo()).orElseThrow();
        assertThat(pos.core.pay.Refusal.parse(result.reasonCode()).flatMap(pos.core.pay.Refusal::provider))
                .contains("ORDER_NOT_EXIST");
        assertThat(result.status()).isEqualTo(PaymentStatus.CLOSED);
        await("out of the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
    }
}
