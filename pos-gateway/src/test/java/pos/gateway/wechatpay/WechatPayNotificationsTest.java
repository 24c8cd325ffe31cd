package pos.gateway.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.money.Money;
import pos.core.pay.NotificationRefusedException;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentNotice;
import pos.core.pay.PaymentNotifications;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.sale.TransactionId;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.sandbox.face.NotificationWire;
import pos.gateway.sandbox.face.wechatpay.WechatPayKeys;
import pos.gateway.sandbox.ledger.NotificationRow;

/**
 * WeChat Pay notifications as the face sends them, read by the adapter through the SDK's parser; forged, tampered,
 * replayed, wrong-merchant and wrong-amount notifications (R22: the hub takes only proven results).
 */
class WechatPayNotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private WechatPaySandbox sandbox;
    private PaymentNotifications notifications;
    private final TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());

    @BeforeEach
    void start() {
        sandbox = new WechatPaySandbox(dataDir);
        notifications = sandbox.provider.notifications();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("R22 the face's real notification, received over HTTP, reads as the paid order's notice and is acknowledged by status")
    void aRealNotificationReadsAsThePaidOrdersNotice() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/notify/wechatpay", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            PaymentNotifications.Reply reply;
            try {
                received.add(new Received(headers, body, notifications.read(headers::get, headers.get("Content-Type"),
                        body)));
                reply = notifications.accepted();
            } catch (NotificationRefusedException e) {
                reply = notifications.refused(401, "bad_signature", e.getMessage());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().isEmpty() ? -1 : reply.body().length());
            exchange.getResponseBody().write(reply.body().getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        receiver.start();
        try {
            String notifyUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify/wechatpay";
            PaymentOrder order = order();
            sandbox.customerPays(sandbox.adapter().createQrOrder(order, notifyUrl).codeUrl());

            for (int i = 0; i < 50 && received.isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertThat(received).hasSize(1);
            Received first = received.get(0);
            assertThat(first.headers().get("Wechatpay-Serial")).isEqualTo(keys().publicKeyId());
            assertThat(first.headers().get("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");
            PaymentNotice notice = first.notice().orElseThrow();
            assertThat(notice.provider()).isEqualTo("wechatpay");
            assertThat(notice.outTradeNo()).isEqualTo(order.outTradeNo());
            assertThat(notice.status()).isEqualTo(PaymentStatus.SUCCESS);
            assertThat(notice.amountMinor()).isEqualTo(1250);
            assertThat(notice.currency()).isEqualTo("CNY");
            assertThat(notice.merchantId()).isEqualTo(keys().merchantId());
            assertThat(notice.noticeId()).isNotBlank();
            assertThat(notice.gatewayTradeNo()).isEqualTo(sandbox.adapter().query(order.outTradeNo()).gatewayTradeNo());
            for (int i = 0; i < 50 && sandbox.gateway.ledger().notifications(order.outTradeNo()).get(0).deliveredAt()
                    == null; i++) {
                Thread.sleep(100);
            }
            assertThat(sandbox.gateway.ledger().notifications(order.outTradeNo()).get(0).deliveredAt()).isNotNull();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @DisplayName("R22 every retry of one event carries the same id and reads again")
    void aRetryCarriesTheSameId() throws Exception {
        PaymentOrder order = paidOrder();
        Delivery first = render(order);
        Delivery second = render(order);
        assertThat(first.headers().get("Wechatpay-Nonce")).isNotEqualTo(second.headers().get("Wechatpay-Nonce"));
        assertThat(read(first).orElseThrow().noticeId()).isEqualTo(read(second).orElseThrow().noticeId());
    }

    @Test
    @DisplayName("R22 a notification signed with another key is refused as of unproven origin")
    void aForgedNotificationIsRefused() throws Exception {
        Delivery real = render(paidOrder());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Delivery forged = real.resigned(generator.generateKeyPair().getPrivate());

        assertRefusedUnproven(forged, "signature");
    }

    @Test
    @DisplayName("R22 a tampered body is refused: one byte of the body, or one byte of the ciphertext re-signed with WeChat Pay's own key")
    void aTamperedNotificationIsRefused() throws Exception {
        Delivery real = render(paidOrder());
        String text = real.text();
        int at = text.indexOf("\"ciphertext\":\"") + 20;
        char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
        Delivery tampered = real.withBody(text.substring(0, at) + flipped + text.substring(at + 1));

        assertRefusedUnproven(tampered, "signature");
        assertRefusedUnproven(tampered.resigned(keys().platformPrivateKey()), "decrypt");
    }

    @Test
    @DisplayName("R22 a notification replayed outside the five-minute window is refused")
    void aReplayedNotificationIsRefused() throws Exception {
        Delivery real = render(paidOrder());
        sandbox.clock.advance(Duration.ofMinutes(6));

        assertRefusedUnproven(real, "replay");
    }

    @Test
    @DisplayName("R22 a notification for another merchant, though signed and encrypted with WeChat Pay's keys, is refused")
    void aNotificationForAnotherMerchantIsRefused() throws Exception {
        PaymentOrder order = paidOrder();
        ObjectNode transaction = transaction(order, 1250);
        transaction.put("mchid", "1900000000");

        assertRefusedUnproven(signed(transaction), "merchant");
    }

    @Test
    @DisplayName("R22 a notification with another amount is read with the amount notified, for the hub to hold")
    void aNotificationWithAnotherAmountCarriesTheNotifiedAmount() throws Exception {
        PaymentOrder order = paidOrder();

        PaymentNotice notice = read(signed(transaction(order, 1))).orElseThrow();

        assertThat(notice.outTradeNo()).isEqualTo(order.outTradeNo());
        assertThat(notice.amountMinor()).isEqualTo(1).isNotEqualTo(order.amount().minorUnits());
    }

    @Test
    @DisplayName("a refund's notification is proven and acknowledged but changes no payment state")
    void aRefundNotificationChangesNothing() throws Exception {
        PaymentOrder order = paidOrder();
        sandbox.adapter().refund(order.outTradeNo(), "R" + order.outTradeNo(), order.amount(), order.amount(), null);
        NotificationRow refund = sandbox.gateway.ledger().notifications(order.outTradeNo()).stream()
                .filter(row -> row.eventType().equals("REFUND.SUCCESS")).findFirst().orElseThrow();

        assertThat(read(Delivery.of(wire().render(refund)))).isEmpty();
    }

    @Test
    @DisplayName("a notification without WeChat Pay's headers is refused; the answers are WeChat Pay's")
    void missingHeadersAreRefusedAndTheAnswersAreWechatPays() throws Exception {
        Delivery real = render(paidOrder());
        Map<String, String> headers = new HashMap<>(real.headers());
        headers.remove("Wechatpay-Signature");
        assertRefusedUnproven(new Delivery(headers, real.body()), "Wechatpay-Signature");

        assertThat(notifications.accepted().status()).isEqualTo(204);
        PaymentNotifications.Reply refused = notifications.refused(401, "bad_signature", "the signature is wrong");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("FAIL");
    }

    private void assertRefusedUnproven(Delivery delivery, String why) {
        assertThatThrownBy(() -> read(delivery))
                .isInstanceOfSatisfying(NotificationRefusedException.class, e -> assertThat(e.isOriginUnproven())
                        .isTrue())
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains(why.toLowerCase(Locale.ROOT)));
    }

    private Optional<PaymentNotice> read(Delivery delivery) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(delivery.headers());
        return notifications.read(headers::get, "application/json", delivery.body());
    }

    private PaymentOrder order() {
        return new PaymentOrder(ids.next(), "till-1", PaymentMethod.QR_SHOWN, Money.ofMinor(1250, "CNY"), "Store 1",
                sandbox.clock.instant());
    }

    private PaymentOrder paidOrder() throws Exception {
        PaymentOrder order = order();
        sandbox.customerPays(sandbox.adapter().createQrOrder(order, WechatPaySandbox.NOTIFY_URL).codeUrl());
        return order;
    }

    private Delivery render(PaymentOrder order) {
        NotificationRow event = sandbox.gateway.ledger().notifications(order.outTradeNo()).get(0);
        return Delivery.of(wire().render(event));
    }

    private NotificationWire wire() {
        return sandbox.face.notifications();
    }

    private WechatPayKeys keys() {
        return sandbox.face.keys();
    }

    /** A transaction of this store as WeChat Pay would notify it, with {@code total} as the amount. */
    private ObjectNode transaction(PaymentOrder order, long total) {
        ObjectNode transaction = JSON.createObjectNode().put("appid", keys().appId()).put("mchid", keys().merchantId())
                .put("out_trade_no", order.outTradeNo()).put("transaction_id", "4200000000000000000000000001")
                .put("trade_type", "NATIVE").put("trade_state", "SUCCESS").put("success_time",
                        "2026-12-06T18:00:00+08:00");
        transaction.putObject("amount").put("total", total).put("payer_total", total).put("currency", "CNY");
        return transaction;
    }

    /** {@code resource} encrypted with the store's API v3 key and signed with WeChat Pay's platform key. */
    private Delivery signed(ObjectNode resource) throws Exception {
        String nonce = "0123456789ab";
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys().apiV3Key().getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        String ciphertext = Base64.getEncoder().encodeToString(cipher.doFinal(resource.toString()
                .getBytes(StandardCharsets.UTF_8)));
        ObjectNode body = JSON.createObjectNode().put("id", "made-by-the-test").put("create_time",
                "2026-12-06T18:00:00+08:00").put("resource_type", "encrypt-resource")
                .put("event_type", "TRANSACTION.SUCCESS").put("summary", "支付成功");
        body.putObject("resource").put("original_type", "transaction").put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", ciphertext).put("associated_data", "transaction").put("nonce", nonce);
        Map<String, String> headers = Map.of("Wechatpay-Serial", keys().publicKeyId(),
                "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        return new Delivery(headers, body.toString().getBytes(StandardCharsets.UTF_8))
                .resigned(keys().platformPrivateKey());
    }

    private record Received(Map<String, String> headers, byte[] body, Optional<PaymentNotice> notice) {
    }

    /** One notification as sent: headers and body. */
    private record Delivery(Map<String, String> headers, byte[] body) {
        static Delivery of(NotificationWire.Delivery delivery) {
            return new Delivery(delivery.headers(), delivery.body());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Delivery withBody(String text) {
            return new Delivery(headers, text.getBytes(StandardCharsets.UTF_8));
        }

        /** The same body signed now with {@code key}, as WeChat Pay signs: {@code timestamp\nnonce\nbody\n}. */
        Delivery resigned(PrivateKey key) throws Exception {
            String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
            String nonce = "NONCE" + System.nanoTime();
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((timestamp + "\n" + nonce + "\n" + text() + "\n").getBytes(StandardCharsets.UTF_8));
            Map<String, String> signedHeaders = new HashMap<>(headers);
            signedHeaders.put("Wechatpay-Timestamp", timestamp);
            signedHeaders.put("Wechatpay-Nonce", nonce);
            signedHeaders.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(signer.sign()));
            return new Delivery(signedHeaders, body);
        }
    }
}
