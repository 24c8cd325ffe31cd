package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import pos.core.pay.NotificationRefusedException;
import pos.core.pay.PaymentNotice;
import pos.core.pay.PaymentNotifications;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 13: a store hub started with a provider's {@link PaymentNotifications} beside the sandbox's answers
 * {@code POST /notify/<name>} the way that provider wants to be answered and settles the payment in Redis, with no
 * provider code in the hub. The provider here is a small implementation of our own port inside the test (a token in a
 * header proves the origin, the body is {@code out_trade_no;STATE;total;currency}); the real hub, Redis and MariaDB.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubProviderNotificationsTest {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path sandboxDir;

    private HubHarness harness;
    private StoreHub hub;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    void startHub() {
        harness = new HubHarness(redis, database, sandboxDir);
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(StoreHub.class);
        logs.start();
        log.addAppender(logs);
        hub = new StoreHub(harness.settings("hub-provider").provider(TestPay.NAME).reconcileEvery(Duration.ofHours(1)).build(),
                harness.gateway, Clock.systemUTC());
        hub.acceptNotifications(new TestPay());
        hub.start();
        log.detachAppender(logs);
    }

    @AfterAll
    void stopHub() {
        if (hub != null) {
            hub.stop();
        }
        harness.close();
    }

    @Test
    @DisplayName("issue 13 R8 R22 a provider's proven notification at /notify/<name>: its own acceptance reply, the payment"
            + " settled in Redis and out of the pending queue")
    void aProvidersNotificationSettlesThePayment() {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        harness.pending.add(order, "testpay://qr/" + order.outTradeNo());

        HttpResponse<String> answer = post(TestPay.TOKEN, order.outTradeNo() + ";PAID;1250;EUR");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo("TESTPAY-OK");
        assertThat(harness.status(order)).isEqualTo("SUCCESS");
        assertThat(harness.isPending(order)).isFalse();
        assertThat(harness.get(hub, "payments/" + order.outTradeNo()).body()).contains("\"status\":\"SUCCESS\"");
    }

    @Test
    @DisplayName("issue 13 a notification whose origin the provider cannot prove: the provider's refusal reply, nothing"
            + " changed")
    void anUnprovenNotificationChangesNothing() {
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        harness.pending.add(order, "testpay://qr/" + order.outTradeNo());

        HttpResponse<String> answer = post("forged-token", order.outTradeNo() + ";PAID;1250;EUR");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).startsWith("TESTPAY-FAIL bad_signature");
        assertThat(harness.status(order)).isEqualTo("NONE");
        assertThat(harness.isPending(order)).isTrue();
    }

    @Test
    @DisplayName("issue 13 the hub's start line names its payment provider; the sandbox's route stays beside the provider's")
    void theStartLineNamesTheProvider() {
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("payment provider " + TestPay.NAME + " at "));
        PaymentOrder order = harness.newOrder(Duration.ZERO);
        harness.pending.add(order, "weixin://wxpay/bizpayurl?pr=sandbox");
        assertThat(harness.notify(hub, HubHarness.successBody(order), h -> h).statusCode()).isEqualTo(200);
        assertThat(harness.status(order)).isEqualTo("SUCCESS");
    }

    private HttpResponse<String> post(String token, String body) {
        return harness.send(HttpRequest.newBuilder(hub.baseUri().resolve("notify/" + TestPay.NAME))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "text/plain").header(TestPay.TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** A provider of our own port for this test: proves origin by a token, answers with its own words and statuses. */
    static final class TestPay implements PaymentNotifications {
        static final String NAME = "testpay";
        static final String TOKEN_HEADER = "X-Testpay-Token";
        static final String TOKEN = "testpay-origin-proof";

        @Override
        public String provider() {
            return NAME;
        }

        @Override
        public Optional<PaymentNotice> read(Function<String, String> header, String contentType, byte[] body) {
            if (!TOKEN.equals(header.apply(TOKEN_HEADER))) {
                throw new NotificationRefusedException("the token does not prove the notification's origin", true);
            }
            String[] fields = new String(body, StandardCharsets.UTF_8).split(";");
            if (fields.length != 4) {
                throw new NotificationRefusedException("not out_trade_no;STATE;total;currency", false);
            }
            PaymentStatus status = fields[1].equals("PAID") ? PaymentStatus.SUCCESS : PaymentStatus.PENDING;
            return Optional.of(new PaymentNotice(NAME, "tp-" + fields[0], fields[0], status, fields[1],
                    Long.parseLong(fields[2]), fields[3], "TP" + fields[0], Instant.now(), "testpay-merchant"));
        }

        @Override
        public Reply accepted() {
            return new Reply(202, "text/plain", "TESTPAY-OK");
        }

        @Override
        public Reply refused(int status, String code, String message) {
            return new Reply(status, "text/plain", "TESTPAY-FAIL " + code);
        }
    }
}
