package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.pay.PaymentStatus;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.TradeState;
import pos.sync.journal.PaymentEventKind;
import pos.sync.testing.Await;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("TillPaymentDesk: pay-code payments with the sandbox gateway, Redis and the journal")
class PayCodePaymentTest {

    static final String CONFIRMS = "134567890123450000";
    static final String NEVER_CONFIRMS = "134567890123459999";
    static final String NOT_ENOUGH = "134567890123451111";
    static final String PAYS = "134567890123451234";

    @TempDir
    static Path ledgerDir;
    static SandboxGateway sandbox;

    RedisProcess sharedRedis;
    @TempDir
    Path dataDir;
    DeskFixture till;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(13).build().start();
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

    private DeskFixture till(TestInfo test) {
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "p" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings());
        return till;
    }

    @Test
    @DisplayName("a pay-code that pays at once → PAID, published and journaled")
    void paysAtOnce(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 1234);
        PaymentSession session = till.desk.startPayCode(order, PAYS);
        till.awaitState(session, State.PAID);
        await("the board says SUCCESS").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.boardStatus(order.outTradeNo()), equalTo(PaymentStatus.SUCCESS));
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("pay-code USERPAYING → queried on the schedule (first after 5 s) → PAID")
    void userPayingThenSuccess(TestInfo test) {
        sandbox.setKnobs(Knobs.defaults().withConfirmDelayMs(100));
        till(test);
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 2500);
        PaymentSession session = till.desk.startPayCode(order, CONFIRMS);
        till.awaitState(session, State.USER_PAYING);
        await("the customer confirmed on the phone").atMost(DeskFixture.TIMEOUT).until(() -> sandbox.ledger()
                .chargeCount(order.outTradeNo()) == 1);
        till.advance(Duration.ofSeconds(4));
        assertThat(session.state()).as("4 s: not queried yet").isEqualTo(State.USER_PAYING);
        till.advance(Duration.ofSeconds(1));
        till.awaitState(session, State.PAID);
        assertThat(till.journaled(order.outTradeNo())).containsSubsequence(PaymentEventKind.PAYMENT_PENDING,
                PaymentEventKind.PAYMENT_ORDERED, PaymentEventKind.PAYMENT_USERPAYING, PaymentEventKind.PAYMENT_RESULT);
    }

    @Test
    @DisplayName("pay-code USERPAYING that never becomes final → reversed after 45 s → CANCELLED, nothing kept")
    void userPayingThenReversal(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 2600);
        PaymentSession session = till.desk.startPayCode(order, NEVER_CONFIRMS);
        till.awaitState(session, State.USER_PAYING);
        assertThat(session.deadline()).isEqualTo(order.createdAt().plusSeconds(45));
        for (int second = 5; second < 45; second += 5) {
            till.advance(Duration.ofSeconds(5));
            assertThat(session.state()).isEqualTo(State.USER_PAYING);
        }
        till.advance(Duration.ofSeconds(5));
        till.awaitState(session, State.CANCELLED);
        assertThat(session.reasonCode()).contains("NOT_CONFIRMED_IN_TIME");
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o -> {
            assertThat(o.tradeState()).isEqualTo(TradeState.REVOKED);
            assertThat(o.chargedMinor() - o.refundedMinor()).isZero();
        });
        await("the board says REVOKED").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.boardStatus(order.outTradeNo()), equalTo(PaymentStatus.REVOKED));
    }

    @Test
    @DisplayName("a refused pay-code → FAILED with the neutral reason and the gateway's code, out of the pending queue")
    void refusalFails(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 2700);
        PaymentSession session = till.desk.startPayCode(order, NOT_ENOUGH);
        till.awaitState(session, State.FAILED);
        assertThat(session.reasonCode()).contains("INSUFFICIENT_BALANCE:NOTENOUGH");
        await("R8: out of the pending queue").atMost(DeskFixture.TIMEOUT).until(() -> !till.pending.contains(order.outTradeNo()));
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("R11 a gateway timeout on the charge → query, never a second charge (the sandbox ledger shows one)")
    void timeoutIsQueriedNeverChargedTwice(TestInfo test) {
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "p" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings(), real -> DeskFixture.impatientGateway(sandbox));
        sandbox.setKnobs(Knobs.defaults().withTimeoutRate(1.0).withTimeoutDelayMs(1_000));
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 2800);
        PaymentSession session = till.desk.startPayCode(order, PAYS);
        await("the charge went through at the gateway").atMost(DeskFixture.TIMEOUT).until(() -> sandbox.ledger()
                .chargeCount(order.outTradeNo()) == 1);
        Await.sleep(500); // the till's 300 ms request timeout
        assertThat(session.state()).isEqualTo(State.STARTING);
        sandbox.setKnobs(Knobs.defaults());
        till.advance(Duration.ofSeconds(2));
        till.awaitState(session, State.PAID);
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
        assertThat(sandbox.ledger().summary(true).byOrder()).filteredOn(o -> o.outTradeNo().equals(order.outTradeNo()))
                .singleElement().satisfies(o -> assertThat(o.chargedMinor()).isEqualTo(2800));
    }

    @Test
    @DisplayName("the clerk's cancel of a pay-code in USERPAYING reverses it")
    void cancelReverses(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 2900);
        PaymentSession session = till.desk.startPayCode(order, NEVER_CONFIRMS);
        till.awaitState(session, State.USER_PAYING);
        session.cancel();
        till.awaitState(session, State.CANCELLED);
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.tradeState()).isEqualTo(TradeState.REVOKED));
    }
}
