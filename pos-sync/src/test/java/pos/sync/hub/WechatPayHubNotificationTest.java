package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentOrder;
import pos.gateway.sandbox.face.wechatpay.WechatPayFace;
import pos.gateway.sandbox.face.wechatpay.WechatPayKeys;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 13: the store hub's {@code /notify/wechatpay} with the real hub, Redis and MariaDB, the sandbox speaking WeChat
 * Pay API v3 and notifying the hub over HTTP, read by {@code WechatPayNotifications} (the SDK's parser). Doctored
 * notifications are made the way an attacker on the store network would: signed with another key, a byte of the
 * ciphertext changed, a genuine one replayed later, one for another merchant or another amount — the last two even
 * signed and encrypted with WeChat Pay's own keys, as if WeChat Pay itself had been fooled.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("R22 the hub takes WeChat Pay's notifications and refuses doctored ones, changing nothing")
class WechatPayHubNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path sandboxDir;
    @TempDir
    static Path wechatDir;

    private ProviderHubRig rig;

    @BeforeAll
    void start() {
        rig = new ProviderHubRig(redis, database, sandboxDir, wechatDir, WechatPayFace.PROTOCOL, "wechatpay");
    }

    @AfterAll
    void stop() {
        rig.close();
    }

    @Test
    @DisplayName("R21 R22 the customer pays a QR order: WeChat Pay's encrypted notification reaches the hub, is acknowledged"
            + " and settles the payment; a replay of it within the window changes nothing")
    void realNotificationSettles() {
        PaymentOrder order = rig.order(1250);
        rig.openQrOrder(order);

        rig.pay(order);

        await().atMost(Duration.ofSeconds(10)).until(() -> rig.harness.status(order).equals("SUCCESS"));
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.delivered(order.outTradeNo()));
        assertThat(rig.harness.isPending(order)).isFalse();

        Delivery again = Delivery.of(rig.sandbox.face().notifications().render(stored(order.outTradeNo())));
        HttpResponse<String> replay = post(again);
        assertThat(replay.statusCode()).isBetween(200, 299);
        assertThat(rig.harness.status(order)).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("forged, tampered, replayed-late and wrong-merchant notifications are refused with 4xx and change nothing")
    void doctoredNotificationsChangeNothing() throws Exception {
        PaymentOrder order = rig.order(800);
        rig.openQrOrder(order);
        Delivery genuine = encrypted(transaction(order, 800, keys().merchantId())).signedAt(Instant.now(),
                keys().platformPrivateKey());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();

        for (Delivery doctored : new Delivery[] {
                genuine.signedAt(Instant.now(), stranger),                                          // forged
                genuine.withOneCiphertextByteChanged().signedAt(Instant.now(), keys().platformPrivateKey()), // tampered
                genuine.withOneCiphertextByteChanged(),                                             // tampered, old signature
                genuine.signedAt(Instant.now().minus(Duration.ofMinutes(6)), keys().platformPrivateKey()), // replayed late
                encrypted(transaction(order, 800, "1900000001")).signedAt(Instant.now(),
                        keys().platformPrivateKey())}) {                                            // another merchant
            HttpResponse<String> answer = post(doctored);
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
            assertThat(JSON.readTree(answer.body()).get("code").asText()).isEqualTo("FAIL");
        }
        assertThat(rig.harness.status(order)).isEqualTo("NONE");
        assertThat(rig.harness.isPending(order)).isTrue();
        assertThat(rig.harness.redis.exists("pos:pay:held:" + order.outTradeNo())).isZero();
    }

    @Test
    @DisplayName("SEC-206 a notification signed and encrypted with WeChat Pay's keys but for another amount is held, not settled")
    void wrongAmountIsHeld() throws Exception {
        PaymentOrder order = rig.order(1250);
        rig.openQrOrder(order);

        HttpResponse<String> answer = post(encrypted(transaction(order, 100, keys().merchantId()))
                .signedAt(Instant.now(), keys().platformPrivateKey()));

        assertThat(answer.statusCode()).isBetween(200, 299); // held is stored: WeChat Pay may stop sending it
        assertThat(rig.harness.redis.hgetall("pos:pay:held:" + order.outTradeNo())).containsEntry("amountMinor", "100")
                .containsEntry("orderAmountMinor", "1250").containsEntry("currency", "CNY");
        assertThat(rig.harness.status(order)).isEqualTo("NONE");
    }

    private NotificationRow stored(String outTradeNo) {
        return rig.sandbox.ledger().notifications(outTradeNo).get(0);
    }

    private WechatPayKeys keys() {
        return ((WechatPayFace) rig.sandbox.face()).keys();
    }

    private HttpResponse<String> post(Delivery delivery) {
        return rig.notify("application/json", delivery.headers(), delivery.body());
    }

    /** A transaction as WeChat Pay notifies it: paid, {@code total} fen, for merchant {@code mchid}. */
    private ObjectNode transaction(PaymentOrder order, long total, String mchid) {
        ObjectNode transaction = JSON.createObjectNode().put("appid", keys().appId()).put("mchid", mchid)
                .put("out_trade_no", order.outTradeNo()).put("transaction_id", "4200000000000000000000000042")
                .put("trade_type", "NATIVE").put("trade_state", "SUCCESS")
                .put("success_time", "2026-12-07T08:00:00+08:00");
        transaction.putObject("amount").put("total", total).put("payer_total", total).put("currency", "CNY");
        return transaction;
    }

    /** {@code resource} encrypted with the store's API v3 key (AEAD_AES_256_GCM), in WeChat Pay's envelope; unsigned. */
    private Delivery encrypted(ObjectNode resource) throws Exception {
        String nonce = "a1b2c3d4e5f6";
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys().apiV3Key().getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        String ciphertext = Base64.getEncoder().encodeToString(cipher.doFinal(resource.toString()
                .getBytes(StandardCharsets.UTF_8)));
        ObjectNode body = JSON.createObjectNode().put("id", "evt-" + resource.get("out_trade_no").asText())
                .put("create_time", "2026-12-07T08:00:00+08:00").put("resource_type", "encrypt-resource")
                .put("event_type", "TRANSACTION.SUCCESS").put("summary", "支付成功");
        body.putObject("resource").put("original_type", "transaction").put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", ciphertext).put("associated_data", "transaction").put("nonce", nonce);
        return new Delivery(Map.of("Wechatpay-Serial", keys().publicKeyId(), "Wechatpay-Signature-Type",
                "WECHATPAY2-SHA256-RSA2048"), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One notification as sent: its headers and body. */
    private record Delivery(Map<String, String> headers, byte[] body) {
        static Delivery of(pos.gateway.sandbox.face.NotificationWire.Delivery delivery) {
            return new Delivery(delivery.headers(), delivery.body());
        }

        /** Signed as WeChat Pay signs ({@code timestamp\nnonce\nbody\n}, SHA256withRSA) at {@code at} with {@code key}. */
        Delivery signedAt(Instant at, PrivateKey key) throws Exception {
            String timestamp = Long.toString(at.getEpochSecond());
            String nonce = "N" + System.nanoTime();
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((timestamp + "\n" + nonce + "\n" + new String(body, StandardCharsets.UTF_8) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            Map<String, String> signed = new HashMap<>(headers);
            signed.put("Wechatpay-Timestamp", timestamp);
            signed.put("Wechatpay-Nonce", nonce);
            signed.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(signer.sign()));
            return new Delivery(signed, body);
        }

        Delivery withOneCiphertextByteChanged() {
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf("\"ciphertext\":\"") + 20;
            char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
            return new Delivery(headers, (text.substring(0, at) + flipped + text.substring(at + 1))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
