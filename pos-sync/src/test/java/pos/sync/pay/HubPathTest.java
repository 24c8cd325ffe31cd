package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.hub.archive.ArchiverSettings;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.sync.pay.QrPaymentTest.ObservingGateway;
import pos.contract.pay.PaymentKeys;
import pos.sync.testing.TestClock;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/** The till, the real store hub, the sandbox gateway notifying the hub, one Redis and MariaDB; one clock for till and hub. */
@WithRedis
@WithMariaDb
@DisplayName("TillPaymentDesk with the store hub (R22, R23)")
class HubPathTest {

    RedisProcess sharedRedis;
    TestDatabase database;
    @TempDir
    Path ledgerDir;
    @TempDir
    Path dataDir;
    SandboxGateway sandbox;
    StoreHub hub;
    DeskFixture till;
    java.security.KeyPair hubKeys;
    final AtomicInteger tillQueries = new AtomicInteger();

    @BeforeEach
    void start(TestInfo test) {
        String prefix = "h" + test.getTestMethod().orElseThrow().getName();
        hubKeys = pos.contract.auth.Ed25519.generate();
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(23).fastRetries(200).build().start();
        HubSettings hubSettings = HubSettings.builder().tillKeys(pos.sync.testing.TestTills.KEYS)
                .redis(sharedRedis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .keys(new PaymentKeys(prefix))
                .queryWait(Duration.ofSeconds(3))
                .resultKey(hubKeys.getPrivate())
                .archiver(ArchiverSettings.defaults("hub-" + prefix).withStreamKey(prefix + ":archive"))
                .build();
        // One clock drives the till and the hub, so that "5 s old" means the same to both.
        TestClock clock = new TestClock(Instant.now());
        hub = new StoreHub(hubSettings, new SandboxPaymentGateway(sandbox.baseUri()), clock);
        hub.start();
        PaymentSettings settings = PaymentSettings.defaults(hub.baseUri().resolve("notify/sandbox").toString(), hub.baseUri())
                .withTickEvery(Duration.ofMillis(20)).withHubPublicKey(hubKeys.getPublic());
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, prefix, settings, real -> new ObservingGateway(real) {
            @Override
            public GatewayAnswer query(String outTradeNo) {
                tillQueries.incrementAndGet();
                return super.query(outTradeNo);
            }
        }, clock);
    }

    @AfterEach
    void stop() {
        if (till != null) {
            till.close();
        }
        if (hub != null) {
            hub.close();
        }
        sandbox.close();
    }

    @Test
    @DisplayName("R22 end to end: the gateway notifies the hub, the hub writes Redis and publishes, the till is PAID at once")
    void notificationThroughTheHubPaysAtOnce() {
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 1250);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        long before = System.nanoTime();
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        till.awaitState(session, State.PAID); // the clock is not moved: neither the poll nor a query can do it
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(tillQueries).hasValue(0);
        // R17: the customer's side asks the hub and reads the same result from Redis.
        HttpResponse<String> status = get(hub.baseUri().resolve("payments/" + order.outTradeNo()));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"SUCCESS\"").contains("\"amountMinor\":1250");
    }

    @Test
    @DisplayName("R23 notifications lost: after 5 s the till's poll of the hub's status API makes the hub query the gateway")
    void hubQueriesTheGatewayWhenPolledAfterFiveSeconds() {
        sandbox.setKnobs(Knobs.defaults().withDropNotifyRate(1.0).withDropNotifyPermanently(true));
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 1350);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        till.advance(Duration.ofSeconds(2));
        assertThat(session.state()).as("2 s: the hub answers PENDING from Redis").isEqualTo(State.WAITING_FOR_CUSTOMER);
        till.advance(Duration.ofSeconds(3));
        till.awaitState(session, State.PAID);
        assertThat(tillQueries).as("the hub asked the gateway, not the till").hasValue(0);
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
