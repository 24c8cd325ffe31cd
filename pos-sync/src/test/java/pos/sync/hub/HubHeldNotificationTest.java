package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.pay.PaymentOrder;
import pos.hub.Alert;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 10: "a correctly signed notification whose amount differs from the order settles it as paid".
 * The real hub, Redis and MariaDB; notifications signed with the sandbox gateway's real key.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("SEC-206 a correctly signed notification for another amount or currency is held, never settled")
class HubHeldNotificationTest {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path sandboxDir;

    private HubHarness harness;
    private StoreHub hub;

    @BeforeAll
    void startHub() {
        harness = new HubHarness(redis, database, sandboxDir);
        hub = harness.startHub(b -> b.reconcileEvery(Duration.ofHours(1)));
    }

    @AfterAll
    void stopHub() {
        harness.close();
    }

    @ParameterizedTest(name = "{0} {1} for an order of 12.50 EUR")
    @CsvSource(textBlock = """
            100,  EUR, 1.00 EUR
            1250, USD, 12.50 USD
            125000, EUR, 1250.00 EUR
            """)
    @DisplayName("SEC-206 R8 a signed notification whose amount or currency differs: held in Redis before the 2xx, result"
            + " unchanged, alert with both amounts; the right one then settles")
    void notificationForAnotherAmountIsHeld(long amountMinor, String currency, String said) {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        harness.pending.add(order, "weixin://wxpay/bizpayurl?pr=held");
        String tx = order.outTradeNo();
        String wrong = HubHarness.successBody(order).replace("\"total\":1250,\"currency\":\"EUR\"",
                "\"total\":" + amountMinor + ",\"currency\":\"" + currency + "\"");
        assertThat(wrong).contains("\"total\":" + amountMinor);

        HttpResponse<String> answer = harness.notify(hub, wrong, h -> h);

        assertThat(answer.statusCode()).as("stored, so the gateway may stop retrying").isEqualTo(200);
        Map<String, String> held = harness.redis.hgetall("pos:pay:held:" + tx);
        assertThat(held).containsEntry("amountMinor", Long.toString(amountMinor)).containsEntry("currency", currency)
                .containsEntry("orderAmountMinor", "1250").containsEntry("orderCurrency", "EUR")
                .containsEntry("status", "SUCCESS").containsEntry("source", "notification");
        assertThat(harness.redis.ttl("pos:pay:held:" + tx)).isBetween(Duration.ofDays(6).toSeconds(),
                Duration.ofDays(7).toSeconds());
        String expected = "notification for " + tx + " says " + said + ", the order is 12.50 EUR: held, not settled";
        assertThat(held.get("reason")).isEqualTo(expected);
        assertThat(harness.status(order)).as("the result is not changed").isEqualTo("NONE");
        assertThat(harness.isPending(order)).isTrue();
        assertThat(hub.alerts()).filteredOn(a -> a.name().equals("payment-held:" + tx)).singleElement()
                .satisfies(a -> {
                    assertThat(a.level()).isEqualTo(Alert.Level.CRITICAL);
                    assertThat(a.message()).isEqualTo(expected);
                });
        assertThat(harness.get(hub, "payments/" + tx).body()).contains("\"status\":\"PENDING\"", "\"paid\":false");

        // The gateway's notification for the order's own amount settles it as before.
        assertThat(harness.notify(hub, HubHarness.successBody(order), h -> h).statusCode()).isEqualTo(200);
        assertThat(harness.status(order)).isEqualTo("SUCCESS");
        assertThat(harness.isPending(order)).isFalse();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("SEC-209 R23 a gateway query answer whose amount differs from the order in Redis is held, not settled")
    void gatewayAnswerForAnotherAmountIsHeld() {
        harness.knobs(k -> k.withDropNotifyRate(1).withDropNotifyPermanently(true));
        try {
            PaymentOrder order = harness.newOrder(Duration.ofSeconds(6));
            String tx = order.outTradeNo();
            pos.core.pay.QrOrder qr = harness.openQrOrder(order, hub); // 12.50 EUR at the gateway and in Redis
            harness.customerPays(qr);
            // The order in Redis says 50.09 EUR now (someone who reached Redis, or a till's bug).
            harness.redis.hset("pos:pay:order:" + tx, "amountMinor", "5009");

            HttpResponse<String> status = harness.get(hub, "payments/" + tx);

            assertThat(status.body()).contains("\"status\":\"PENDING\"", "\"paid\":false");
            assertThat(harness.gateway.queries).as("R23: the hub asked the gateway").hasValue(1);
            assertThat(harness.redis.hgetall("pos:pay:held:" + tx)).containsEntry("source", "gateway answer to a status query")
                    .containsEntry("amountMinor", "1250").containsEntry("orderAmountMinor", "5009")
                    .containsEntry("reason", "gateway answer to a status query for " + tx
                            + " says 12.50 EUR, the order is 50.09 EUR: held, not settled");
            assertThat(harness.status(order)).as("the result is not changed").isEqualTo("NONE");
            assertThat(hub.alerts()).extracting(Alert::name).contains("payment-held:" + tx);
        } finally {
            harness.knobs(k -> k.withDropNotifyRate(0).withDropNotifyPermanently(false));
        }
    }
}
