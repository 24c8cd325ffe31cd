package pos.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.NotificationRefusedException;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentNotice;
import pos.core.pay.PaymentNotifications;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.NotificationStatus;

@DisplayName("AlipayNotifications reading the sandbox's real Alipay notifications, and refusing doctored ones")
class AlipayNotificationsTest {

    private static final String PAYS_AT_ONCE = "281234567890123456";

    @TempDir
    static Path dataDir;
    static AlipaySandbox sandbox;
    static NotifyInbox inbox;
    static PaymentGateway gateway;
    static PaymentNotifications notifications;

    @BeforeAll
    static void start() {
        sandbox = new AlipaySandbox(dataDir);
        inbox = new NotifyInbox();
        PaymentProvider provider = sandbox.provider(inbox.url(), Duration.ofSeconds(2));
        gateway = provider.gateway();
        notifications = provider.notifications();
    }

    @AfterAll
    static void stop() {
        inbox.close();
        sandbox.close();
    }

    @Test
    @DisplayName("R22 a paid QR order's notification is a form post that reads as SUCCESS with the amount, the trade and the seller")
    void paidNotificationReadsAsSuccess() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.QR_SHOWN, 1230);
        sandbox.customerPays(gateway.createQrOrder(order, inbox.url()).codeUrl());

        NotifyInbox.Received received = inbox.awaitFor(order.outTradeNo(), 1).get(0);
        PaymentNotice notice = read(received).orElseThrow();

        assertThat(received.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(notice.provider()).isEqualTo("alipay");
        assertThat(notice.outTradeNo()).isEqualTo(order.outTradeNo());
        assertThat(notice.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(notice.providerState()).isEqualTo("TRADE_SUCCESS");
        assertThat(notice.amountMinor()).isEqualTo(1230);
        assertThat(notice.currency()).isEqualTo("CNY");
        assertThat(notice.gatewayTradeNo()).isEqualTo(gateway.query(order.outTradeNo()).gatewayTradeNo());
        assertThat(notice.paidAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        assertThat(notice.noticeId()).isNotBlank();
        assertThat(notice.merchantId()).isEqualTo(form(received).get("seller_id"));
        assertThat(form(received)).containsEntry("notify_type", "trade_status_sync").containsEntry("sign_type", "RSA2")
                .containsKeys("notify_time", "app_id", "charset", "version", "receipt_amount", "buyer_pay_amount",
                        "gmt_create", "gmt_payment");
    }

    @Test
    @DisplayName("R22 only the literal body 'success' stops the retries; a 200 'OK' is sent again, with the same notify_id")
    void onlySuccessAcknowledges() {
        inbox.failFirst(1);
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 800);
        gateway.payByCode(order, PAYS_AT_ONCE);

        List<NotifyInbox.Received> both = inbox.awaitFor(order.outTradeNo(), 2);

        assertThat(form(both.get(1)).get("notify_id")).isEqualTo(form(both.get(0)).get("notify_id"));
        awaitDelivered(order.outTradeNo());
        NotificationRow row = sandbox.gateway.ledger().notifications(order.outTradeNo()).get(0);
        assertThat(row.attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("R22 a replayed notification (the same notify_id again) reads the same notice; the hub's compare-and-set"
            + " makes the repeat a no-op")
    void replayReadsTheSameNotice() {
        NotifyInbox.Received received = paidNotification(990);

        assertThat(read(received)).isEqualTo(read(received));
    }

    @Test
    @DisplayName("a forged notification (signed with another key) is refused as of unproven origin")
    void forgedIsRefused() throws Exception {
        NotifyInbox.Received received = paidNotification(500);
        String otherKey = freshPrivateKey();

        assertRefusedUnproven(resign(received, otherKey, params -> {
        }));
    }

    @Test
    @DisplayName("a tampered notification (total_amount or out_trade_no changed after signing) is refused")
    void tamperedIsRefused() {
        NotifyInbox.Received received = paidNotification(500);

        assertRefusedUnproven(edit(received, params -> params.put("total_amount", "0.01")));
        assertRefusedUnproven(edit(received, params -> params.put("out_trade_no",
                AlipaySandbox.IDS.next().value())));
        assertRefusedUnproven(edit(received, params -> params.remove("sign")));
    }

    @Test
    @DisplayName("a notification for another app_id or seller_id, signed with Alipay's own key, is refused")
    void wrongMerchantIsRefused() throws Exception {
        NotifyInbox.Received received = paidNotification(500);
        String alipayKey = alipayPrivateKey();

        assertRefusedUnproven(resign(received, alipayKey, params -> params.put("app_id", "2021000000000001")));
        assertRefusedUnproven(resign(received, alipayKey, params -> params.put("seller_id", "2088000000000001")));
    }

    @Test
    @DisplayName("R22 a notification for another amount is read with the notified amount, for the hub to hold against"
            + " the order")
    void wrongAmountCarriesTheNotifiedAmount() throws Exception {
        NotifyInbox.Received received = paidNotification(500);

        Optional<PaymentNotice> notice = notifications.read(name -> null, received.contentType(),
                resign(received, alipayPrivateKey(), params -> params.put("total_amount", "5.01")));

        assertThat(notice.orElseThrow().amountMinor()).isEqualTo(501);
        assertThatThrownBy(() -> notifications.read(name -> null, received.contentType(),
                resign(received, alipayPrivateKey(), params -> params.put("total_amount", "5.001"))))
                .isInstanceOfSatisfying(NotificationRefusedException.class,
                        e -> assertThat(e.isOriginUnproven()).isFalse());
    }

    @Test
    @DisplayName("a cancel that refunds every fen is notified as TRADE_CLOSED with refund fields: REFUNDED")
    void wholeRefundReadsAsRefunded() {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 660);
        gateway.payByCode(order, PAYS_AT_ONCE);
        gateway.reverse(order.outTradeNo());

        NotifyInbox.Received refund = inbox.awaitFor(order.outTradeNo(), 2).stream()
                .filter(r -> form(r).containsKey("refund_fee")).findFirst().orElseThrow();

        assertThat(form(refund)).containsEntry("trade_status", "TRADE_CLOSED").containsEntry("refund_fee", "6.60");
        assertThat(read(refund).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    @DisplayName("the replies: 200 'success' takes it, 'fail' with the hub's status refuses it")
    void replies() {
        assertThat(notifications.accepted()).isEqualTo(new PaymentNotifications.Reply(200, "text/plain; charset=utf-8",
                "success"));
        assertThat(notifications.refused(401, "bad_signature", "why").body()).isEqualTo("fail");
        assertThat(notifications.refused(401, "bad_signature", "why").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("the credential files the face writes are the ones PaymentProviders requires, each of mode 0600")
    void credentialFilesAreOwnerOnly() throws Exception {
        Path dir = sandbox.gateway.credentialsDir();
        for (String name : PaymentProviders.REQUIRED_CREDENTIALS.get("alipay")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    private static NotifyInbox.Received paidNotification(long fen) {
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, fen);
        gateway.payByCode(order, PAYS_AT_ONCE);
        return inbox.awaitFor(order.outTradeNo(), 1).get(0);
    }

    private static Optional<PaymentNotice> read(NotifyInbox.Received received) {
        return notifications.read(name -> null, received.contentType(), received.body());
    }

    private static void assertRefusedUnproven(byte[] body) {
        assertThatThrownBy(() -> notifications.read(name -> null, "application/x-www-form-urlencoded; charset=utf-8",
                body)).isInstanceOfSatisfying(NotificationRefusedException.class,
                        e -> assertThat(e.isOriginUnproven()).isTrue());
    }

    private static void awaitDelivered(String outTradeNo) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sandbox.gateway.ledger().notifications(outTradeNo).get(0).status() != NotificationStatus.DELIVERED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the notification of " + outTradeNo + " was never taken");
            }
            Thread.onSpinWait();
        }
    }

    /** The received form with {@code change} applied, the signature left as it was. */
    private static byte[] edit(NotifyInbox.Received received, Consumer<Map<String, String>> change) {
        Map<String, String> params = form(received);
        change.accept(params);
        return encode(params);
    }

    /** The received form with {@code change} applied and signed again with {@code privateKey} (base64 PKCS#8). */
    private static byte[] resign(NotifyInbox.Received received, String privateKey, Consumer<Map<String, String>> change)
            throws Exception {
        Map<String, String> params = form(received);
        change.accept(params);
        params.remove("sign");
        String content = AlipaySignature.getSignCheckContentV1(new LinkedHashMap<>(params));
        params.put("sign", AlipaySignature.rsa256Sign(content, privateKey, "utf-8"));
        return encode(params);
    }

    private static Map<String, String> form(NotifyInbox.Received received) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : received.text().split("&")) {
            int equals = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static byte[] encode(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((name, value) -> text.append(text.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The face's own Alipay private key from its data directory: a doctored notification "really from Alipay". */
    private static String alipayPrivateKey() throws Exception {
        String pem = Files.readString(dataDir.resolve("alipay/alipay-private-key.pem"));
        return pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String freshPrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    }
}
