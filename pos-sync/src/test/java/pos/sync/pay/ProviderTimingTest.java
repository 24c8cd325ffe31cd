package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.TradeState;
import pos.sync.journal.PaymentEventKind;
import pos.sync.testing.DocumentedDelayGateway;
import pos.sync.testing.TestClock;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

/**
 * The provider's documented timing (WeChat Pay: no close within 5 minutes of the order, no reverse within 15 s of the
 * charge) against the real sandbox: the till tells the clerk at once and keeps the close or reversal owed until then.
 * The test moves the till's clock; the sandbox's ledger shows what reached the gateway and when.
 */
@WithRedis
@DisplayName("TillPaymentDesk: the provider's earliest close and reversal (R23, R24)")
class ProviderTimingTest {

    private static final Duration CLOSE_DELAY = Duration.ofMinutes(5);
    private static final Duration REVERSE_DELAY = Duration.ofSeconds(15);

    RedisProcess sharedRedis;
    @TempDir
    Path ledgerDir;
    @TempDir
    Path dataDir;
    SandboxGateway sandbox;
    DeskFixture till;
    DocumentedDelayGateway gateway;

    @BeforeEach
    void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(23).build().start();
    }

    @AfterEach
    void stopAll() {
        if (till != null) {
            till.close();
        }
        sandbox.close();
    }

    /** A till whose late watch (1 min) is shorter than the provider's close delay: the owed close must stretch it. */
    private void till(TestInfo test) {
        TestClock clock = new TestClock(Instant.now());
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "t" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings().withLateWatch(Duration.ofMinutes(1), Duration.ofSeconds(15), LatePaymentPolicy.REFUND),
                real -> gateway = DocumentedDelayGateway.wechatTiming(real, clock), clock);
    }

    private TradeState ledgerState(PaymentOrder order) {
        return sandbox.ledger().order(order.outTradeNo()).orElseThrow().tradeState();
    }

    /** Moves the clock in steps of {@code step} until {@code until}, checking {@code invariant} after each. */
    private void advanceUntil(Instant until, Duration step, Runnable invariant) {
        while (till.clock.instant().plus(step).isBefore(until) || till.clock.instant().plus(step).equals(until)) {
            till.advance(step);
            invariant.run();
        }
        Duration rest = Duration.between(till.clock.instant(), until);
        if (!rest.isNegative() && !rest.isZero()) {
            till.advance(rest);
            invariant.run();
        }
    }

    private void awaitWhileTimePasses(String what, Duration step, BooleanSupplier condition) {
        await(what).atMost(DeskFixture.TIMEOUT).until(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            till.advance(step);
            return false;
        });
    }

    @Test
    @DisplayName("R24 the till gives up at 30 s and says so at once; the close waits for the provider's 5 minutes, "
            + "then closes, and only then does the payment settle")
    void closeWaitsForTheProvidersFiveMinutes(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 4100);
        Instant created = order.createdAt();
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);

        till.advance(Duration.ofSeconds(30));
        till.awaitState(session, State.TIMED_OUT); // R24: the clerk is told at once
        assertThat(session.reasonCode()).contains("NO_RESULT_IN_TIME_CLOSE_PENDING");

        Runnable noCloseYet = () -> {
            assertThat(gateway.sent("close")).as("no close before %s", created.plus(CLOSE_DELAY)).isEmpty();
            assertThat(ledgerState(order)).isEqualTo(TradeState.NOTPAY);
        };
        // Past the till's own late watch (1 min), up to just before the provider allows the close.
        advanceUntil(created.plus(CLOSE_DELAY).minusSeconds(1), Duration.ofSeconds(20), noCloseYet);
        assertThat(till.journaled(order.outTradeNo())).as("not settled while the close is owed")
                .doesNotContain(PaymentEventKind.PAYMENT_CLOSED, PaymentEventKind.PAYMENT_SETTLED);
        assertThat(till.pending.contains(order.outTradeNo())).as("R8: still pending while the close is owed").isTrue();

        till.advance(Duration.ofSeconds(1));
        await("the order is closed at the gateway").atMost(DeskFixture.TIMEOUT)
                .until(() -> ledgerState(order), equalTo(TradeState.CLOSED));
        assertThat(gateway.sent("close")).singleElement().satisfies(sent ->
                assertThat(sent.at()).isAfterOrEqualTo(created.plus(CLOSE_DELAY)));

        // The late watch runs as long after the close as it would after an immediate one, then the payment settles.
        till.advance(Duration.ofSeconds(30));
        assertThat(till.journaled(order.outTradeNo())).contains(PaymentEventKind.PAYMENT_CLOSED)
                .doesNotContain(PaymentEventKind.PAYMENT_SETTLED);
        awaitWhileTimePasses("the payment is settled", Duration.ofSeconds(5), () -> till.journaled(order.outTradeNo())
                .contains(PaymentEventKind.PAYMENT_SETTLED));
        assertThat(till.clock.instant()).isAfterOrEqualTo(created.plus(CLOSE_DELAY).plus(Duration.ofMinutes(1)));
        await("R8: out of the pending queue").atMost(DeskFixture.TIMEOUT).until(() -> !till.pending.contains(order.outTradeNo()));
        assertThat(session.state()).isEqualTo(State.TIMED_OUT);
        assertThat(till.late).isEmpty();
    }

    @Test
    @DisplayName("R24 a customer who pays 2 minutes after the give-up (before the provider allows the close) is a late "
            + "payment, refunded exactly once; no close is sent")
    void paymentWhileTheCloseIsOwedIsRefundedOnce(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 4200);
        Instant created = order.createdAt();
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        till.advance(Duration.ofSeconds(30));
        till.awaitState(session, State.TIMED_OUT);
        Instant gaveUp = till.clock.instant();

        advanceUntil(gaveUp.plus(Duration.ofMinutes(2)), Duration.ofSeconds(20), () -> { });
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        // The late watch (queries every 15 s of the till's clock) finds it although its own minute is long over.
        awaitWhileTimePasses("the late payment is refunded", Duration.ofSeconds(5), () -> till.late.stream()
                .anyMatch(l -> l.outcome() == LatePayment.Outcome.REFUNDED));
        assertThat(till.clock.instant()).isBefore(created.plus(CLOSE_DELAY));
        assertThat(till.late).extracting(LatePayment::outcome)
                .containsExactly(LatePayment.Outcome.REFUNDING, LatePayment.Outcome.REFUNDED);

        // Long past the provider's 5 minutes: nothing owed any more, nothing sent twice.
        advanceUntil(created.plus(CLOSE_DELAY).plus(Duration.ofMinutes(2)), Duration.ofSeconds(30), () -> { });
        session.checkAgain();
        till.advance(Duration.ofSeconds(5));
        assertThat(gateway.sent("close")).as("the payment was found first: no close owed").isEmpty();
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o -> {
            assertThat(o.chargedMinor()).isEqualTo(4200);
            assertThat(o.refundedMinor()).isEqualTo(4200);
        });
        assertThat(sandbox.ledger().summary(false).refundsCount()).isEqualTo(1);
        assertThat(till.late).hasSize(2);
        awaitWhileTimePasses("the payment is settled", Duration.ofSeconds(5), () -> till.journaled(order.outTradeNo())
                .contains(PaymentEventKind.PAYMENT_SETTLED));
    }

    @Test
    @DisplayName("a pay-code the clerk stops 3 s after the charge is reversed no sooner than 15 s after it")
    void reversalWaitsForTheProvidersFifteenSeconds(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 4300);
        Instant charged = till.clock.instant();
        PaymentSession session = till.desk.startPayCode(order, PayCodePaymentTest.NEVER_CONFIRMS);
        till.awaitState(session, State.USER_PAYING);

        till.advance(Duration.ofSeconds(3));
        session.cancel();
        till.awaitState(session, State.CANCELLED); // the clerk is told at once
        assertThat(session.reasonCode()).contains("CANCELLED_BY_CLERK_REVERSAL_PENDING");

        advanceUntil(charged.plus(REVERSE_DELAY).minusMillis(500), Duration.ofSeconds(2), () -> {
            assertThat(gateway.sent("reverse")).as("no reverse before %s", charged.plus(REVERSE_DELAY)).isEmpty();
            assertThat(ledgerState(order)).isEqualTo(TradeState.USERPAYING);
        });
        assertThat(till.journaled(order.outTradeNo())).doesNotContain(PaymentEventKind.PAYMENT_SETTLED);

        till.advance(Duration.ofMillis(500));
        await("the pay-code is reversed").atMost(DeskFixture.TIMEOUT)
                .until(() -> ledgerState(order), equalTo(TradeState.REVOKED));
        assertThat(gateway.sent("reverse")).singleElement().satisfies(sent ->
                assertThat(sent.at()).isAfterOrEqualTo(charged.plus(REVERSE_DELAY)));
        awaitWhileTimePasses("the payment is settled", Duration.ofSeconds(2), () -> till.journaled(order.outTradeNo())
                .contains(PaymentEventKind.PAYMENT_SETTLED));
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("R24 a close the provider refuses as too soon (its clock ahead of the till's) stays owed and is sent"
            + " again until the order is closed; never taken as closed meanwhile")
    void aCloseRefusedAsTooSoonStaysOwed(TestInfo test) {
        TestClock clock = new TestClock(Instant.now());
        java.util.List<Instant> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        Instant[] refuseUntil = new Instant[1];
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "t" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings(), real -> new TooSoonGateway(real, clock, refuseUntil, refusals), clock);
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 2300);
        refuseUntil[0] = order.createdAt().plus(Duration.ofMinutes(1)); // the provider counts from a later moment
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);

        till.advance(Duration.ofSeconds(30));
        till.awaitState(session, State.TIMED_OUT);
        await("the first close is refused as too soon").atMost(DeskFixture.TIMEOUT).until(() -> !refusals.isEmpty());
        advanceUntil(refuseUntil[0].minusSeconds(1), Duration.ofSeconds(5), () -> {
            assertThat(ledgerState(order)).isEqualTo(TradeState.NOTPAY);
            assertThat(till.journaled(order.outTradeNo())).doesNotContain(PaymentEventKind.PAYMENT_CLOSED);
            assertThat(till.pending.contains(order.outTradeNo())).isTrue();
        });
        assertThat(refusals).as("tried again while refused").hasSizeGreaterThan(1);

        awaitWhileTimePasses("the close is sent again and closes the order", Duration.ofSeconds(5),
                () -> ledgerState(order) == TradeState.CLOSED);
        await("the close is journaled").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.journaled(order.outTradeNo()).contains(PaymentEventKind.PAYMENT_CLOSED));
        assertThat(sandbox.ledger().summary().netMinor()).isZero();
    }

    /**
     * The real sandbox behind a provider that refuses a close as too soon ({@code INVALID_REQUEST:RULE_LIMIT}, WeChat
     * Pay's answer) until {@code refuseUntil[0]} on the till's clock, while declaring no delay of its own.
     */
    private static final class TooSoonGateway implements pos.core.pay.PaymentGateway {
        private final pos.core.pay.PaymentGateway real;
        private final TestClock clock;
        private final Instant[] refuseUntil;
        private final java.util.List<Instant> refusals;

        TooSoonGateway(pos.core.pay.PaymentGateway real, TestClock clock, Instant[] refuseUntil,
                java.util.List<Instant> refusals) {
            this.real = real;
            this.clock = clock;
            this.refuseUntil = refuseUntil;
            this.refusals = refusals;
        }

        @Override
        public pos.core.pay.GatewayAnswer close(String outTradeNo) {
            if (clock.instant().isBefore(refuseUntil[0])) {
                refusals.add(clock.instant());
                throw new pos.core.pay.GatewayRefusedException(pos.core.pay.Refusal.of(
                        pos.core.pay.RefusalReason.INVALID_REQUEST, "RULE_LIMIT").code(), "too soon to close " + outTradeNo);
            }
            return real.close(outTradeNo);
        }

        @Override
        public pos.core.pay.QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
            return real.createQrOrder(order, notifyUrl);
        }

        @Override
        public pos.core.pay.GatewayAnswer payByCode(PaymentOrder order, String authCode) {
            return real.payByCode(order, authCode);
        }

        @Override
        public pos.core.pay.GatewayAnswer query(String outTradeNo) {
            return real.query(outTradeNo);
        }

        @Override
        public pos.core.pay.GatewayAnswer reverse(String outTradeNo) {
            return real.reverse(outTradeNo);
        }

        @Override
        public pos.core.pay.RefundAnswer refund(String outTradeNo, String refundNo, pos.core.money.Money refund,
                pos.core.money.Money total, String reason) {
            return real.refund(outTradeNo, refundNo, refund, total, reason);
        }
    }
}
