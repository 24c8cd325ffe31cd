package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.contract.auth.Ed25519;
import pos.contract.pay.PaymentKeys;
import pos.contract.pay.RedisResultBoard;
import pos.contract.pay.ResultSignature;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.pay.PaymentStatus;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.hub.archive.ArchiverSettings;
import pos.sync.journal.PaymentEvent;
import pos.sync.testing.TestClock;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 10, "nothing written into Redis by someone else becomes truth": anyone who reaches the store's
 * Redis writes a SUCCESS into a pending QR payment's result hash (and publishes the hint). The till,
 * the real store hub (signing with its key), the sandbox gateway, one Redis and MariaDB; one clock.
 */
@WithRedis
@WithMariaDb
@DisplayName("SEC-201..205 a result in Redis that the hub did not sign for the order's amount pays nothing")
class ForgedResultTest {

    RedisProcess sharedRedis;
    TestDatabase database;
    @TempDir
    Path ledgerDir;
    @TempDir
    Path dataDir;
    SandboxGateway sandbox;
    StoreHub hub;
    DeskFixture till;
    KeyPair hubKeys;
    PaymentKeys keys;

    @BeforeEach
    void start(TestInfo test) {
        String prefix = "f" + test.getTestMethod().orElseThrow().getName();
        keys = new PaymentKeys(prefix);
        hubKeys = Ed25519.generate();
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(29).fastRetries(200).build().start();
        HubSettings hubSettings = HubSettings.builder()
                .redis(sharedRedis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .keys(keys)
                .queryWait(Duration.ofSeconds(3))
                .resultKey(hubKeys.getPrivate())
                .archiver(ArchiverSettings.defaults("hub-" + prefix).withStreamKey(prefix + ":archive"))
                .build();
        TestClock clock = new TestClock(Instant.now());
        hub = new StoreHub(hubSettings, new SandboxPaymentGateway(sandbox.baseUri()), clock);
        hub.start();
        PaymentSettings settings = PaymentSettings.defaults(hub.baseUri().resolve("notify/sandbox").toString(), hub.baseUri())
                .withTickEvery(Duration.ofMillis(20)).withHubPublicKey(hubKeys.getPublic());
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, prefix, settings, null, clock);
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
    @DisplayName("SEC-201 R22 one HSET of an unsigned SUCCESS (and a PUBLISH) on a pending QR payment: not paid, refused,"
            + " and the customer's real payment still pays it")
    void unsignedSuccessInRedisIsNotPaid() {
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 5009);
        PaymentSession session = waitingFor(order);

        forge(order, fields(order, 5009, Instant.now(), null));
        assertNotPaidAfterThePoll(session, order);
        assertThat(hubAnswer(order)).as("the hub's status API does not pass the forgery on either")
                .contains("\"status\":\"PENDING\"");

        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        till.awaitState(session, State.PAID); // the hub replaced the forgery with its own signed result
        assertThat(till.board.read(order.outTradeNo()).orElseThrow().signature()).isNotNull();
    }

    @Test
    @DisplayName("SEC-202 a SUCCESS with a made-up sig field is refused: not paid, counted")
    void madeUpSignatureIsRefused() {
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 2300);
        PaymentSession session = waitingFor(order);

        forge(order, fields(order, 2300, Instant.now(), "A".repeat(86)));
        assertNotPaidAfterThePoll(session, order);
    }

    @Test
    @DisplayName("SEC-203 a valid hub signature copied from another paid transaction (same amount, same time) is refused")
    void signatureCopiedFromAnotherTransactionIsRefused() {
        PaymentOrder paid = till.order(PaymentMethod.QR_SHOWN, 1800);
        PaymentSession paidSession = waitingFor(paid);
        till.customer.pays(paidSession.qrOrder().orElseThrow().codeUrl());
        till.awaitState(paidSession, State.PAID);
        Map<String, String> genuine = hash(paid);
        assertThat(genuine).containsKey("sig");

        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 1800);
        PaymentSession session = waitingFor(order);
        forge(order, genuine); // status, amount, currency, method, updatedAt and sig exactly as the hub wrote them
        assertNotPaidAfterThePoll(session, order);
    }

    @Test
    @DisplayName("SEC-204 a result correctly signed with the hub's key but for another amount is refused")
    void correctlySignedResultForAnotherAmountIsRefused() {
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 5009);
        PaymentSession session = waitingFor(order);

        try (RedisResultBoard signing = new RedisResultBoard(till.redis, keys, Duration.ofMinutes(10),
                hubKeys.getPrivate())) {
            signing.publish(new PaymentResult(order.outTradeNo(), PaymentStatus.SUCCESS, 100, "EUR", PaymentMethod.QR_SHOWN,
                    null, Instant.now()));
        }
        assertThat(ResultSignature.verify(hubKeys.getPublic(), till.board.get(order.outTradeNo()).orElseThrow(),
                till.board.read(order.outTradeNo()).orElseThrow().signature())).as("the signature itself is good").isTrue();
        assertNotPaidAfterThePoll(session, order);
    }

    @Test
    @DisplayName("SEC-205 a till with no hub public key takes nothing from Redis or the hub as paid: only its own gateway"
            + " query pays (R23)")
    void tillWithoutHubKeyTrustsOnlyItsGateway() {
        till.close();
        TestClock clock = till.clock;
        PaymentSettings noKey = PaymentSettings.defaults(hub.baseUri().resolve("notify/sandbox").toString(), hub.baseUri())
                .withTickEvery(Duration.ofMillis(20));
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir.resolve("no-key"), keys.prefix(), noKey, null, clock,
                false);
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 4200);
        PaymentSession session = waitingFor(order);
        // Correctly signed by the real hub for the right amount: still not this till's word without the key.
        try (RedisResultBoard signing = new RedisResultBoard(till.redis, keys, Duration.ofMinutes(10),
                hubKeys.getPrivate())) {
            signing.publish(new PaymentResult(order.outTradeNo(), PaymentStatus.SUCCESS, 4200, "EUR", PaymentMethod.QR_SHOWN,
                    null, Instant.now()));
        }
        till.advance(Duration.ofSeconds(2));
        till.advance(Duration.ofSeconds(2));
        assertThat(session.state()).as("neither the board nor the hub's answer pays it").isEqualTo(State.WAITING_FOR_CUSTOMER);
        assertThat(till.journal.paymentEvents(order.outTradeNo())).extracting(PaymentEvent::status)
                .doesNotContain(PaymentStatus.SUCCESS);

        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        till.advance(Duration.ofSeconds(2)); // 6 s: the till's own gateway query (R23) finds the money
        till.awaitState(session, State.PAID);
    }

    // ---- helpers ----

    private PaymentSession waitingFor(PaymentOrder order) {
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        return session;
    }

    /** The attacker's fields: the order's transaction, SUCCESS, the given amount and time, and a sig if given. */
    private static Map<String, String> fields(PaymentOrder order, long amountMinor, Instant at, String sig) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", "SUCCESS");
        fields.put("amountMinor", Long.toString(amountMinor));
        fields.put("currency", "EUR");
        fields.put("method", order.method().name());
        fields.put("updatedAt", Long.toString(at.toEpochMilli()));
        if (sig != null) {
            fields.put("sig", sig);
        }
        return fields;
    }

    /** One HSET on the result hash and a PUBLISH of the hint, as anyone who reaches Redis can send them. */
    private void forge(PaymentOrder order, Map<String, String> fields) {
        try (StatefulRedisConnection<String, String> connection = till.redis.connect()) {
            connection.sync().hset(keys.result(order.outTradeNo()), fields);
            connection.sync().publish(keys.resultsChannel(), order.outTradeNo());
        }
    }

    private Map<String, String> hash(PaymentOrder order) {
        try (StatefulRedisConnection<String, String> connection = till.redis.connect()) {
            return connection.sync().hgetall(keys.result(order.outTradeNo()));
        }
    }

    /** The hint and the 2 s poll (hub API and board) have both looked: the till still waits, journaled nothing paid. */
    private void assertNotPaidAfterThePoll(PaymentSession session, PaymentOrder order) {
        long refusedBefore = till.desk.refusedResults();
        till.advance(Duration.ofSeconds(2));
        till.advance(Duration.ofSeconds(2));
        assertThat(session.state()).as("the forged result does not pay the sale").isEqualTo(State.WAITING_FOR_CUSTOMER);
        assertThat(till.journal.paymentEvents(order.outTradeNo())).extracting(PaymentEvent::status)
                .doesNotContain(PaymentStatus.SUCCESS);
        assertThat(till.desk.refusedResults()).as("each refusal is counted").isGreaterThan(refusedBefore);
    }

    private String hubAnswer(PaymentOrder order) {
        URI uri = hub.baseUri().resolve("payments/" + order.outTradeNo());
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
