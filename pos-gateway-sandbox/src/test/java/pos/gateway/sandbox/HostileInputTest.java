package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.gateway.sandbox.GatewayClient.Reply;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final String OK_ID = "01JHOSTILE0000000000000001";
    private static final String WELL_FORMED_ID = "01JHOSTILE00000000000000OK";
    private static final String NOTIFY = "http://127.0.0.1:9/notify";

    @TempDir
    static Path dataDir;
    private SandboxGateway gateway;
    private GatewayClient client;

    @BeforeAll
    void startGateway() {
        gateway = SandboxGateway.builder().dataDir(dataDir).seed(29).build().start();
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    void stopGatewayAndCheckNothingWasCharged() {
        try {
            assertThat(gateway.ledger().summary().chargesCount()).isZero();
            // the only order is the well-formed one of gatewayKeepsServing
            assertThat(gateway.ledger().summary(true).byOrder())
                    .allSatisfy(order -> assertThat(order.outTradeNo()).isEqualTo(WELL_FORMED_ID));
        } finally {
            gateway.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                                                                                                             | the body is not valid JSON
            {"out_trade_no": "01JHOSTILE0000000000000001"                                                                               | the body is not valid JSON
            {}{}                                                                                                                        | the body has more after its JSON value
            []                                                                                                                          | the body must be a JSON object
            null                                                                                                                        | the body must be a JSON object
            "a string"                                                                                                                  | the body must be a JSON object
            {}                                                                                                                          | out_trade_no must be 6-32 characters
            {"out_trade_no": 12345678, "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n"}      | out_trade_no must be a string
            {"out_trade_no": "abc", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n"}         | out_trade_no must be 6-32 characters
            {"out_trade_no": "0123456789012345678901234567890123", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n"} | out_trade_no must be 6-32 characters
            {"out_trade_no": "0190f1e2-7a3b-7c4d-8e5f-6a7b8c9d0e1f", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n"} | out_trade_no must be 6-32 characters
            {"out_trade_no": "sale 0001; DROP TABLE", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n"} | out_trade_no must be 6-32 characters
            {"out_trade_no": "01JHOSTILE000000000000000\\u0000", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n"} | out_trade_no must be 6-32 characters
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": -500, "currency": "CNY"}, "notify_url": "http://a/n"} | amount.total must be between 1 and
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 0, "currency": "CNY"}, "notify_url": "http://a/n"}    | amount.total must be between 1 and
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": "1250", "currency": "CNY"}, "notify_url": "http://a/n"} | amount.total must be a whole number
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 12.5, "currency": "CNY"}, "notify_url": "http://a/n"} | amount.total must be a whole number
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": null, "currency": "CNY"}, "notify_url": "http://a/n"} | amount.total
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 99999999999999999999999, "currency": "CNY"}, "notify_url": "http://a/n"} | amount.total is not acceptable: Numeric value
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 100000000000, "currency": "CNY"}, "notify_url": "http://a/n"} | amount.total must be between 1 and
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"currency": "CNY"}, "notify_url": "http://a/n"} | amount.total is required
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": 1250, "notify_url": "http://a/n"}              | amount must be a JSON object
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 1, "currency": "cny"}, "notify_url": "http://a/n"}    | amount.currency must be three capital letters
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 1, "currency": "CNY"}}               | notify_url is required
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "ftp://a/n"} | notify_url is not an http or https address
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a b"} | notify_url is not a valid address
            {"out_trade_no": "01JHOSTILE0000000000000001", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n"}        | description is required
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n", "time_expire_seconds": 0} | time_expire_seconds must be between 1 and 86400
            {"out_trade_no": "01JHOSTILE0000000000000001", "description": "x", "amount": {"total": 1, "currency": "CNY"}, "notify_url": "http://a/n", "time_expire_seconds": "soon"} | time_expire_seconds must be a whole number
            """)
    @DisplayName("a malformed native order gets a 400 INVALID_REQUEST naming the problem, and no order is made")
    void malformedNativeOrderIsRefused(String body, String expectedMessage) throws Exception {
        Reply refused = client.post("/v1/orders/native", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
        assertThat(refused.text("message")).contains(expectedMessage);
    }

    @Test
    @DisplayName("a body over 64 KB is refused with 413 REQUEST_TOO_LARGE, with or without a Content-Length")
    void hugeBodyIsRefused() throws Exception {
        String padding = "x".repeat(70_000);
        String body = "{\"out_trade_no\": \"" + OK_ID + "\", \"description\": \"" + padding + "\"}";

        Reply sized = client.post("/v1/orders/native", body);

        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.code()).isEqualTo("REQUEST_TOO_LARGE");
        assertThat(sized.text("message")).contains("65536");

        HttpResponse<String> chunked = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(gateway.baseUri().resolve("/v1/orders/micropay"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("REQUEST_TOO_LARGE");
    }

    @Test
    @DisplayName("deeply nested JSON is refused without a stack overflow")
    void deeplyNestedJsonIsRefused() throws Exception {
        char[] open = new char[5_000];
        char[] close = new char[5_000];
        Arrays.fill(open, '[');
        Arrays.fill(close, ']');

        Reply refused = client.post("/v1/refunds", new String(open) + new String(close));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /v1/refunds     | {"out_trade_no": "01JHOSTILE0000000000000001", "out_refund_no": "r1", "amount": {"refund": -5, "total": 10, "currency": "CNY"}} | 400 | REFUND_AMOUNT_INVALID
            /v1/refunds     | {"out_trade_no": "01JHOSTILE0000000000000001", "out_refund_no": "r 1", "amount": {"refund": 5, "total": 10, "currency": "CNY"}} | 400 | INVALID_REQUEST
            /v1/refunds     | {"out_trade_no": "01JHOSTILE0000000000000001", "out_refund_no": "r1", "amount": {"refund": 5, "total": 10, "currency": "CNY"}}  | 404 | ORDER_NOT_EXIST
            /v1/orders/micropay | {"out_trade_no": "01JHOSTILE0000000000000001", "auth_code": 134567890123456789, "description": "x", "amount": {"total": 1, "currency": "CNY"}} | 400 | INVALID_REQUEST
            /v1/orders/micropay | {"out_trade_no": "01JHOSTILE0000000000000001", "auth_code": "134567890123456789", "description": "x", "amount": {"total": -1, "currency": "CNY"}} | 400 | INVALID_REQUEST
            /sandbox/pay    | {"code_url": "https://evil.example/pay"}                                                      | 400 | INVALID_REQUEST
            /sandbox/pay    | {"code_url": "sandbox://pay/00000000000000000000000000000000"}                                | 404 | ORDER_NOT_EXIST
            /sandbox/pay    | {"code_url": "sandbox://pay/00000000000000000000000000000000", "delay_ms": -1}               | 400 | INVALID_REQUEST
            /sandbox/confirm | {"out_trade_no": "../../etc/passwd"}                                                         | 400 | INVALID_REQUEST
            /v1/orders/native | ''                                                                                           | 400 | INVALID_REQUEST
            """)
    @DisplayName("hostile refunds, pay-codes and customer actions get clear 4xx JSON errors")
    void hostileRequestsAreRefused(String path, String body, int status, String code) throws Exception {
        Reply refused = client.post(path, body == null ? "" : body);

        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.code()).isEqualTo(code);
        assertThat(refused.text("message")).isNotBlank();
    }

    @Test
    @DisplayName("a bad out_trade_no in the path, an unknown endpoint and a wrong method get JSON errors")
    void badPathsGetJsonErrors() throws Exception {
        assertThat(client.get("/v1/orders/ab").code()).isEqualTo("INVALID_REQUEST");
        assertThat(client.get("/v1/orders/" + "A".repeat(40)).code()).isEqualTo("INVALID_REQUEST");
        Reply unknown = client.get("/v2/everything");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        Reply wrongMethod = client.put("/v1/orders/native", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    @DisplayName("after all the hostile input the gateway still serves a well-formed order")
    void gatewayKeepsServing() throws Exception {
        Reply health = client.get("/sandbox/health");
        Reply created = client.post("/v1/orders/native", Map.of("out_trade_no", WELL_FORMED_ID,
                "description", "Scone", "amount", Map.of("total", 350, "currency", "CNY"), "notify_url", NOTIFY));

        assertThat(health.status()).isEqualTo(200);
        assertThat(created.status()).isEqualTo(200);
        assertThat(client.close(WELL_FORMED_ID).status()).isEqualTo(204);
        assertThat(client.reverse(WELL_FORMED_ID).status()).isEqualTo(200);
    }
}
