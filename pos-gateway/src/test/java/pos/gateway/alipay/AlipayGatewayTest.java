package pos.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.core.pay.RefundAnswer;
import pos.core.pay.Refusal;
import pos.core.pay.RefusalReason;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.TradeState;

@DisplayName("AlipayGateway through alipay-sdk-java against the sandbox speaking Alipay's protocol over HTTP")
class AlipayGatewayTest {

    private static final String NOTIFY = "http://127.0.0.1:9/notify/alipay";
    /** Alipay pay-codes: 16-24 digits starting 25-30; the last four choose what the sandbox's buyer does. */
    private static final String PAYS_AT_ONCE = "281234567890123456";
    private static final String CONFIRMS_LATER = "281234567890120000";
    private static final String NEVER_CONFIRMS = "281234567890129999";
    private static final String TOO_LITTLE_MONEY = "281234567890121111";

    @TempDir
    static Path dataDir;
    static AlipaySandbox sandbox;
    static PaymentProvider provider;
    static PaymentGateway gateway;

    @BeforeAll
    static void start() {
        sandbox = new AlipaySandbox(dataDir);
        provider = sandbox.provider(NOTIFY, Duration.ofSeconds(2));
        gateway = provider.gateway();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void wellBehaved() {
        sandbox.gateway.setKnobs(Knobs.defaults().withConfirmDelayMs(60_000));
    }

    @Test
    @DisplayName("R21 R23 precreate → query before a scan is PENDING → the customer pays → query is SUCCESS with the amount")
    void qrOrderIsPaidByTheCustomer() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.QR_SHOWN, 1230);
        QrOrder qr = gateway.createQrOrder(order, NOTIFY);
        assertThat(qr.codeUrl()).isNotBlank();
        assertThat(qr.expiresAt()).isAfter(Instant.now());
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);

        sandbox.customerPays(qr.codeUrl());

        GatewayAnswer paid = gateway.query(order.outTradeNo());
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(paid.amountMinor()).isEqualTo(1230L);
        assertThat(paid.currency()).isEqualTo("CNY");
        assertThat(paid.gatewayTradeNo()).isNotBlank();
        assertThat(paid.paidAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("R24 closing an order nobody paid is CLOSED, and its code can no longer be paid")
    void closingAnUnpaidOrderClosesIt() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.QR_SHOWN, 500);
        QrOrder qr = gateway.createQrOrder(order, NOTIFY);

        assertThat(gateway.close(order.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);

        assertThatThrownBy(() -> sandbox.customerPays(qr.codeUrl())).hasMessageContaining("ORDER_CLOSED");
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("R24 closing an order the customer already paid answers SUCCESS with the amount, never an error")
    void closingAPaidOrderIsSuccess() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.QR_SHOWN, 777);
        sandbox.customerPays(gateway.createQrOrder(order, NOTIFY).codeUrl());

        GatewayAnswer closed = gateway.close(order.outTradeNo());

        assertThat(closed.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(closed.amountMinor()).isEqualTo(777L);
        assertThat(sandbox.gateway.ledger().order(order.outTradeNo()).orElseThrow().tradeState())
                .isEqualTo(TradeState.SUCCESS);
    }

    @Test
    @DisplayName("R16 a bar_code pay the buyer need not confirm is SUCCESS at once, with the amount")
    void payCodeSucceedsAtOnce() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 4599);

        GatewayAnswer answer = gateway.payByCode(order, PAYS_AT_ONCE);

        assertThat(answer.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(answer.amountMinor()).isEqualTo(4599L);
        assertThat(answer.currency()).isEqualTo("CNY");
        assertThat(answer.gatewayTradeNo()).isNotBlank();
        assertThat(gateway.payByCode(order, PAYS_AT_ONCE).gatewayTradeNo()).isEqualTo(answer.gatewayTradeNo());
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("R16 R23 10003: USERPAYING, queried until the buyer confirms, then SUCCESS")
    void payCodeWaitsForTheBuyer() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 2000);

        assertThat(gateway.payByCode(order, CONFIRMS_LATER).status()).isEqualTo(PaymentStatus.USERPAYING);
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.USERPAYING);

        sandbox.customerConfirms(order.outTradeNo());

        GatewayAnswer paid = gateway.query(order.outTradeNo());
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(paid.amountMinor()).isEqualTo(2000L);
    }

    @Test
    @DisplayName("R24 a buyer who never confirms: cancel answers action=close and the trade is REVOKED, nothing charged")
    void unconfirmedPayCodeIsCancelledByClosing() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 990);
        assertThat(gateway.payByCode(order, NEVER_CONFIRMS).status()).isEqualTo(PaymentStatus.USERPAYING);

        GatewayAnswer cancelled = gateway.reverse(order.outTradeNo());

        assertThat(cancelled.status()).isEqualTo(PaymentStatus.REVOKED);
        assertThat(Refusal.parse(cancelled.reasonCode()).orElseThrow())
                .isEqualTo(Refusal.of(RefusalReason.ORDER_REVERSED, "action=close"));
        assertThat(sandbox.gateway.ledger().order(order.outTradeNo()).orElseThrow().tradeState())
                .isEqualTo(TradeState.REVOKED);
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isZero();
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
    }

    @Test
    @DisplayName("cancel of a paid trade answers action=refund: the money goes back once, however often it is repeated")
    void cancellingAPaidTradeRefundsItOnce() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 1500);
        assertThat(gateway.payByCode(order, PAYS_AT_ONCE).status()).isEqualTo(PaymentStatus.SUCCESS);

        GatewayAnswer first = gateway.reverse(order.outTradeNo());
        GatewayAnswer again = gateway.reverse(order.outTradeNo());

        assertThat(first.status()).isEqualTo(PaymentStatus.REVOKED);
        assertThat(first.reasonCode()).isEqualTo("ORDER_REVERSED:action=refund");
        assertThat(again.status()).isEqualTo(PaymentStatus.REVOKED);
        var ledger = sandbox.gateway.ledger().order(order.outTradeNo()).orElseThrow();
        assertThat(ledger.chargedMinor()).isEqualTo(1500);
        assertThat(ledger.refundedMinor()).isEqualTo(1500);
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            281234567890121111, INSUFFICIENT_BALANCE:ACQ.BUYER_BALANCE_NOT_ENOUGH
            12345,              CODE_INVALID:ACQ.PAYMENT_AUTH_CODE_INVALID
            991234567890123456, CODE_INVALID:ACQ.PAYMENT_AUTH_CODE_INVALID
            """)
    @DisplayName("R17 a refused pay is FAILED with the neutral reason and Alipay's sub_code beside it")
    void refusalsAreMappedToNeutralReasons(String authCode, String expected) {
        GatewayAnswer answer = gateway.payByCode(AlipaySandbox.order(PaymentMethod.PAY_CODE, 100), authCode);

        assertThat(answer.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(answer.reasonCode()).isEqualTo(expected);
    }

    @Test
    @DisplayName("R17 a declined pay (decline_rate knob) is FAILED PROVIDER_REFUSED:ACQ.PAYMENT_FAIL, nothing charged")
    void declinedPayIsProviderRefused() {
        sandbox.gateway.setKnobs(Knobs.defaults().withDeclineRate(1.0));
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 100);

        GatewayAnswer answer = gateway.payByCode(order, PAYS_AT_ONCE);

        assertThat(answer.reasonCode()).isEqualTo("PROVIDER_REFUSED:ACQ.PAYMENT_FAIL");
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isZero();
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    @DisplayName("the same refund number refunds once; fund_change and the refund query both say it was made")
    void refundNumberRefundsOnce() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 1230);
        gateway.payByCode(order, PAYS_AT_ONCE);
        Money part = Money.ofMinor(500, "CNY");

        RefundAnswer first = gateway.refund(order.outTradeNo(), "R1-" + order.outTradeNo(), part, order.amount(), "returned");
        RefundAnswer repeat = gateway.refund(order.outTradeNo(), "R1-" + order.outTradeNo(), part, order.amount(), "returned");

        assertThat(first.done()).isTrue();
        assertThat(repeat.done()).isTrue();
        assertThat(sandbox.gateway.ledger().order(order.outTradeNo()).orElseThrow().refundedMinor()).isEqualTo(500);
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.SUCCESS);
        AlipayGateway alipay = (AlipayGateway) gateway;
        assertThat(alipay.refundMade(order.outTradeNo(), "R1-" + order.outTradeNo())).isTrue();
        assertThat(alipay.refundMade(order.outTradeNo(), "R9-" + order.outTradeNo())).isFalse();

        gateway.refund(order.outTradeNo(), "R2-" + order.outTradeNo(), Money.ofMinor(730, "CNY"), order.amount(), null);
        assertThat(sandbox.gateway.ledger().order(order.outTradeNo()).orElseThrow().refundedMinor()).isEqualTo(1230);
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThatThrownBy(() -> gateway.refund(order.outTradeNo(), "R3-" + order.outTradeNo(),
                Money.ofMinor(1, "CNY"), order.amount(), null))
                .isInstanceOfSatisfying(GatewayRefusedException.class, e -> assertThat(e.code())
                        .isEqualTo("OTHER:ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"));
    }

    @ParameterizedTest(name = "{0} fen")
    @CsvSource({"1", "1230", "9999999", "100"})
    @DisplayName("amounts go over the wire as yuan and come back to the fen: 0.01, 12.30, 99999.99, 1.00")
    void amountsAreExact(long fen) {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, fen);

        assertThat(gateway.payByCode(order, PAYS_AT_ONCE).amountMinor()).isEqualTo(fen);
        assertThat(gateway.query(order.outTradeNo()).amountMinor()).isEqualTo(fen);
        assertThat(sandbox.gateway.ledger().order(order.outTradeNo()).orElseThrow().amount().total()).isEqualTo(fen);
    }

    @Test
    @DisplayName("an order in another currency than CNY is refused before anything is sent")
    void onlyYuan() {
        PaymentOrder euros = new PaymentOrder(AlipaySandbox.IDS.next(), "till-1", PaymentMethod.QR_SHOWN,
                Money.ofMinor(100, "EUR"), "x", Instant.now());

        assertThatThrownBy(() -> gateway.createQrOrder(euros, NOTIFY)).isInstanceOfSatisfying(
                GatewayRefusedException.class, e -> assertThat(e.code()).isEqualTo("CURRENCY_NOT_ACCEPTED:CURRENCY_NOT_CNY"))
                .hasMessageContaining("CNY only, not EUR");
        assertThat(sandbox.gateway.ledger().order(euros.outTradeNo())).isEmpty();
    }

    @Test
    @DisplayName("R11 an answer later than the read timeout (timeout knob) is GatewayTimeoutException: outcome unknown")
    void lateAnswerIsATimeout() {
        PaymentGateway impatient = sandbox.provider(NOTIFY, Duration.ofMillis(400)).gateway();
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 300);
        sandbox.gateway.setKnobs(Knobs.defaults().withTimeoutRate(1.0).withTimeoutDelayMs(1_000));

        assertThatThrownBy(() -> impatient.payByCode(order, PAYS_AT_ONCE)).isInstanceOf(GatewayTimeoutException.class)
                .hasMessageContaining("outcome unknown").hasMessageNotContaining(PAYS_AT_ONCE);

        sandbox.gateway.setKnobs(Knobs.defaults());
        assertThat(gateway.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.SUCCESS); // it was processed
    }

    @Test
    @DisplayName("nobody listening is GatewayUnreachableException: nothing was sent")
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AlipayCredentials credentials = AlipayCredentials.read(sandbox.settings(NOTIFY, Duration.ofSeconds(1)).secrets());
        AlipayGateway nowhere = new AlipayGateway(credentials, URI.create("http://127.0.0.1:" + port + "/"),
                Duration.ofSeconds(1), Duration.ofMinutes(2), null);

        assertThatThrownBy(() -> nowhere.query("01ABCDEFGHJKMNPQRSTVWXYZ12")).isInstanceOf(GatewayUnreachableException.class);
    }

    @Test
    @DisplayName("a request signed with another app key is answered 40002 isv.invalid-signature: refused, nothing made")
    void wrongAppKeyIsRefusedByTheGateway() throws Exception {
        AlipayCredentials real = AlipayCredentials.read(sandbox.settings(NOTIFY, Duration.ofSeconds(1)).secrets());
        AlipayCredentials forged = new AlipayCredentials(real.appId(), newKeyPair(true), real.alipayPublicKey(),
                real.sellerId());
        AlipayGateway impostor = new AlipayGateway(forged, sandbox.gateway.baseUri(), Duration.ofSeconds(2),
                Duration.ofMinutes(2), null);
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.QR_SHOWN, 100);

        assertThatThrownBy(() -> impostor.createQrOrder(order, NOTIFY)).isInstanceOfSatisfying(
                GatewayRefusedException.class, e -> assertThat(e.code()).isEqualTo("INVALID_REQUEST:isv.invalid-signature"));
        assertThat(sandbox.gateway.ledger().order(order.outTradeNo())).isEmpty();
    }

    @Test
    @DisplayName("an answer that does not verify with the configured Alipay public key is not taken (outcome unknown)")
    void answerSignedByAnotherKeyIsNotTaken() throws Exception {
        AlipayCredentials real = AlipayCredentials.read(sandbox.settings(NOTIFY, Duration.ofSeconds(1)).secrets());
        AlipayCredentials wrongAlipayKey = new AlipayCredentials(real.appId(), real.appPrivateKey(), newKeyPair(false),
                real.sellerId());
        AlipayGateway fooled = new AlipayGateway(wrongAlipayKey, sandbox.gateway.baseUri(), Duration.ofSeconds(2),
                Duration.ofMinutes(2), null);
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 100);

        assertThatThrownBy(() -> fooled.payByCode(order, PAYS_AT_ONCE)).isInstanceOf(GatewayTimeoutException.class)
                .hasMessageContaining("signature");
    }

    private static String newKeyPair(boolean privatePart) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        return Base64.getEncoder().encodeToString(privatePart ? pair.getPrivate().getEncoded()
                : pair.getPublic().getEncoded());
    }
}
