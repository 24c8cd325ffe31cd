package pos.sync.hub;

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
import pos.core.pay.PaymentStatus;
import pos.gateway.sandbox.api.TradeState;
import pos.hub.StoreHub;
import pos.sync.testing.Await;
import pos.sync.testing.DocumentedDelayGateway;
import pos.sync.testing.TestClock;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The hub closes what a till could not (a till that crashed before its close), but never sooner than the provider
 * allows: a gateway with WeChat Pay's timing (close 5 minutes after the order, reverse 15 s after the charge) in front
 * of the real sandbox, the hub on a clock the test moves. The hub knows only the payment's first attempt, and a till
 * sends its create or charge within a minute of it, so it counts the provider's delay from there.
 */
@WithRedis
@WithMariaDb
@DisplayName("Store hub: the reconciler honours the provider's earliest close and reversal (R11, R24)")
class HubProviderTimingTest {

    private static final Duration SENT_WITHIN = Duration.ofSeconds(60);

    RedisProcess redis;
    TestDatabase database;
    @TempDir
    Path sandboxDir;

    private HubHarness harness;
    private TestClock clock;
    private DocumentedDelayGateway gateway;
    private StoreHub hub;

    @BeforeEach
    void startHub() {
        harness = new HubHarness(redis, database, sandboxDir);
        clock = new TestClock(Instant.now());
        gateway = DocumentedDelayGateway.wechatTiming(harness.gateway, clock);
        // An order expiry of 4 s: without the provider's timing the hub would close or reverse within seconds.
        hub = harness.startHub(harness.settings("hub-timing").pendingThreshold(Duration.ofSeconds(1))
                .reconcileEvery(Duration.ofMillis(300)).orderExpiry(Duration.ofSeconds(4))
                .queryInterval(Duration.ofMillis(200)).build(), gateway, clock);
    }

    @AfterEach
    void stopHub() {
        harness.close();
    }

    /** Several reconciler rounds (300 ms each) at the clock's current time. */
    private static void letRoundsPass() {
        Await.sleep(1_200);
    }

    @Test
    @DisplayName("R11 R24 an unpaid order left by a till is not closed before the provider's 5 minutes (counted from the "
            + "latest the till could have created it), then closed")
    void unpaidOrderIsClosedNoSoonerThanTheProviderAllows() {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        Instant firstAttempt = order.createdAt();
        harness.openQrOrder(order, hub);
        Instant allowed = firstAttempt.plus(SENT_WITHIN).plus(Duration.ofMinutes(5));

        for (Duration at : new Duration[] {Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(5),
                Duration.ofMinutes(5).plus(SENT_WITHIN).minusSeconds(1)}) {
            clock.advance(Duration.between(clock.instant(), firstAttempt.plus(at)));
            letRoundsPass();
            assertThat(gateway.sent("close")).as("no close at %s after the first attempt", at).isEmpty();
            assertThat(harness.sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                    assertThat(o.tradeState()).isEqualTo(TradeState.NOTPAY));
            assertThat(harness.isPending(order)).isTrue();
        }

        clock.advance(Duration.between(clock.instant(), allowed));
        await("the order was closed").atMost(Duration.ofSeconds(10)).until(() -> harness.status(order), equalTo("CLOSED"));
        assertThat(gateway.sent("close")).isNotEmpty().allSatisfy(sent -> assertThat(sent.at()).isAfterOrEqualTo(allowed));
        assertThat(harness.sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.tradeState()).isEqualTo(TradeState.CLOSED));
        await("out of the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
    }

    @Test
    @DisplayName("R11 a pay-code left in USERPAYING is not reversed before the provider's 15 s after the latest charge")
    void payCodeIsReversedNoSoonerThanTheProviderAllows() {
        PaymentOrder order = new PaymentOrder(harness.newOrder(Duration.ZERO).transactionId(), "till-1", PaymentMethod.PAY_CODE,
                Money.ofMinor(990, "EUR"), "Store 12 · 1 item", clock.instant());
        harness.pending.add(order, null);
        assertThat(harness.gateway.payByCode(order, "134567890123459999").status()).isEqualTo(PaymentStatus.USERPAYING);
        Instant allowed = order.createdAt().plus(SENT_WITHIN).plusSeconds(15);

        clock.advance(Duration.ofSeconds(30));
        letRoundsPass();
        clock.advance(Duration.between(clock.instant(), allowed.minusSeconds(1)));
        letRoundsPass();
        assertThat(gateway.sent("reverse")).isEmpty();
        assertThat(harness.sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.tradeState()).isEqualTo(TradeState.USERPAYING));

        clock.advance(Duration.ofSeconds(1));
        await("reversed").atMost(Duration.ofSeconds(10)).until(() -> harness.status(order), equalTo("REVOKED"));
        assertThat(gateway.sent("reverse")).singleElement().satisfies(sent -> assertThat(sent.at()).isAfterOrEqualTo(allowed));
        assertThat(harness.sandbox.ledger().chargeCount(order.outTradeNo())).isZero();
    }
}
