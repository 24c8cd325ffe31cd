package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.core.money.Money;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.core.pay.RefundAnswer;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.TradeState;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.journal.PaymentEventKind;
import pos.sync.testing.Await;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("TillPaymentDesk: QR payments (R7, R21–R24) with the sandbox gateway, Redis and the journal")
class QrPaymentTest {

    @TempDir
    static Path ledgerDir;
    static SandboxGateway sandbox;

    RedisProcess sharedRedis;
    @TempDir
    Path dataDir;
    DeskFixture till;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(11).build().start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @AfterEach
    void closeTill() {
        if (till != null) {
            till.close();
        }
        sandbox.setKnobs(Knobs.defaults());
    }

    private DeskFixture till(TestInfo test, PaymentSettings settings) {
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "t" + test.getTestMethod().orElseThrow().getName(),
                settings, null);
        return till;
    }

    @Test
    @DisplayName("R7 a new payment is in the pending queue and journaled before the gateway is asked")
    void pendingBeforeGateway(TestInfo test) {
        AtomicReference<String> seenAtGateway = new AtomicReference<>();
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "t" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings(), real -> new ObservingGateway(real) {
                    @Override
                    public QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
                        seenAtGateway.set("pending=" + till.pending.contains(order.outTradeNo()) + " journal="
                                + till.journaled(order.outTradeNo()));
                        return super.createQrOrder(order, notifyUrl);
                    }
                });
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 1250);
        PaymentSession session = till.desk.startQr(order);
        assertThat(till.journaled(order.outTradeNo())).startsWith(PaymentEventKind.PAYMENT_PENDING);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        assertThat(seenAtGateway.get()).isEqualTo("pending=true journal=[PAYMENT_PENDING]");
        assertThat(session.qrOrder()).hasValueSatisfying(qr -> assertThat(qr.codeUrl()).isNotBlank());
        // The QR is shown first; the code_url follows into the order hash for the hub.
        await("the order hash has the code_url").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.pending.order(order.outTradeNo()).map(o -> String.valueOf(o.codeUrl())).orElse("none"), equalTo(session.qrOrder().orElseThrow().codeUrl()));
        assertThat(till.boardStatus(order.outTradeNo())).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    @DisplayName("R22 the result arrives through pub/sub at once, and through the 2 s poll when pub/sub is lost")
    void resultThroughPubSubAndThroughThePoll(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder hinted = till.order(PaymentMethod.QR_SHOWN, 800);
        PaymentSession first = till.desk.startQr(hinted);
        till.awaitState(first, State.WAITING_FOR_CUSTOMER);
        till.customer.pays(first.qrOrder().orElseThrow().codeUrl());
        long before = System.nanoTime();
        // The hub, on the gateway's notification: writes the result and publishes the hint (clock not moved).
        till.hubBoard.publish(new PaymentResult(hinted.outTradeNo(), PaymentStatus.SUCCESS, 800, "EUR", PaymentMethod.QR_SHOWN,
                null, till.clock.instant()));
        till.awaitState(first, State.PAID);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));

        PaymentOrder polled = till.order(PaymentMethod.QR_SHOWN, 900);
        PaymentSession second = till.desk.startQr(polled);
        till.awaitState(second, State.WAITING_FOR_CUSTOMER);
        till.writeResultWithoutPublishing(polled, PaymentStatus.SUCCESS);
        Await.sleep(300);
        assertThat(second.state()).as("no hint, and the poll is not due").isEqualTo(State.WAITING_FOR_CUSTOMER);
        till.advance(Duration.ofSeconds(2));
        till.awaitState(second, State.PAID);
        assertThat(till.journaled(polled.outTradeNo())).contains(PaymentEventKind.PAYMENT_RESULT);
    }

    @Test
    @DisplayName("R23 with no hub and no notification, the till queries the gateway itself once the order is 5 s old")
    void tillQueriesTheGatewayAfterFiveSeconds(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 1999);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        till.advance(Duration.ofSeconds(2));
        assertThat(session.state()).as("2 s: the poll finds nothing in Redis, no query yet")
                .isEqualTo(State.WAITING_FOR_CUSTOMER);
        till.advance(Duration.ofSeconds(3));
        till.awaitState(session, State.PAID);
        assertThat(till.boardStatus(order.outTradeNo())).as("R17: published for the customer's side")
                .isEqualTo(PaymentStatus.SUCCESS);
        await("R8: out of the pending queue").atMost(DeskFixture.TIMEOUT).until(() -> !till.pending.contains(order.outTradeNo()));
        assertThat(till.journaled(order.outTradeNo())).containsExactly(PaymentEventKind.PAYMENT_PENDING,
                PaymentEventKind.PAYMENT_ORDERED, PaymentEventKind.PAYMENT_RESULT, PaymentEventKind.PAYMENT_SETTLED);
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("R24 no final state after 30 s: the till closes the order and says so (clock driven, not waited out)")
    void givesUpAfterThirtySeconds(TestInfo test) {
        till(test, DeskFixture.settings());
        long before = System.nanoTime();
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 1500);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        assertThat(session.deadline()).isEqualTo(order.createdAt().plusSeconds(30));
        till.advance(Duration.ofSeconds(29));
        assertThat(session.state()).isEqualTo(State.WAITING_FOR_CUSTOMER);
        till.advance(Duration.ofSeconds(1));
        till.awaitState(session, State.TIMED_OUT);
        assertThat(session.reasonCode()).contains("NO_RESULT_IN_TIME");
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.tradeState()).isEqualTo(TradeState.CLOSED));
        await("the board says CLOSED").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.boardStatus(order.outTradeNo()), equalTo(PaymentStatus.CLOSED));
        await("R8: out of the pending queue").atMost(DeskFixture.TIMEOUT).until(() -> !till.pending.contains(order.outTradeNo()));
        assertThat(till.journaled(order.outTradeNo())).contains(PaymentEventKind.PAYMENT_RESULT);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("R24 already paid at close → paid")
    void alreadyPaidAtCloseIsPaid(TestInfo test) {
        // No R23 query before the deadline: only the close can find the money.
        till(test, DeskFixture.settings().withPolling(Duration.ofSeconds(60), Duration.ofSeconds(2)));
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 4200);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        till.advance(Duration.ofSeconds(30));
        till.awaitState(session, State.PAID);
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
        assertThat(till.journal.paymentEvents(order.outTradeNo())).filteredOn(e -> e.kind() == PaymentEventKind.PAYMENT_RESULT)
                .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(PaymentStatus.SUCCESS));
        assertThat(till.late).isEmpty();
    }

    @Test
    @DisplayName("the clerk's cancel closes the order at the gateway: CANCELLED, and the customer can no longer pay")
    void cancelClosesTheOrder(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 300);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        session.cancel();
        till.awaitState(session, State.CANCELLED);
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.tradeState()).isEqualTo(TradeState.CLOSED));
        assertThatThrownBy(() -> till.customer.pays(session.qrOrder().orElseThrow().codeUrl()))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    @DisplayName("R11 a create that times out is asked again with the same id: one order, and the QR appears")
    void createTimeoutIsRetriedWithTheSameId(TestInfo test) {
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "t" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings(), real -> DeskFixture.impatientGateway(sandbox));
        sandbox.setKnobs(Knobs.defaults().withTimeoutRate(1.0).withTimeoutDelayMs(1_000));
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 650);
        PaymentSession session = till.desk.startQr(order);
        await("the gateway has the order").atMost(DeskFixture.TIMEOUT).until(() -> sandbox.ledger().order(order.outTradeNo())
                .isPresent());
        Await.sleep(500); // the till's 300 ms request timeout
        assertThat(session.state()).isEqualTo(State.STARTING);
        sandbox.setKnobs(Knobs.defaults());
        till.advance(Duration.ofSeconds(2));
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        assertThat(sandbox.ledger().summary(true).byOrder()).filteredOn(o -> o.outTradeNo().equals(order.outTradeNo()))
                .hasSize(1);
    }

    @Test
    @DisplayName("a gateway that cannot be reached: UNREACHABLE with a reason, journaled, out of the pending queue")
    void unreachableGateway(TestInfo test) throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        SandboxPaymentGateway dead = new SandboxPaymentGateway(URI.create("http://127.0.0.1:" + deadPort));
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "t" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings(), real -> dead);
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 300);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.UNREACHABLE);
        assertThat(session.reasonCode()).contains("GATEWAY_UNREACHABLE");
        await("R8: out of the pending queue").atMost(DeskFixture.TIMEOUT).until(() -> !till.pending.contains(order.outTradeNo()));
        assertThat(till.journaled(order.outTradeNo())).containsExactly(PaymentEventKind.PAYMENT_PENDING,
                PaymentEventKind.PAYMENT_RESULT, PaymentEventKind.PAYMENT_SETTLED);
        await("the desk forgets it").atMost(DeskFixture.TIMEOUT).until(() -> till.desk.activeCount() == 0);
    }

    @Test
    @DisplayName("R23 a hub that cannot be reached: the till's poll falls back to Redis and, after 5 s, to its own gateway query")
    void unreachableHubFallsBackToTheTillsOwnQuery(TestInfo test) throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        till(test, DeskFixture.settings().withHub(URI.create("http://127.0.0.1:" + deadPort)));
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 1700);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        till.advance(Duration.ofSeconds(2));
        assertThat(session.state()).isEqualTo(State.WAITING_FOR_CUSTOMER);
        till.advance(Duration.ofSeconds(3));
        till.awaitState(session, State.PAID);
    }

    @Test
    @DisplayName("the transaction id is the idempotency key: the same id cannot start a second payment on the till")
    void sameTransactionIdStartsOnce(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 100);
        PaymentSession session = till.desk.startQr(order);
        assertThatThrownBy(() -> till.desk.startQr(order)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(order.outTradeNo());
        session.cancel();
        till.awaitState(session, State.CANCELLED);
        till.advance(Duration.ofMinutes(11)); // past the late watch: the desk forgets it; the journal does not
        await("the desk is done with it").atMost(DeskFixture.TIMEOUT).until(() -> till.desk.session(order.outTradeNo()).isEmpty());
        assertThatThrownBy(() -> till.desk.startQr(order)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("new transaction id");
    }

    @Test
    @DisplayName("R13 the basic pre-check refuses an amount over the maximum, naming the field, and startQr refuses it")
    void preCheckRefusesTooMuch(TestInfo test) {
        till(test, DeskFixture.settings().withMaxAmountMinor(10_000));
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 10_001);
        assertThat(till.desk.preCheck(order).failures()).singleElement().satisfies(f -> {
            assertThat(f.keyword()).isEqualTo("pay.max_amount");
            assertThat(f.field()).isEqualTo("amount");
        });
        assertThat(till.desk.preCheck(till.order(PaymentMethod.QR_SHOWN, 10_000)).passed()).isTrue();
        assertThatThrownBy(() -> till.desk.startQr(order)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pay.max_amount");
        assertThat(till.journal.paymentEvents(order.outTradeNo())).isEmpty();
    }

    /** Passes every call to the real gateway; tests override a method to look at the world at that moment. */
    static class ObservingGateway implements PaymentGateway {
        private final PaymentGateway real;

        ObservingGateway(PaymentGateway real) {
            this.real = real;
        }

        @Override
        public QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
            return real.createQrOrder(order, notifyUrl);
        }

        @Override
        public GatewayAnswer payByCode(PaymentOrder order, String authCode) {
            return real.payByCode(order, authCode);
        }

        @Override
        public GatewayAnswer payByCard(PaymentOrder order, pos.core.pay.CardCharge charge) {
            return real.payByCard(order, charge);
        }

        @Override
        public GatewayAnswer query(String outTradeNo) {
            return real.query(outTradeNo);
        }

        @Override
        public GatewayAnswer close(String outTradeNo) {
            return real.close(outTradeNo);
        }

        @Override
        public GatewayAnswer reverse(String outTradeNo) {
            return real.reverse(outTradeNo);
        }

        @Override
        public RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason) {
            return real.refund(outTradeNo, refundNo, refund, total, reason);
        }
    }
}
