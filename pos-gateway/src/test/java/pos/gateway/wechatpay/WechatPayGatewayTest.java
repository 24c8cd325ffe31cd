package pos.gateway.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;

/**
 * The WeChat Pay adapter through the official SDK against the sandbox speaking WeChat Pay API v3 over real HTTP: every
 * request signed by the SDK and checked by the face, every answer signed by the face and verified by the SDK.
 */
class WechatPayGatewayTest {

    private static final Money TOTAL = Money.ofMinor(1250, "CNY");

    @TempDir
    Path dataDir;

    private WechatPaySandbox sandbox;
    private WechatPayGateway wechat;
    private TransactionId.Generator ids;

    @BeforeEach
    void start() {
        sandbox = new WechatPaySandbox(dataDir);
        wechat = sandbox.adapter();
        ids = new TransactionId.Generator(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("R21 R23 a QR order the customer paid is queried as SUCCESS with WeChat Pay's amount")
    void qrOrderPaidByTheCustomerIsQueriedAsSuccessWithItsAmount() throws Exception {
        PaymentOrder order = order(PaymentMethod.QR_SHOWN);
        QrOrder qr = wechat.createQrOrder(order, WechatPaySandbox.NOTIFY_URL);
        assertThat(qr.codeUrl()).isNotBlank();
        assertThat(wechat.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.PENDING);

        assertThat(sandbox.customerPays(qr.codeUrl())).isEqualTo(200);

        GatewayAnswer paid = wechat.query(order.outTradeNo());
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(paid.amountMinor()).isEqualTo(1250L);
        assertThat(paid.currency()).isEqualTo("CNY");
        assertThat(paid.gatewayTradeNo()).isNotBlank();
        assertThat(paid.paidAt()).isNotNull();
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("R24 a close within WeChat Pay's five minutes is refused; at closeNotBefore it closes and the code can no longer be paid")
    void closeWithinTheMinimumIsRefusedAndAtCloseNotBeforeItCloses() throws Exception {
        PaymentOrder order = order(PaymentMethod.QR_SHOWN);
        QrOrder qr = wechat.createQrOrder(order, WechatPaySandbox.NOTIFY_URL);
        sandbox.clock.advance(Duration.ofSeconds(30)); // the till gives up (R24)

        assertThatThrownBy(() -> wechat.close(order.outTradeNo()))
                .isInstanceOfSatisfying(GatewayRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("INVALID_REQUEST:RULE_LIMIT"));
        Instant notBefore = wechat.closeNotBefore(order.createdAt());
        assertThat(notBefore).isEqualTo(order.createdAt().plus(Duration.ofMinutes(5)).plus(WechatPayGateway.TIMING_MARGIN));

        sandbox.clock.advance(Duration.between(sandbox.clock.instant(), notBefore).plusSeconds(1));
        GatewayAnswer closed = wechat.close(order.outTradeNo());
        assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(wechat.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(sandbox.customerPays(qr.codeUrl())).isEqualTo(400);
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("R24 closing an order the customer paid answers SUCCESS with the amount, never an error")
    void closingAPaidOrderAnswersSuccess() throws Exception {
        PaymentOrder order = order(PaymentMethod.QR_SHOWN);
        QrOrder qr = wechat.createQrOrder(order, WechatPaySandbox.NOTIFY_URL);
        sandbox.customerPays(qr.codeUrl());

        GatewayAnswer closed = wechat.close(order.outTradeNo());

        assertThat(closed.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(closed.amountMinor()).isEqualTo(1250L);
        assertThat(closed.gatewayTradeNo()).isNotBlank();
    }

    @Test
    @DisplayName("R16 a pay-code paid at once is SUCCESS with the amount, charged once")
    void payCodePaidAtOnceIsSuccess() {
        PaymentOrder order = order(PaymentMethod.PAY_CODE);

        GatewayAnswer paid = wechat.payByCode(order, "134567890123456789");

        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(paid.amountMinor()).isEqualTo(1250L);
        assertThat(paid.currency()).isEqualTo("CNY");
        assertThat(wechat.payByCode(order, "134567890123456789").status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
    }

    @Test
    @DisplayName("R16 R23 a pay-code waiting for the customer is USERPAYING, then queried until SUCCESS")
    void payCodeWaitingForTheCustomerIsQueriedUntilSuccess() throws Exception {
        sandbox.gateway.updateKnobs(knobs -> knobs.withConfirmDelayMs(300));
        PaymentOrder order = order(PaymentMethod.PAY_CODE);

        GatewayAnswer first = wechat.payByCode(order, "134567890123450000");
        assertThat(first.status()).isEqualTo(PaymentStatus.USERPAYING);

        GatewayAnswer last = first;
        for (int i = 0; i < 50 && !last.status().isFinal(); i++) {
            Thread.sleep(100);
            last = wechat.query(order.outTradeNo());
        }
        assertThat(last.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(last.amountMinor()).isEqualTo(1250L);
    }

    @Test
    @DisplayName("R16 a pay-code never confirmed is reversed no sooner than reverseNotBefore, then REVOKED")
    void payCodeNeverConfirmedIsReversedAfterTheMinimum() {
        PaymentOrder order = order(PaymentMethod.PAY_CODE);
        assertThat(wechat.payByCode(order, "134567890123459999").status()).isEqualTo(PaymentStatus.USERPAYING);

        assertThatThrownBy(() -> wechat.reverse(order.outTradeNo()))
                .isInstanceOfSatisfying(GatewayRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("INVALID_REQUEST:RULE_LIMIT"));
        Instant notBefore = wechat.reverseNotBefore(order.createdAt());
        assertThat(notBefore).isEqualTo(order.createdAt().plusSeconds(15).plus(WechatPayGateway.TIMING_MARGIN));

        sandbox.clock.advance(Duration.between(sandbox.clock.instant(), notBefore).plusSeconds(1));
        assertThat(wechat.reverse(order.outTradeNo()).status()).isEqualTo(PaymentStatus.REVOKED);
        assertThat(wechat.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.REVOKED);
        assertThat(sandbox.gateway.ledger().chargeCount(order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("R17 refusals come back as neutral reasons with WeChat Pay's code beside them; nothing is charged")
    void refusalsAreNeutralReasonsWithTheProvidersCode() {
        PaymentOrder poor = order(PaymentMethod.PAY_CODE);
        assertThat(wechat.payByCode(poor, "134567890123451111"))
                .satisfies(a -> assertThat(a.status()).isEqualTo(PaymentStatus.FAILED))
                .satisfies(a -> assertThat(a.reasonCode()).isEqualTo("INSUFFICIENT_BALANCE:NOTENOUGH"));

        PaymentOrder malformed = order(PaymentMethod.PAY_CODE);
        assertThat(wechat.payByCode(malformed, "99").reasonCode()).isEqualTo("CODE_INVALID:AUTH_CODE_INVALID");

        sandbox.gateway.updateKnobs(knobs -> knobs.withDeclineRate(1.0));
        PaymentOrder declined = order(PaymentMethod.PAY_CODE);
        assertThat(wechat.payByCode(declined, "134567890123456789").reasonCode())
                .isEqualTo("PROVIDER_REFUSED:TRADE_ERROR");
        assertThat(wechat.query(declined.outTradeNo()).status()).isEqualTo(PaymentStatus.FAILED);

        assertThat(sandbox.gateway.ledger().chargeCount(poor.outTradeNo())
                + sandbox.gateway.ledger().chargeCount(declined.outTradeNo())).isZero();
        assertThatThrownBy(() -> wechat.query("NOSUCHORDER000000000000000"))
                .isInstanceOfSatisfying(GatewayRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("OTHER:ORDER_NOT_EXIST"));
    }

    @Test
    @DisplayName("a refund number refunds once: the repeat answers the same refund and the ledger holds one")
    void aRefundNumberRefundsOnce() throws Exception {
        PaymentOrder order = order(PaymentMethod.QR_SHOWN);
        sandbox.customerPays(wechat.createQrOrder(order, WechatPaySandbox.NOTIFY_URL).codeUrl());
        Money part = Money.ofMinor(500, "CNY");

        RefundAnswer first = wechat.refund(order.outTradeNo(), "R" + order.outTradeNo(), part, TOTAL, "returned");
        RefundAnswer again = wechat.refund(order.outTradeNo(), "R" + order.outTradeNo(), part, TOTAL, "returned");

        assertThat(first.done()).isTrue();
        assertThat(again.refundId()).isEqualTo(first.refundId());
        assertThat(wechat.queryRefund("R" + order.outTradeNo()).refundId()).isEqualTo(first.refundId());
        assertThat(sandbox.gateway.ledger().order(order.outTradeNo()).orElseThrow().refundedMinor()).isEqualTo(500);
        assertThat(wechat.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    @DisplayName("R11 an answer later than the timeout (the timeout knob) is outcome unknown, not a refusal")
    void aLateAnswerIsOutcomeUnknown() {
        sandbox.close();
        sandbox = new WechatPaySandbox(dataDir, Duration.ofMillis(400));
        wechat = sandbox.adapter();
        PaymentOrder order = order(PaymentMethod.PAY_CODE);
        sandbox.gateway.updateKnobs(knobs -> knobs.withTimeoutRate(1.0).withTimeoutDelayMs(1500));

        assertThatThrownBy(() -> wechat.payByCode(order, "134567890123456789"))
                .isInstanceOf(GatewayTimeoutException.class).hasMessageContaining("outcome unknown")
                .hasMessageNotContaining("134567890123456789");

        sandbox.gateway.updateKnobs(knobs -> knobs.withTimeoutRate(0));
        assertThat(wechat.query(order.outTradeNo()).status()).isEqualTo(PaymentStatus.SUCCESS); // it went through
    }

    @Test
    @DisplayName("a gateway that cannot be reached is unreachable: nothing was sent")
    void aGatewayThatCannotBeReachedIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ProviderSettings elsewhere = sandbox.settings(Duration.ofSeconds(2))
                .withBaseUrl(URI.create("http://127.0.0.1:" + closedPort + "/"));
        try (PaymentProvider provider = PaymentProviders.open(elsewhere)) {
            assertThat(provider.name()).isEqualTo("wechatpay");
            assertThatThrownBy(() -> provider.gateway().query(order(PaymentMethod.QR_SHOWN).outTradeNo()))
                    .isInstanceOf(GatewayUnreachableException.class);
        }
    }

    @Test
    @DisplayName("the provider made by PaymentProviders from the files the face wrote talks to the face")
    void theProviderFromTheFacesCredentialsWorks() {
        try (PaymentProvider provider = PaymentProviders.open(sandbox.settings(Duration.ofSeconds(5)))) {
            PaymentOrder order = order(PaymentMethod.PAY_CODE);
            assertThat(provider.gateway().payByCode(order, "134567890123456789").status())
                    .isEqualTo(PaymentStatus.SUCCESS);
            assertThat(provider.notifications().provider()).isEqualTo("wechatpay");
        }
    }

    @Test
    @DisplayName("credentials of another merchant are refused by the face (MCH_NOT_EXISTS)")
    void anotherMerchantsCredentialsAreRefused(@TempDir Path otherDir) {
        try (pos.gateway.sandbox.SandboxGateway other = pos.gateway.sandbox.SandboxGateway.builder()
                .protocol("wechatpay-v3").dataDir(otherDir).build().start()) {
            ProviderSettings foreign = new ProviderSettings("wechatpay", sandbox.baseUri(), other.credentialsDir(),
                    Map.of(), WechatPaySandbox.NOTIFY_URL, Duration.ofSeconds(5), Duration.ofMinutes(2), null);
            try (PaymentProvider provider = PaymentProviders.open(foreign)) {
                assertThat(provider.gateway().payByCode(order(PaymentMethod.PAY_CODE), "134567890123456789")
                        .reasonCode()).isEqualTo("MERCHANT_NOT_SET_UP:MCH_NOT_EXISTS");
                assertThatThrownBy(() -> provider.gateway().query(order(PaymentMethod.QR_SHOWN).outTradeNo()))
                        .isInstanceOfSatisfying(GatewayRefusedException.class,
                                e -> assertThat(e.code()).isEqualTo("MERCHANT_NOT_SET_UP:MCH_NOT_EXISTS"));
            }
        }
    }

    @Test
    @DisplayName("an answer not signed with the configured WeChat Pay public key is not taken: outcome unknown")
    void anAnswerSignedWithAnotherKeyIsNotTaken(@TempDir Path credentials) throws Exception {
        try (var files = java.nio.file.Files.list(sandbox.gateway.credentialsDir())) {
            for (Path file : files.toList()) {
                java.nio.file.Files.copy(file, credentials.resolve(file.getFileName()));
            }
        }
        java.security.PublicKey stranger = pos.gateway.sandbox.face.wechatpay.WechatPayKeys
                .generate(new java.security.SecureRandom()).platformPublicKey();
        Path publicKey = credentials.resolve("wechatpay-public-key.pem");
        java.nio.file.Files.delete(publicKey);
        java.nio.file.Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(stranger.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        java.nio.file.Files.setPosixFilePermissions(publicKey,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        ProviderSettings misconfigured = new ProviderSettings("wechatpay", sandbox.baseUri(), credentials, Map.of(),
                WechatPaySandbox.NOTIFY_URL, Duration.ofSeconds(5), Duration.ofMinutes(2), null);
        try (PaymentProvider provider = PaymentProviders.open(misconfigured)) {
            PaymentOrder order = order(PaymentMethod.PAY_CODE);
            assertThatThrownBy(() -> provider.gateway().payByCode(order, "134567890123456789"))
                    .isInstanceOf(GatewayTimeoutException.class).hasMessageContaining("could not be verified");
        }
    }

    @Test
    @DisplayName("a sale in another currency than CNY is refused before anything is sent, saying WeChat Pay takes CNY only")
    void anotherCurrencyIsRefusedBeforeAnythingIsSent() {
        Money euros = Money.ofMinor(509, "EUR");
        PaymentOrder qr = new PaymentOrder(ids.next(), "till-1", PaymentMethod.QR_SHOWN, euros, "milk",
                sandbox.clock.instant());
        PaymentOrder code = new PaymentOrder(ids.next(), "till-1", PaymentMethod.PAY_CODE, euros, "milk",
                sandbox.clock.instant());

        assertThatThrownBy(() -> wechat.createQrOrder(qr, WechatPaySandbox.NOTIFY_URL))
                .isInstanceOfSatisfying(pos.core.pay.GatewayRefusedException.class, e -> assertThat(e.code())
                        .isEqualTo("CURRENCY_NOT_ACCEPTED:CURRENCY_NOT_CNY"))
                .hasMessageContaining("WeChat Pay takes CNY only, not EUR");
        assertThatThrownBy(() -> wechat.payByCode(code, "134567890123456789"))
                .isInstanceOfSatisfying(pos.core.pay.GatewayRefusedException.class, e -> assertThat(e.code())
                        .isEqualTo("CURRENCY_NOT_ACCEPTED:CURRENCY_NOT_CNY"));
        assertThat(sandbox.gateway.ledger().order(qr.outTradeNo())).isEmpty();
        assertThat(sandbox.gateway.ledger().order(code.outTradeNo())).isEmpty();
    }

    private PaymentOrder order(PaymentMethod method) {
        return new PaymentOrder(ids.next(), "till-1", method, TOTAL, "Store 1 · 2 items", sandbox.clock.instant());
    }
}
