package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.pay.PaymentStatus;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.TradeState;
import pos.sync.journal.PaymentEventKind;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

/** Each test stops and restarts its own sandbox gateway (same port, same ledger) to lose a close or a reversal. */
@WithRedis
@DisplayName("TillPaymentDesk: after the till gave up (R24): late money, owed closes and reversals, restarts")
class GivingUpTest {

    RedisProcess sharedRedis;
    @TempDir
    Path ledgerDir;
    @TempDir
    Path dataDir;
    SandboxGateway sandbox;
    DeskFixture till;

    @BeforeEach
    void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(17).build().start();
    }

    @AfterEach
    void stopAll() {
        if (till != null) {
            till.close();
        }
        sandbox.close();
    }

    private DeskFixture till(TestInfo test, PaymentSettings settings) {
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "g" + test.getTestMethod().orElseThrow().getName(),
                settings);
        return till;
    }

    /** A QR payment given up at 30 s while the gateway was down, so the close did not reach it. */
    private PaymentSession givenUpWithCloseLost(PaymentOrder order) {
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        sandbox.stop();
        till.advance(Duration.ofSeconds(30));
        till.awaitState(session, State.TIMED_OUT);
        assertThat(session.reasonCode()).contains("NO_RESULT_IN_TIME_CLOSE_PENDING");
        sandbox.start();
        return session;
    }

    /** Waits for {@code condition}, moving the clock 2 s (one retry period) at a time, so a failed retry is retried. */
    private void awaitWhileTimePasses(String what, java.util.function.BooleanSupplier condition) {
        await(what).atMost(DeskFixture.TIMEOUT).until(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            till.advance(Duration.ofSeconds(2));
            return false;
        });
    }

    @Test
    @DisplayName("R24 late payment after the till gave up → refunded once and reported")
    void latePaymentIsRefundedOnceAndReported(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 3300);
        PaymentSession session = givenUpWithCloseLost(order);
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        // The owed close is tried again every 2 s (clock): "already paid" → late money → refund.
        awaitWhileTimePasses("the late payment is refunded", () -> till.late.stream()
                .anyMatch(l -> l.outcome() == LatePayment.Outcome.REFUNDED));
        assertThat(till.late).extracting(LatePayment::outcome)
                .containsExactly(LatePayment.Outcome.REFUNDING, LatePayment.Outcome.REFUNDED);
        assertThat(till.late.get(1).refundNo()).isEqualTo("R" + order.outTradeNo());
        for (int i = 0; i < 3; i++) {
            till.advance(Duration.ofSeconds(20));
            session.checkAgain();
        }
        assertThat(sandbox.ledger().summary(true).byOrder()).filteredOn(o -> o.outTradeNo().equals(order.outTradeNo()))
                .singleElement().satisfies(o -> {
                    assertThat(o.chargedMinor()).isEqualTo(3300);
                    assertThat(o.refundedMinor()).isEqualTo(3300);
                });
        assertThat(sandbox.ledger().summary(false).refundsCount()).isEqualTo(1);
        assertThat(session.state()).isEqualTo(State.TIMED_OUT);
        assertThat(session.reasonCode()).contains("LATE_PAYMENT_REFUNDED");
        assertThat(till.journaled(order.outTradeNo())).contains(PaymentEventKind.PAYMENT_LATE_SUCCESS,
                PaymentEventKind.PAYMENT_REFUNDED, PaymentEventKind.PAYMENT_SETTLED);
        await("the board says REFUNDED").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.boardStatus(order.outTradeNo()), equalTo(PaymentStatus.REFUNDED));
    }

    @Test
    @DisplayName("R22 late money reported by the hub through pub/sub, policy REPORT → reported at once, kept, not refunded")
    void latePaymentThroughPubSubIsReported(TestInfo test) {
        till(test, DeskFixture.settings().withLateWatch(Duration.ofMinutes(10), Duration.ofMinutes(5),
                LatePaymentPolicy.REPORT));
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 3400);
        PaymentSession session = givenUpWithCloseLost(order);
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        // The hub, on the gateway's notification (clock not moved, so nothing else looks):
        till.hubBoard.publish(new PaymentResult(order.outTradeNo(), PaymentStatus.SUCCESS, 3400, "EUR", PaymentMethod.QR_SHOWN,
                null, till.clock.instant()));
        await("the late payment is reported").atMost(DeskFixture.TIMEOUT).until(() -> !till.late.isEmpty());
        assertThat(till.late).singleElement().satisfies(l -> {
            assertThat(l.outcome()).isEqualTo(LatePayment.Outcome.REPORTED);
            assertThat(l.order()).isEqualTo(order);
        });
        assertThat(sandbox.ledger().summary(false).refundsCount()).isZero();
        assertThat(till.journal.paymentEvents(order.outTradeNo())).filteredOn(e -> e.kind() == PaymentEventKind.PAYMENT_LATE_SUCCESS)
                .singleElement().satisfies(e -> assertThat(e.note()).isEqualTo("REPORT"));
    }

    @Test
    @DisplayName("R24 check again after the till gave up finds the money → PAID (honoured, not refunded)")
    void checkAgainHonoursLateMoney(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 3500);
        PaymentSession session = givenUpWithCloseLost(order);
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        session.checkAgain();
        till.awaitState(session, State.PAID);
        assertThat(till.late).extracting(LatePayment::outcome).containsExactly(LatePayment.Outcome.HONOURED);
        till.advance(Duration.ofSeconds(30));
        assertThat(sandbox.ledger().summary(false).refundsCount()).isZero();
    }

    @Test
    @DisplayName("a reversal the gateway did not answer is retried until answered")
    void reversalIsRetriedUntilAnswered(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 3600);
        PaymentSession session = till.desk.startPayCode(order, PayCodePaymentTest.NEVER_CONFIRMS);
        till.awaitState(session, State.USER_PAYING);
        sandbox.stop();
        till.advance(Duration.ofSeconds(45));
        till.awaitState(session, State.CANCELLED);
        assertThat(session.reasonCode()).contains("NOT_CONFIRMED_IN_TIME_REVERSAL_PENDING");
        till.advance(Duration.ofSeconds(2));
        assertThat(till.journaled(order.outTradeNo())).doesNotContain(PaymentEventKind.PAYMENT_CLOSED);
        sandbox.start();
        awaitWhileTimePasses("the reversal is journaled", () -> till.journaled(order.outTradeNo())
                .contains(PaymentEventKind.PAYMENT_CLOSED));
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.tradeState()).isEqualTo(TradeState.REVOKED));
    }

    @Test
    @DisplayName("R11 a payment left unsettled by a till that stopped is closed at the gateway when the till starts again")
    void restartRecoveryClosesUnsettledPayments(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 3700);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        till.close(); // the till stops in the middle of the payment
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.tradeState()).isEqualTo(TradeState.NOTPAY));

        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "g" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings().withLateWatch(Duration.ofSeconds(10), Duration.ofSeconds(5), LatePaymentPolicy.REFUND));
        awaitWhileTimePasses("the order is closed at the gateway", () -> sandbox.ledger()
                .order(order.outTradeNo()).orElseThrow().tradeState() == TradeState.CLOSED);
        till.advance(Duration.ofSeconds(11));
        await("the payment is settled").atMost(DeskFixture.TIMEOUT).until(() -> till.journal.pendingPayments().isEmpty());
        List<PaymentEventKind> kinds = till.journaled(order.outTradeNo());
        assertThat(kinds).contains(PaymentEventKind.PAYMENT_RESULT, PaymentEventKind.PAYMENT_CLOSED,
                PaymentEventKind.PAYMENT_SETTLED);
        assertThat(till.late).isEmpty();
    }

    @Test
    @DisplayName("R24 money paid while the till was down is found at the next start and refunded once (policy REFUND)")
    void paidWhileTheTillWasDownIsRefundedAtStart(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 3800);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        till.close(); // the till stops; the customer pays meanwhile
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());

        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "g" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings());
        awaitWhileTimePasses("the late payment is refunded", () -> till.late.stream()
                .anyMatch(l -> l.outcome() == LatePayment.Outcome.REFUNDED));
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o -> {
            assertThat(o.chargedMinor()).isEqualTo(3800);
            assertThat(o.refundedMinor()).isEqualTo(3800);
        });
        assertThat(sandbox.ledger().summary(false).refundsCount()).isEqualTo(1);
        awaitWhileTimePasses("the payment is settled", () -> till.journal.pendingPayments().isEmpty());
    }

    @Test
    @DisplayName("a pay-code left in USERPAYING by a till that stopped is reversed when the till starts again")
    void restartRecoveryReversesPayCode(TestInfo test) {
        till(test, DeskFixture.settings());
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 3900);
        PaymentSession session = till.desk.startPayCode(order, PayCodePaymentTest.NEVER_CONFIRMS);
        till.awaitState(session, State.USER_PAYING);
        till.close();

        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "g" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings());
        awaitWhileTimePasses("the pay-code is reversed", () -> sandbox.ledger().order(order.outTradeNo()).orElseThrow()
                .tradeState() == TradeState.REVOKED);
        awaitWhileTimePasses("the payment is settled", () -> till.journal.pendingPayments().isEmpty());
        assertThat(till.late).isEmpty();
    }
}
