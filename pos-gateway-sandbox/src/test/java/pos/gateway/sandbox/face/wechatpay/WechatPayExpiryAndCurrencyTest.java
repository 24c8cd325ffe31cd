package pos.gateway.sandbox.face.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.TradeState;

/**
 * The wechatpay-v3 face's {@code time_expire} and currency, as WeChat Pay documents them: past its time_expire an
 * order can no longer be paid but is not closed (it stays NOTPAY until the merchant closes it, no sooner than 5 minutes
 * after its creation); a mainland merchant's amounts are CNY. The trade clock moves; signatures stay on the wall clock.
 */
class WechatPayExpiryAndCurrencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock tradeClock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private SandboxGateway gateway;
    private WechatPayKeys keys;

    @BeforeEach
    void start() {
        gateway = SandboxGateway.builder().protocol("wechatpay-v3").dataDir(dataDir).clock(tradeClock).build().start();
        keys = ((WechatPayFace) gateway.face()).keys();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    @DisplayName("R24 past its time_expire an order cannot be paid but stays NOTPAY: closed only by the merchant, not within 5 minutes")
    void timeExpireEndsPaymentButDoesNotClose() throws Exception {
        // time_expire two minutes on: a moment on the merchant's (wall) clock
        String expire = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now().plus(Duration.ofMinutes(2))
                .atOffset(ZoneOffset.ofHours(8)));
        HttpResponse<String> created = send("POST", "/v3/pay/transactions/native", "{\"appid\":\"" + keys.appId()
                + "\",\"mchid\":\"" + keys.merchantId() + "\",\"description\":\"milk\",\"out_trade_no\":\"EXP0001\","
                + "\"time_expire\":\"" + expire + "\",\"notify_url\":\"http://127.0.0.1:9/notify\","
                + "\"amount\":{\"total\":509,\"currency\":\"CNY\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String codeUrl = JSON.readTree(created.body()).get("code_url").asText();

        now.set(now.get().plus(Duration.ofMinutes(3)));
        assertThat(queryState()).as("past time_expire: not closed").isEqualTo("NOTPAY");
        assertThat(gateway.ledger().order("EXP0001").orElseThrow().tradeState()).isEqualTo(TradeState.NOTPAY);
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(gateway.baseUri().resolve("sandbox/pay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code_url\":\"" + codeUrl + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as("the customer pays too late: %s", paid.body()).isNotEqualTo(200);
        assertThat(paid.body()).contains("past its expiry");
        assertThat(gateway.ledger().chargeCount("EXP0001")).isZero();

        HttpResponse<String> tooSoon = send("POST", "/v3/pay/transactions/out-trade-no/EXP0001/close",
                "{\"mchid\":\"" + keys.merchantId() + "\"}");
        assertThat(code(tooSoon)).isEqualTo("403 RULE_LIMIT");
        assertThat(queryState()).isEqualTo("NOTPAY");

        now.set(now.get().plus(Duration.ofMinutes(2)));
        HttpResponse<String> closed = send("POST", "/v3/pay/transactions/out-trade-no/EXP0001/close",
                "{\"mchid\":\"" + keys.merchantId() + "\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(204);
        assertThat(queryState()).isEqualTo("CLOSED");
    }

    @Test
    @DisplayName("an amount in another currency than CNY is 400 PARAM_ERROR and makes no order")
    void anotherCurrencyIsRefused() throws Exception {
        HttpResponse<String> answer = send("POST", "/v3/pay/transactions/native", "{\"appid\":\"" + keys.appId()
                + "\",\"mchid\":\"" + keys.merchantId() + "\",\"description\":\"milk\",\"out_trade_no\":\"EUR0001\","
                + "\"notify_url\":\"http://127.0.0.1:9/notify\",\"amount\":{\"total\":509,\"currency\":\"EUR\"}}");

        assertThat(code(answer)).isEqualTo("400 PARAM_ERROR");
        assertThat(JSON.readTree(answer.body()).get("message").asText()).contains("CNY", "EUR");
        assertThat(gateway.ledger().order("EUR0001")).isEmpty();
    }

    private String queryState() throws Exception {
        HttpResponse<String> answer = send("GET", "/v3/pay/transactions/out-trade-no/EXP0001?mchid="
                + keys.merchantId(), "");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("trade_state").asText();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "TESTNONCE" + System.nanoTime();
        String signature = WechatPaySignatures.sign(keys.merchantPrivateKey(), method + "\n" + pathAndQuery + "\n"
                + timestamp + "\n" + nonce + "\n" + body + "\n");
        String authorization = WechatPaySignatures.SCHEMA + " mchid=\"" + keys.merchantId() + "\",nonce_str=\"" + nonce
                + "\",signature=\"" + signature + "\",timestamp=\"" + timestamp + "\",serial_no=\""
                + keys.merchantSerial() + "\"";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUri().toString()
                + pathAndQuery.substring(1))).header("Authorization", authorization).header("Accept",
                "application/json");
        request = method.equals("GET") ? request.GET()
                : request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> answer) throws Exception {
        JsonNode body = JSON.readTree(answer.body());
        return answer.statusCode() + " " + body.get("code").asText();
    }
}
