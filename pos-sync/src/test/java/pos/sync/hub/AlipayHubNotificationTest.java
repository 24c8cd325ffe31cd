package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.api.internal.util.AlipaySignature;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentOrder;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.NotificationStatus;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 13: the store hub's {@code /notify/alipay} with the real hub, Redis and MariaDB, the sandbox speaking Alipay's
 * protocol and notifying the hub over HTTP, read by {@code AlipayNotifications}.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("R22 the hub takes Alipay's notifications and refuses doctored ones, changing nothing")
class AlipayHubNotificationTest {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path sandboxDir;
    @TempDir
    static Path alipayDir;

    private ProviderHubRig rig;

    @BeforeAll
    void start() {
        rig = new ProviderHubRig(redis, database, sandboxDir, alipayDir, "alipay", "alipay");
    }

    @AfterAll
    void stop() {
        rig.close();
    }

    @Test
    @DisplayName("R21 R22 the customer pays a QR order: Alipay's notification reaches the hub, is answered 'success' and"
            + " settles the payment; a replay of it changes nothing")
    void realNotificationSettles() {
        PaymentOrder order = rig.order(1250);
        rig.openQrOrder(order);

        rig.pay(order);

        await().atMost(Duration.ofSeconds(10)).until(() -> rig.harness.status(order).equals("SUCCESS"));
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.delivered(order.outTradeNo()));
        assertThat(rig.harness.isPending(order)).isFalse();

        HttpResponse<String> replay = post(rendered(order.outTradeNo()));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("success");
        assertThat(rig.harness.status(order)).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("forged, tampered and wrong-merchant notifications are answered 'fail' and change nothing")
    void doctoredNotificationsChangeNothing() throws Exception {
        PaymentOrder order = rig.order(800);
        rig.openQrOrder(order);
        String genuine = paidElsewhere(order);
        String alipayKey = alipayPrivateKey();
        String otherKey = otherPrivateKey();

        for (String body : new String[] {
                resign(genuine, otherKey, p -> { }),                                   // forged
                edit(genuine, p -> p.put("total_amount", "0.01")),                     // tampered
                edit(genuine, p -> p.remove("sign")),                                  // unsigned
                resign(genuine, alipayKey, p -> p.put("app_id", "2021000000000001")),  // another app
                resign(genuine, alipayKey, p -> p.put("seller_id", "2088000000000001"))}) {
            HttpResponse<String> answer = post(body);
            assertThat(answer.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(answer.body()).isEqualTo("fail");
        }
        assertThat(rig.harness.status(order)).isEqualTo("NONE");
        assertThat(rig.harness.isPending(order)).isTrue();
    }

    @Test
    @DisplayName("SEC-206 a genuine-looking notification for another amount is held, not settled")
    void wrongAmountIsHeld() throws Exception {
        PaymentOrder order = rig.order(1250);
        rig.openQrOrder(order);
        String genuine = paidElsewhere(order);

        HttpResponse<String> answer = post(resign(genuine, alipayPrivateKey(), p -> p.put("total_amount", "1.00")));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(rig.harness.redis.hgetall("pos:pay:held:" + order.outTradeNo())).containsEntry("amountMinor", "100")
                .containsEntry("orderAmountMinor", "1250").containsEntry("currency", "CNY");
        assertThat(rig.harness.status(order)).isEqualTo("NONE");
    }

    /** A fresh attempt of the notification the face stored for {@code outTradeNo}: the same notify_id, signed anew. */
    private String rendered(String outTradeNo) {
        NotificationRow event = rig.sandbox.ledger().notifications(outTradeNo).get(0);
        return new String(rig.sandbox.face().notifications().render(event).body(), StandardCharsets.UTF_8);
    }

    /**
     * A notification exactly as the face would sign it for {@code order} paid, never sent: the raw material of the
     * doctored ones (the order itself stays unpaid at the gateway).
     */
    private String paidElsewhere(PaymentOrder order) {
        String json = "{\"id\":\"evt-" + order.outTradeNo() + "\",\"event_type\":\"TRANSACTION.SUCCESS\","
                + "\"out_trade_no\":\"" + order.outTradeNo() + "\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":"
                + order.amount().minorUnits() + ",\"currency\":\"CNY\"},\"transaction_id\":\"2026120722001\","
                + "\"success_time\":\"2026-12-07T08:00:00Z\"}";
        NotificationRow event = new NotificationRow("evt-" + order.outTradeNo(), order.outTradeNo(), "TRANSACTION.SUCCESS",
                "http://127.0.0.1:9/", json, 0, Instant.now(), Instant.now(), NotificationStatus.PENDING, false, null,
                null);
        return new String(rig.sandbox.face().notifications().render(event).body(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String form) {
        return rig.notify("application/x-www-form-urlencoded; charset=utf-8", Map.of(),
                form.getBytes(StandardCharsets.UTF_8));
    }

    private static String edit(String form, Consumer<Map<String, String>> change) {
        Map<String, String> params = parse(form);
        change.accept(params);
        return encode(params);
    }

    private static String resign(String form, String privateKey, Consumer<Map<String, String>> change) throws Exception {
        Map<String, String> params = parse(form);
        change.accept(params);
        params.remove("sign");
        params.put("sign", AlipaySignature.rsa256Sign(AlipaySignature.getSignCheckContentV1(new LinkedHashMap<>(params)),
                privateKey, "utf-8"));
        return encode(params);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String encode(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((name, value) -> text.append(text.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString();
    }

    /** The face's own Alipay key from its data directory: doctored notifications "really signed by Alipay". */
    private static String alipayPrivateKey() throws Exception {
        return Files.readString(alipayDir.resolve("alipay/alipay-private-key.pem"))
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String otherPrivateKey() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return java.util.Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    }

}
