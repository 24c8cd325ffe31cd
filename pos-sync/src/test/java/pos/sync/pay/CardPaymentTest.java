package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.pay.CardCharge;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.pay.PaymentStatus;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.sync.card.CardRef;
import pos.sync.journal.PaymentEvent;
import pos.sync.journal.PaymentEventKind;
import pos.sync.testing.Await;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("TillPaymentDesk: bank card payments with a PIN (R16, R18) against the sandbox gateway, Redis and the journal")
class CardPaymentTest {

    static final String VISA = "4111111111111111";
    static final String VISA_PIN = "123456";

    @TempDir
    static Path ledgerDir;
    static SandboxGateway sandbox;

    RedisProcess sharedRedis;
    @TempDir
    Path dataDir;
    DeskFixture till;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(31).build().start();
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
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "c" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings());
        return till;
    }

    @Test
    @DisplayName("R16 R18 a test card with its PIN → PAID, the gateway took the amount once, the journal holds the masked card")
    void cardWithItsPinPays(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.BANK_CARD, 4321);
        PaymentSession session = till.desk.startCard(order, DeskFixture.card(order, VISA, VISA_PIN));
        till.awaitState(session, State.PAID);

        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.chargedMinor()).isEqualTo(4321));
        await("the board says SUCCESS").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.boardStatus(order.outTradeNo()), equalTo(PaymentStatus.SUCCESS));
        await("R8: out of the pending queue").atMost(DeskFixture.TIMEOUT).until(() -> !till.pending.contains(order.outTradeNo()));
        List<PaymentEvent> events = till.journal.paymentEvents(order.outTradeNo());
        assertThat(events).extracting(PaymentEvent::kind).contains(PaymentEventKind.PAYMENT_PENDING,
                PaymentEventKind.PAYMENT_RESULT);
        assertThat(events).allSatisfy(event -> {
            CardRef card = event.card();
            assertThat(card).isNotNull();
            assertThat(card.masked()).isEqualTo("411111******1111");
            assertThat(card.bin()).isEqualTo("411111");
            assertThat(card.lastFour()).isEqualTo("1111");
            assertThat(card.token()).hasSize(64).doesNotContain(VISA);
        });
        assertThat(session.reasonCode()).isEmpty();
        await("settled as paid").atMost(DeskFixture.TIMEOUT).until(() -> till.journal.paymentEvents(order.outTradeNo()).stream()
                .anyMatch(e -> e.kind() == PaymentEventKind.PAYMENT_SETTLED && e.status() == PaymentStatus.SUCCESS));
    }

    @Test
    @DisplayName("a wrong PIN → FAILED reason WRONG_PIN (the gateway's code WRONG_PIN) and nothing is charged")
    void wrongPinFails(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.BANK_CARD, 1500);
        PaymentSession session = till.desk.startCard(order, DeskFixture.card(order, VISA, "654321"));
        till.awaitState(session, State.FAILED);
        assertThat(session.reasonCode()).contains("WRONG_PIN:WRONG_PIN");
        assertThat(pos.core.pay.Refusal.reasonOf(session.reasonCode().orElseThrow()))
                .isEqualTo(pos.core.pay.RefusalReason.WRONG_PIN);
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isZero();
        await("R8: out of the pending queue").atMost(DeskFixture.TIMEOUT).until(() -> !till.pending.contains(order.outTradeNo()));
        assertThat(till.journal.paymentEvents(order.outTradeNo())).extracting(PaymentEvent::reasonCode)
                .contains("WRONG_PIN:WRONG_PIN");
    }

    @ParameterizedTest(name = "{0} for {2} minor → {3}")
    @CsvSource(textBlock = """
            4000056655665556, 246810,  2000, DECLINED
            6250941006528599, 888888, 60000, INSUFFICIENT_FUNDS
            4000000000000069, 123456,  2000, EXPIRED_CARD
            """)
    @DisplayName("R17 a refused card → FAILED with the gateway's reason, nothing charged")
    void refusedCardFailsWithTheReason(String card, String pin, long minor, String reason, TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.BANK_CARD, minor);
        PaymentSession session = till.desk.startCard(order, DeskFixture.card(order, card, pin));
        till.awaitState(session, State.FAILED);
        assertThat(session.reasonCode()).contains(reason + ":" + reason);
        assertThat(pos.core.pay.Refusal.reasonOf(session.reasonCode().orElseThrow()))
                .isEqualTo(pos.core.pay.RefusalReason.valueOf(reason));
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("R11 a gateway timeout on the card charge → the query settles it PAID, charged once")
    void timeoutIsSettledByTheQuery(TestInfo test) {
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "c" + test.getTestMethod().orElseThrow().getName(),
                DeskFixture.settings(), real -> DeskFixture.impatientGateway(sandbox));
        sandbox.setKnobs(Knobs.defaults().withTimeoutRate(1.0).withTimeoutDelayMs(1_000));
        PaymentOrder order = till.order(PaymentMethod.BANK_CARD, 2600);
        PaymentSession session = till.desk.startCard(order, DeskFixture.card(order, VISA, VISA_PIN));
        await("the charge went through at the gateway").atMost(DeskFixture.TIMEOUT)
                .until(() -> sandbox.ledger().chargeCount(order.outTradeNo()) == 1);
        Await.sleep(500); // the till's 300 ms request timeout
        assertThat(session.state()).isEqualTo(State.STARTING);
        sandbox.setKnobs(Knobs.defaults());
        till.advance(Duration.ofSeconds(2));
        till.awaitState(session, State.PAID);
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("the same transaction id charges once: a repeated gateway request answers the same charge, the desk refuses a second start")
    void sameIdChargesOnce(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.BANK_CARD, 990);
        CardCharge charge = DeskFixture.card(order, VISA, VISA_PIN);
        PaymentSession session = till.desk.startCard(order, charge);
        till.awaitState(session, State.PAID);
        String firstTrade = till.gateway.query(order.outTradeNo()).gatewayTradeNo();

        GatewayAnswer repeated = till.gateway.payByCard(order, charge);
        assertThat(repeated.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(repeated.gatewayTradeNo()).isEqualTo(firstTrade);
        assertThatThrownBy(() -> till.desk.startCard(order, DeskFixture.card(order, VISA, VISA_PIN)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(order.outTradeNo());
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o ->
                assertThat(o.chargedMinor()).isEqualTo(990));
    }

    @Test
    @DisplayName("a QR or pay-code order cannot be started as a card payment")
    void cardNeedsABankCardOrder(TestInfo test) {
        till(test);
        PaymentOrder order = till.order(PaymentMethod.PAY_CODE, 100);
        assertThatThrownBy(() -> till.desk.startCard(order, DeskFixture.card(order, VISA, VISA_PIN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BANK_CARD");
    }
}
