package pos.sync.hub;

import pos.hub.StoreHub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentOrder;
import pos.core.pay.QrOrder;
import pos.gateway.sandbox.api.Knobs;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Store hub: the payment status API")
class HubStatusApiTest {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path sandboxDir;

    private HubHarness harness;
    private StoreHub hub;
    private StoreHub otherHub;

    @BeforeAll
    void startHubs() {
        harness = new HubHarness(redis, database, sandboxDir);
        // No reconciler rounds during these tests: every gateway query counted here comes from the status API.
        hub = harness.startHub(b -> b.reconcileEvery(Duration.ofHours(1)).queryInterval(Duration.ofSeconds(5)));
        otherHub = harness.startHub(b -> b.reconcileEvery(Duration.ofHours(1)).queryInterval(Duration.ofSeconds(5)));
    }

    @AfterAll
    void stopHubs() {
        harness.close();
    }

    @BeforeEach
    void wellBehavedGateway() {
        harness.knobs(k -> Knobs.defaults());
        harness.gateway.queries.set(0);
    }

    @Test
    @DisplayName("R23 a status query for a >= 5 s old open order makes one gateway query however many clients ask, on two hubs")
    void oneGatewayQueryForManyClients() throws Exception {
        PaymentOrder order = harness.newOrder(Duration.ofSeconds(6));
        harness.openQrOrder(order, hub);
        harness.knobs(k -> k.withLatencyMs(300)); // the query takes a while: the others arrive while it flies

        ExecutorService clients = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            StoreHub target = i % 2 == 0 ? hub : otherHub;
            answers.add(clients.submit(() -> {
                start.await();
                return harness.get(target, "payments/" + order.outTradeNo());
            }));
        }
        start.countDown();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"PENDING\"", "\"final\":false");
        }
        clients.shutdown();

        assertThat(harness.gateway.queries).as("gateway queries for 32 status requests on 2 hubs").hasValue(1);
        assertThat(harness.status(order)).isEqualTo("PENDING"); // the NOTPAY answer was recorded
    }

    @Test
    @DisplayName("R23 an open order younger than 5 s is answered from Redis without asking the gateway")
    void youngOrderIsAnsweredFromRedis() {
        PaymentOrder order = harness.newOrder(Duration.ofSeconds(1));
        harness.openQrOrder(order, hub);

        HttpResponse<String> response = harness.get(hub, "payments/" + order.outTradeNo());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"PENDING\"", "\"transactionId\":\"" + order.outTradeNo() + "\"",
                "\"amountMinor\":1250", "\"currency\":\"EUR\"", "\"method\":\"QR_SHOWN\"");
        assertThat(harness.gateway.queries).hasValue(0);
    }

    @Test
    @DisplayName("R23 a payment whose notification was lost is found by the status query and published (R22)")
    void lostNotificationIsFoundByTheStatusQuery() {
        harness.knobs(k -> k.withDropNotifyRate(1).withDropNotifyPermanently(true));
        PaymentOrder order = harness.newOrder(Duration.ofSeconds(6));
        QrOrder qr = harness.openQrOrder(order, hub);
        harness.customerPays(qr);

        HttpResponse<String> response = harness.get(hub, "payments/" + order.outTradeNo());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"SUCCESS\"", "\"paid\":true");
        assertThat(harness.status(order)).isEqualTo("SUCCESS");
        assertThat(harness.isPending(order)).isFalse();
        assertThat(harness.gateway.queries).hasValue(1);
    }

    @Test
    @DisplayName("R23 a final result is answered from Redis without asking the gateway")
    void finalResultNeedsNoQuery() {
        PaymentOrder order = harness.newOrder(Duration.ofSeconds(6));
        QrOrder qr = harness.openQrOrder(order, hub);
        harness.customerPays(qr);
        await("paid").atMost(Duration.ofSeconds(5)).until(() -> harness.status(order), equalTo("SUCCESS"));

        for (int i = 0; i < 5; i++) {
            assertThat(harness.get(otherHub, "payments/" + order.outTradeNo()).body()).contains("\"status\":\"SUCCESS\"");
        }
        assertThat(harness.gateway.queries).hasValue(0);
    }
}
