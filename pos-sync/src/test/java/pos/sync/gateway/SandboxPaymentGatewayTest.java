package pos.sync.gateway;

import pos.gateway.sandboxapi.SandboxPaymentGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.money.Money;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.GatewayRefusedException;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.GatewayUnreachableException;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.core.pay.RefundAnswer;
import pos.core.sale.TransactionId;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.sync.testing.SandboxCustomer;

@DisplayName("SandboxPaymentGateway against the real sandbox gateway on a socket")
class SandboxPaymentGatewayTest {

    @TempDir
    static Path ledgerDir;

    static SandboxGateway sandbox;
    static SandboxPaymentGateway gateway;
    static SandboxCustomer customer;
    static final TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(7).build().start();
        gateway = new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMinutes(2), null);
        customer = new SandboxCustomer(sandbox.baseUri());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void wellBehaved() {
        sandbox.setKnobs(Knobs.defaults().withConfirmDelayMs(100));
    }

    private static PaymentOrder order(PaymentMethod method, long minor) {
        return new PaymentOrder(ids.next(), "till-1", method, Money.ofMinor(minor, "EUR"), "Store 1 · 1 item",
                Instant.now());
    }

    @Test
    @DisplayName("R21 a QR order gets a code_url and an expiry; asking again with the same id gives the same code")
    void createsQrOrderIdempotently() {
        PaymentOrder order = order(PaymentMethod.QR_SHOWN, 1250);
        QrOrder first = gateway.createQrOrder(order, "http://127.0.0.1:9/notify");
        QrOrder again = gateway.createQrOrder(order, "http://127.0.0.1:9/notify");
        assertThat(first.outTradeNo()).isEqualTo(order.outTradeNo());
        assertThat(first.codeUrl()).isNotBlank().isEqualTo(again.codeUrl());
        assertThat(first.expiresAt()).isAfter(Instant.now());
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    @DisplayName("a paid QR order queries as SUCCESS with the gateway's trade number and time; closing it answers paid")
    void paidOrderQueriesAsSuccessAndCloseSaysPaid() {
        PaymentOrder order = order(PaymentMethod.QR_SHOWN, 990);
        QrOrder qr = gateway.createQrOrder(order, "http://127.0.0.1:9/notify");
        customer.pays(qr.codeUrl());
        GatewayAnswer paid = gateway.query(order.outTradeNo());
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(paid.gatewayTradeNo()).isNotBlank();
        assertThat(paid.paidAt()).isNotNull();
        // Issue 10: the answer says the amount, so the hub can hold one that differs from the order.
        assertThat(paid.amountMinor()).isEqualTo(990L);
        assertThat(paid.currency()).isEqualTo("EUR");
        assertThat(gateway.close(order.outTradeNo()).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("R24 an unpaid QR order closes; the customer can no longer pay it")
    void unpaidOrderCloses() {
        PaymentOrder order = order(PaymentMethod.QR_SHOWN, 500);
        QrOrder qr = gateway.createQrOrder(order, "http://127.0.0.1:9/notify");
        assertThat(gateway.close(order.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
        assertThatThrownBy(() -> customer.pays(qr.codeUrl())).isInstanceOf(AssertionError.class);
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @ParameterizedTest(name = "pay-code ending {0} → {1} {2}")
    @CsvSource(textBlock = """
            1234, SUCCESS,    ''
            0000, USERPAYING, ''
            9999, USERPAYING, ''
            1111, FAILED,     INSUFFICIENT_BALANCE:NOTENOUGH
            """)
    @DisplayName("pay-code scenarios map to SUCCESS, USERPAYING or FAILED with the neutral reason and the gateway's code")
    void payCodeScenarios(String lastDigits, PaymentStatus expected, String reason) {
        PaymentOrder order = order(PaymentMethod.PAY_CODE, 1500);
        GatewayAnswer answer = gateway.payByCode(order, "13456789012345" + lastDigits);
        assertThat(answer.status()).isEqualTo(expected);
        assertThat(answer.reasonCode()).isEqualTo(reason.isEmpty() ? null : reason);
    }

    @Test
    @DisplayName("a pay-code that is not one gives FAILED CODE_INVALID:AUTH_CODE_INVALID, and nothing is charged")
    void invalidPayCodeFails() {
        PaymentOrder order = order(PaymentMethod.PAY_CODE, 1500);
        GatewayAnswer answer = gateway.payByCode(order, "99");
        assertThat(answer.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(answer.reasonCode()).isEqualTo("CODE_INVALID:AUTH_CODE_INVALID");
        assertThat(pos.core.pay.Refusal.reasonOf(answer.reasonCode())).isEqualTo(pos.core.pay.RefusalReason.CODE_INVALID);
        assertThat(sandbox.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("a pay-code in USERPAYING is reversed: REVOKED, and the customer's later confirmation takes nothing")
    void userPayingIsReversed() {
        PaymentOrder order = order(PaymentMethod.PAY_CODE, 1500);
        assertThat(gateway.payByCode(order, "134567890123459999").status()).isEqualTo(PaymentStatus.USERPAYING);
        assertThat(gateway.reverse(order.outTradeNo()).status()).isEqualTo(PaymentStatus.REVOKED);
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.REVOKED);
        assertThat(sandbox.ledger().summary(true).byOrder()).filteredOn(o -> o.outTradeNo().equals(order.outTradeNo()))
                .singleElement().satisfies(o -> assertThat(o.chargedMinor() - o.refundedMinor()).isZero());
    }

    @Test
    @DisplayName("the same refund number refunds once; the order then queries as REFUNDED")
    void sameRefundNumberRefundsOnce() {
        PaymentOrder order = order(PaymentMethod.PAY_CODE, 2000);
        assertThat(gateway.payByCode(order, "134567890123451234").status()).isEqualTo(PaymentStatus.SUCCESS);
        Money amount = order.amount();
        RefundAnswer first = gateway.refund(order.outTradeNo(), "R" + order.outTradeNo(), amount, amount, "test");
        RefundAnswer again = gateway.refund(order.outTradeNo(), "R" + order.outTradeNo(), amount, amount, "test");
        assertThat(first.done()).isTrue();
        assertThat(again.refundId()).isEqualTo(first.refundId());
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(sandbox.ledger().order(order.outTradeNo())).hasValueSatisfying(o -> assertThat(o.refundedMinor())
                .isEqualTo(2000));
    }

    @Test
    @DisplayName("an order the gateway does not know is refused with its code ORDER_NOT_EXIST (reason OTHER), naming the gateway and the order")
    void unknownOrderIsRefused() {
        String tx = ids.next().value();
        assertThatThrownBy(() -> gateway.query(tx)).isInstanceOfSatisfying(GatewayRefusedException.class,
                e -> assertThat(e.code()).isEqualTo("OTHER:ORDER_NOT_EXIST"))
                .hasMessageContaining(sandbox.baseUri().toString()).hasMessageContaining(tx);
    }

    @Test
    @DisplayName("R11 no answer in time is a timeout (outcome unknown) naming the gateway and the order; the order was made")
    void slowAnswerIsTimeoutWithUnknownOutcome() {
        SandboxPaymentGateway impatient = new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofMinutes(2), null);
        sandbox.setKnobs(Knobs.defaults().withTimeoutRate(1.0).withTimeoutDelayMs(1_000));
        PaymentOrder order = order(PaymentMethod.QR_SHOWN, 700);
        assertThatThrownBy(() -> impatient.createQrOrder(order, "http://127.0.0.1:9/notify"))
                .isInstanceOf(GatewayTimeoutException.class).hasMessageContaining(sandbox.baseUri().toString())
                .hasMessageContaining(order.outTradeNo()).hasMessageContaining("outcome unknown");
        sandbox.setKnobs(Knobs.defaults());
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    @DisplayName("a gateway that refuses connections is unreachable: nothing was sent")
    void refusedConnectionIsUnreachable() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        SandboxPaymentGateway dead = new SandboxPaymentGateway(URI.create("http://127.0.0.1:" + deadPort));
        PaymentOrder order = order(PaymentMethod.QR_SHOWN, 700);
        assertThatThrownBy(() -> dead.createQrOrder(order, "http://127.0.0.1:9/notify"))
                .isInstanceOf(GatewayUnreachableException.class).hasMessageContaining("127.0.0.1:" + deadPort)
                .hasMessageContaining(order.outTradeNo()).hasMessageContaining("nothing was sent");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            NOTPAY,     PENDING
            USERPAYING, USERPAYING
            SUCCESS,    SUCCESS
            CLOSED,     CLOSED
            REVOKED,    REVOKED
            REFUND,     REFUNDED
            PAYERROR,   FAILED
            """)
    @DisplayName("trade states map to payment statuses")
    void tradeStatesMap(String tradeState, PaymentStatus status) {
        assertThat(SandboxPaymentGateway.status(tradeState)).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            NOTENOUGH,          INSUFFICIENT_BALANCE:NOTENOUGH
            AUTH_CODE_INVALID,  CODE_INVALID:AUTH_CODE_INVALID
            AUTHCODEEXPIRE,     CODE_EXPIRED:AUTHCODEEXPIRE
            NOAUTH,             NOT_PERMITTED:NOAUTH
            BUYER_MISMATCH,     BUYER_MISMATCH:BUYER_MISMATCH
            ORDERCLOSED,        ORDER_CLOSED:ORDERCLOSED
            ORDER_CLOSED,       ORDER_CLOSED:ORDER_CLOSED
            ORDERREVERSED,      ORDER_REVERSED:ORDERREVERSED
            PAYERROR,           PROVIDER_REFUSED:PAYERROR
            PARAM_ERROR,        INVALID_REQUEST:PARAM_ERROR
            INVALID_REQUEST,    INVALID_REQUEST:INVALID_REQUEST
            WRONG_PIN,          WRONG_PIN:WRONG_PIN
            DECLINED,           DECLINED:DECLINED
            INSUFFICIENT_FUNDS, INSUFFICIENT_FUNDS:INSUFFICIENT_FUNDS
            EXPIRED_CARD,       EXPIRED_CARD:EXPIRED_CARD
            CARD_INVALID,       CARD_INVALID:CARD_INVALID
            CARD_NOT_SUPPORTED, CARD_NOT_SUPPORTED:CARD_NOT_SUPPORTED
            SOMETHING_NEW,      OTHER:SOMETHING_NEW
            ORDERPAID,          ORDERPAID
            """)
    @DisplayName("the sandbox's refusal codes leave the adapter as the neutral reason with the sandbox's code beside it; "
            + "ORDERPAID (paid, no refusal) stays as it is")
    void refusalCodesMapToNeutralReasons(String sandboxCode, String refusal) {
        assertThat(SandboxPaymentGateway.refusal(sandboxCode)).isEqualTo(refusal);
    }
}
