package pos.sync.hub;

import pos.gateway.sandboxapi.NotificationVerifier;
import pos.hub.HubHttp;
import pos.hub.StoreHub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Store hub: gateway notifications and the HTTP surface")
class HubNotificationTest {

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

    @Test
    @DisplayName("R22 the hub publishes the result at once: the till's watch hears of the customer's payment")
    @SuppressWarnings("try") // the watch only has to be open
    void paymentNotificationIsPublishedAtOnce() throws Exception {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        QrOrder qr = harness.openQrOrder(order, hub);
        BlockingQueue<String> hints = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = harness.board.watch(order.outTradeNo(), hints::add)) {
            long paidAt = System.nanoTime();
            harness.customerPays(qr);
            assertThat(hints.poll(5, TimeUnit.SECONDS)).isEqualTo(order.outTradeNo());
            assertThat(Duration.ofNanos(System.nanoTime() - paidAt)).isLessThan(Duration.ofSeconds(2));
        }
        PaymentResult result = harness.board.get(order.outTradeNo()).orElseThrow();
        assertThat(result.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(result.amountMinor()).isEqualTo(1250);
        HttpResponse<String> status = harness.get(hub, "payments/" + order.outTradeNo());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"SUCCESS\"", "\"final\":true", "\"paid\":true", "\"amountMinor\":1250");
    }

    @Test
    @DisplayName("R8 a successful notification takes the payment out of the pending queue")
    void successLeavesThePendingQueue() {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        QrOrder qr = harness.openQrOrder(order, hub);
        assertThat(harness.isPending(order)).isTrue();

        harness.customerPays(qr);

        await("the payment left the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
        assertThat(harness.status(order)).isEqualTo("SUCCESS");
        assertThat(harness.gateway.queries).hasValue(0);
    }

    @Test
    @DisplayName("R22 a notification delivered twice is accepted twice and changes nothing the second time")
    @SuppressWarnings("try") // the watch only has to be open
    void duplicateNotificationIsHarmless() throws Exception {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        harness.pending.add(order, "weixin://wxpay/bizpayurl?pr=dup");
        BlockingQueue<String> hints = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = harness.board.watch(order.outTradeNo(), hints::add)) {
            assertThat(harness.notify(hub, HubHarness.successBody(order), h -> h).statusCode()).isEqualTo(200);
            PaymentResult first = harness.board.get(order.outTradeNo()).orElseThrow();
            HttpResponse<String> again = harness.notify(hub, HubHarness.successBody(order), h -> h);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains("\"code\":\"SUCCESS\"");
            assertThat(harness.board.get(order.outTradeNo())).contains(first);
            assertThat(hints.poll(2, TimeUnit.SECONDS)).isEqualTo(order.outTradeNo());
            assertThat(hints.poll(300, TimeUnit.MILLISECONDS)).as("a duplicate publishes nothing").isNull();
        }
        assertThat(harness.isPending(order)).isFalse();
    }

    @Test
    @DisplayName("R8 a refund notification after the payment moves the result to REFUNDED")
    void refundNotificationMovesSuccessToRefunded() {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        QrOrder qr = harness.openQrOrder(order, hub);
        harness.customerPays(qr);
        await("paid").atMost(Duration.ofSeconds(5)).until(() -> harness.status(order), equalTo("SUCCESS"));

        assertThat(harness.gateway.refund(order.outTradeNo(), "R-" + order.outTradeNo(), order.amount(), order.amount(),
                "customer returned the goods").done()).isTrue();

        await("refunded").atMost(Duration.ofSeconds(5)).until(() -> harness.status(order), equalTo("REFUNDED"));
        assertThat(harness.get(hub, "payments/" + order.outTradeNo()).body()).contains("\"status\":\"REFUNDED\"",
                "\"paid\":false");
    }

    @Test
    @DisplayName("a tampered, stale, unsigned or foreign-key notification is refused with 401 and changes nothing")
    void forgedNotificationsAreRefused() {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        harness.pending.add(order, null);
        String body = HubHarness.successBody(order);
        String stale = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());

        List<HttpResponse<String>> answers = List.of(
                harness.notify(hub, body, body.replace("1250", "1"), h -> h), // body changed after signing
                harness.notify(hub, body, h -> {
                    h.put(NotificationVerifier.SIGNATURE_HEADER, "AAAA" + h.get(NotificationVerifier.SIGNATURE_HEADER).substring(4));
                    return h;
                }),
                harness.notify(hub, body, h -> {
                    h.put(NotificationVerifier.TIMESTAMP_HEADER, stale);
                    h.put(NotificationVerifier.SIGNATURE_HEADER, NotificationVerifier.signature("sandbox-secret", stale,
                            h.get(NotificationVerifier.NONCE_HEADER), body.getBytes(StandardCharsets.UTF_8)));
                    return h;
                }),
                harness.notify(hub, body, h -> {
                    h.remove(NotificationVerifier.SIGNATURE_HEADER);
                    return h;
                }),
                harness.notify(hub, body, h -> {
                    h.put(NotificationVerifier.KEY_ID_HEADER, "someone-else");
                    return h;
                }));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).contains("\"error\":\"bad_signature\"").doesNotContain("Exception", "at pos.");
        });
        assertThat(answers.get(2).body()).contains("from the hub's clock");
        assertThat(harness.status(order)).isEqualTo("NONE");
        assertThat(harness.isPending(order)).isTrue();
    }

    @Test
    @DisplayName("R22 a final state never moves backwards: SUCCESS then a late NOTPAY query answer stays SUCCESS")
    void lateQueryAnswerDoesNotUndoSuccess() throws Exception {
        PaymentOrder order = harness.newOrder(Duration.ofSeconds(6));
        QrOrder qr = harness.openQrOrder(order, hub);
        CountDownLatch release = harness.gateway.holdQueryAnswers();
        try {
            // The status query reaches the gateway while the order is still NOTPAY, and its answer is held back.
            Thread poll = new Thread(() -> harness.get(hub, "payments/" + order.outTradeNo()));
            poll.start();
            await("the gateway was queried").atMost(Duration.ofSeconds(5)).until(() -> harness.gateway.queries.get() == 1);
            harness.customerPays(qr);
            await("the notification's SUCCESS").atMost(Duration.ofSeconds(5)).until(() -> harness.status(order), equalTo("SUCCESS"));
            release.countDown();
            poll.join(10_000);
        } finally {
            release.countDown();
            harness.gateway.holdQueryAnswers().countDown();
        }
        assertThat(harness.status(order)).isEqualTo("SUCCESS");
        await("out of the pending queue").atMost(Duration.ofSeconds(5)).until(() -> !harness.isPending(order));
    }

    @Test
    @DisplayName("bad input gets a clear JSON error and never a stack trace: 400 (also malformed HTTP), 404, 413")
    void badRequestsGetClearErrors() {
        HttpResponse<String> badId = harness.get(hub, "payments/not%20an%20id");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"error\":\"bad_transaction_id\"", "is not a transaction id");

        HttpResponse<String> unknown = harness.get(hub, "payments/01JDUNKNOWNPAYMENT00000000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"unknown_payment\"", "01JDUNKNOWNPAYMENT00000000");

        HttpResponse<String> noRoute = harness.get(hub, "nothing/here");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.body()).contains("\"error\":\"not_found\"");

        HttpResponse<String> malformed = harness.notify(hub, "{\"out_trade_no\": 42", h -> h);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"error\":\"malformed\"", "not JSON");

        String huge = "{\"pad\":\"" + "x".repeat(HubHttp.MAX_BODY_BYTES) + "\"}";
        HttpResponse<String> tooLarge = harness.send(HttpRequest.newBuilder(hub.baseUri().resolve("notify/sandbox"))
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("\"error\":\"too_large\"");

        for (String request : List.of("GET /payments/%ZZ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
                "GET /payments/%00abcdef HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n")) {
            String answer = raw(request);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Type: application/json",
                    "\"error\":\"bad_request\"").doesNotContain("<h1>");
        }
        HttpResponse<String> wrongMethod = harness.send(HttpRequest.newBuilder(hub.baseUri().resolve("payments/ABCDEFGH"))
                .DELETE().build());
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.body()).contains("\"error\":\"not_found\"", "DELETE /payments/ABCDEFGH");

        for (HttpResponse<String> answer : List.of(badId, unknown, noRoute, malformed, tooLarge)) {
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(answer.body()).doesNotContain("Exception", "\tat ");
        }
    }

    /** Sends {@code request} as it is on a socket and returns the whole answer. */
    private String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", hub.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("GET /health says UP with Redis and MariaDB reachable")
    void healthIsUp() {
        await("the monitor measured once").atMost(Duration.ofSeconds(5)).until(() -> harness.get(hub, "health").body()
                .contains("\"mariadb\":\"UP\""));
        HttpResponse<String> health = harness.get(hub, "health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"redis\":\"UP\"", "\"consumer\":\"hub-1\"");
    }
}
