package pos.gateway.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import pos.gateway.sandbox.api.SandboxJson;

/** A plain JDK HTTP client speaking the wire protocol, as a till would. Thread-safe. */
final class GatewayClient {

    static final ObjectMapper JSON = SandboxJson.newMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final URI base;
    private final Duration timeout;

    GatewayClient(URI base) {
        this(base, Duration.ofSeconds(10));
    }

    GatewayClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    GatewayClient withTimeout(Duration newTimeout) {
        return new GatewayClient(base, newTimeout);
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Reply post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
    }

    Reply put(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
    }

    Reply nativeOrder(String outTradeNo, long total, String notifyUrl) throws IOException, InterruptedException {
        return post("/v1/orders/native", Map.of("out_trade_no", outTradeNo, "description", "Flat white",
                "amount", Map.of("total", total, "currency", "CNY"), "notify_url", notifyUrl));
    }

    Reply micropay(String outTradeNo, String authCode, long total, String notifyUrl)
            throws IOException, InterruptedException {
        return post("/v1/orders/micropay", Map.of("out_trade_no", outTradeNo, "auth_code", authCode,
                "description", "Green tea", "amount", Map.of("total", total, "currency", "CNY"), "notify_url", notifyUrl));
    }

    Reply micropay(String outTradeNo, String authCode, long total) throws IOException, InterruptedException {
        return post("/v1/orders/micropay", Map.of("out_trade_no", outTradeNo, "auth_code", authCode,
                "description", "Green tea", "amount", Map.of("total", total, "currency", "CNY")));
    }

    Reply card(String outTradeNo, String cardNo, String pinBlock, long total) throws IOException, InterruptedException {
        return post("/v1/orders/card", Map.of("out_trade_no", outTradeNo, "card_no", cardNo, "pin_block", pinBlock,
                "description", "Espresso", "amount", Map.of("total", total, "currency", "CNY")));
    }

    Reply customerPays(String codeUrl) throws IOException, InterruptedException {
        return post("/sandbox/pay", Map.of("code_url", codeUrl));
    }

    Reply query(String outTradeNo) throws IOException, InterruptedException {
        return get("/v1/orders/" + outTradeNo);
    }

    Reply close(String outTradeNo) throws IOException, InterruptedException {
        return post("/v1/orders/" + outTradeNo + "/close", "");
    }

    Reply reverse(String outTradeNo) throws IOException, InterruptedException {
        return post("/v1/orders/" + outTradeNo + "/reverse", "");
    }

    Reply refund(String outTradeNo, String outRefundNo, long refund, long total)
            throws IOException, InterruptedException {
        return post("/v1/refunds", Map.of("out_trade_no", outTradeNo, "out_refund_no", outRefundNo,
                "amount", Map.of("refund", refund, "total", total, "currency", "CNY"), "reason", "customer returned it"));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Content-Type", "application/json");
    }

    private static byte[] bytes(Object body) {
        if (body instanceof byte[] raw) {
            return raw;
        }
        if (body instanceof String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (!response.body().isEmpty()) {
            json = JSON.readTree(response.body());
        }
        return new Reply(response.statusCode(), json, response.body());
    }

    /** One answer: status, parsed JSON (null when empty) and raw text. */
    record Reply(int status, JsonNode json, String body) {
        String text(String field) {
            JsonNode node = json == null ? null : json.get(field);
            return node == null ? null : node.asText();
        }

        String code() {
            return text("code");
        }
    }
}
