package pos.gateway.sandboxapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.money.Money;
import pos.core.pay.CardCharge;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.GatewayRefusedException;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.GatewayUnreachableException;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.core.pay.RefundAnswer;

/**
 * {@link PaymentGateway} over the project's sandbox gateway protocol (HTTP + JSON, in the shape of
 * WeChat Pay v3 / Alipay face-to-face), using {@link HttpClient}. Thread-safe.
 *
 * <p>Wire protocol (client side, written down here on purpose: production code does not depend on
 * the sandbox module):
 * <pre>
 * POST /v1/orders/native   {out_trade_no, description, amount:{total,currency}, notify_url, time_expire_seconds}
 *                          → {out_trade_no, code_url, expires_at}
 * POST /v1/orders/micropay {out_trade_no, auth_code, description, amount:{total,currency}, notify_url}
 *                          → {out_trade_no, trade_state SUCCESS|USERPAYING, transaction_id?, success_time?}
 *                          or 4xx {code, message}
 * POST /v1/orders/card     {out_trade_no, card_no, pin_block, description, amount:{total,currency}, notify_url}
 *                          → {out_trade_no, trade_state SUCCESS, transaction_id, success_time, card (masked)}
 *                          or 4xx {code: WRONG_PIN|DECLINED|INSUFFICIENT_FUNDS|EXPIRED_CARD|CARD_INVALID, message}
 * GET  /v1/orders/{no}     → {trade_state, amount, transaction_id?, success_time?, refunded_total} or 404 ORDER_NOT_EXIST
 * POST /v1/orders/{no}/close   → 204, or 400 {code: ORDERPAID}
 * POST /v1/orders/{no}/reverse → {recall, trade_state: REVOKED}
 * POST /v1/refunds         {out_trade_no, out_refund_no, amount:{refund,total,currency}, reason}
 *                          → {out_refund_no, refund_id, status}
 * </pre>
 *
 * <p>Failures: a connection that cannot be made (refused, unknown host, no route, connect
 * timeout) is {@link GatewayUnreachableException}: nothing was sent. No answer within the request
 * timeout, a broken connection after sending, an HTTP 5xx or an answer that is not the expected
 * JSON is {@link GatewayTimeoutException}: the outcome is unknown, query before doing anything
 * else. A 4xx with a code is {@link GatewayRefusedException} (micropay's refusals are a FAILED
 * answer instead, as the port says). Every message names the gateway's URL and the order.
 */
public final class SandboxPaymentGateway implements PaymentGateway {

    /** Connect and per-request timeout unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a QR order stays payable at the gateway unless configured otherwise. */
    public static final Duration DEFAULT_ORDER_EXPIRY = Duration.ofMinutes(2);

    /** Micropay codes that are a definite refusal: nothing was charged. */
    private static final Set<String> MICROPAY_REFUSALS = Set.of("AUTH_CODE_INVALID", "AUTHCODEEXPIRE", "NOTENOUGH",
            "PAYERROR", "NOAUTH", "ORDERCLOSED", "ORDER_CLOSED", "ORDERREVERSED", "PARAM_ERROR", "INVALID_REQUEST",
            "OUT_TRADE_NO_USED", "BUYER_MISMATCH");

    /** Card charge codes that are a definite refusal: nothing was charged. */
    private static final Set<String> CARD_REFUSALS = Set.of("WRONG_PIN", "DECLINED", "INSUFFICIENT_FUNDS", "EXPIRED_CARD",
            "CARD_INVALID", "PAYERROR", "INVALID_REQUEST", "OUT_TRADE_NO_USED", "ORDER_CLOSED");

    private static final Logger log = LoggerFactory.getLogger(SandboxPaymentGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final Duration requestTimeout;
    private final Duration orderExpiry;
    private final String payCodeNotifyUrl;
    private final HttpClient http;

    /** A client of the gateway at {@code baseUri} with the default timeouts and order expiry. */
    public SandboxPaymentGateway(URI baseUri) {
        this(baseUri, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_ORDER_EXPIRY, null);
    }

    /**
     * A client of the gateway at {@code baseUri} (e.g. {@code http://127.0.0.1:8090/}).
     *
     * @param connectTimeout how long connecting may take (then: unreachable)
     * @param requestTimeout how long one request may take once sent (then: outcome unknown)
     * @param orderExpiry    how long a QR order stays payable (time_expire_seconds)
     * @param payCodeNotifyUrl where the gateway notifies pay-code results (the store hub), or null for none;
     *                       the port's {@link #payByCode} has no notify URL of its own
     */
    public SandboxPaymentGateway(URI baseUri, Duration connectTimeout, Duration requestTimeout, Duration orderExpiry,
            String payCodeNotifyUrl) {
        Objects.requireNonNull(baseUri, "baseUri");
        String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) gateway URL: '" + baseUri + "'");
        }
        requirePositive(connectTimeout, "connectTimeout");
        this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
        this.orderExpiry = requirePositive(orderExpiry, "orderExpiry");
        this.payCodeNotifyUrl = payCodeNotifyUrl == null ? "" : payCodeNotifyUrl;
        String text = baseUri.toString();
        this.baseUri = URI.create(text.endsWith("/") ? text : text + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    /** The gateway's base URL, for messages. */
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        ObjectNode body = JSON.createObjectNode();
        body.put("out_trade_no", order.outTradeNo());
        body.put("description", order.description());
        body.set("amount", amount(order.amount()));
        body.put("notify_url", notifyUrl);
        body.put("time_expire_seconds", orderExpiry.toSeconds());
        String what = "create QR order " + order.outTradeNo();
        Reply reply = send(what, post("v1/orders/native", body));
        JsonNode answer = reply.requireOk(what);
        return new QrOrder(text(answer, "out_trade_no", order.outTradeNo()), required(answer, "code_url", what),
                instant(answer, "expires_at", what));
    }

    @Override
    public GatewayAnswer payByCode(PaymentOrder order, String authCode) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(authCode, "authCode");
        ObjectNode body = JSON.createObjectNode();
        body.put("out_trade_no", order.outTradeNo());
        body.put("auth_code", authCode);
        body.put("description", order.description());
        body.set("amount", amount(order.amount()));
        if (!payCodeNotifyUrl.isEmpty()) {
            body.put("notify_url", payCodeNotifyUrl);
        }
        String what = "charge pay-code for order " + order.outTradeNo();
        Reply reply = send(what, post("v1/orders/micropay", body));
        if (reply.isClientError()) {
            String code = reply.errorCode();
            if (MICROPAY_REFUSALS.contains(code)) {
                return new GatewayAnswer(order.outTradeNo(), PaymentStatus.FAILED, null, code, null);
            }
            // ORDERPAID, USERPAYING, SYSTEMERROR, BANKERROR...: the charge may be under way or done.
            throw new GatewayTimeoutException(describe(what) + " answered " + reply.status + " " + code + " ("
                    + reply.errorMessage() + "): outcome unknown, query the order", null);
        }
        return answer(order.outTradeNo(), reply.requireOk(what), what);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The card number and the PIN block go only into the request body; no message of this
     * client or its exceptions contains them.
     */
    @Override
    public GatewayAnswer payByCard(PaymentOrder order, CardCharge charge) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(charge, "charge");
        ObjectNode body = JSON.createObjectNode();
        body.put("out_trade_no", order.outTradeNo());
        body.put("card_no", charge.card().revealForGateway());
        body.put("pin_block", charge.pin().revealForGateway());
        body.put("description", order.description());
        body.set("amount", amount(order.amount()));
        if (!payCodeNotifyUrl.isEmpty()) {
            body.put("notify_url", payCodeNotifyUrl);
        }
        String what = "charge card " + charge.card().masked() + " for order " + order.outTradeNo();
        Reply reply = send(what, post("v1/orders/card", body));
        if (reply.isClientError()) {
            String code = reply.errorCode();
            if (CARD_REFUSALS.contains(code)) {
                return new GatewayAnswer(order.outTradeNo(), PaymentStatus.FAILED, null, code, null);
            }
            throw new GatewayTimeoutException(describe(what) + " answered " + reply.status + " " + code + " ("
                    + reply.errorMessage() + "): outcome unknown, query the order", null);
        }
        return answer(order.outTradeNo(), reply.requireOk(what), what);
    }

    @Override
    public GatewayAnswer query(String outTradeNo) {
        String what = "query order " + outTradeNo;
        Reply reply = send(what, get("v1/orders/" + segment(outTradeNo)));
        return answer(outTradeNo, reply.requireOk(what), what);
    }

    @Override
    public GatewayAnswer close(String outTradeNo) {
        String what = "close order " + outTradeNo;
        Reply reply = send(what, post("v1/orders/" + segment(outTradeNo) + "/close", JSON.createObjectNode()));
        if (reply.isClientError() && "ORDERPAID".equals(reply.errorCode())) {
            // Paid before the close: the sale is paid. The query adds the gateway's trade number.
            try {
                GatewayAnswer paid = query(outTradeNo);
                if (paid.status() == PaymentStatus.SUCCESS) {
                    return paid;
                }
            } catch (RuntimeException e) {
                log.warn("{} answered ORDERPAID; the follow-up query failed, reporting SUCCESS without details",
                        describe(what), e);
            }
            return new GatewayAnswer(outTradeNo, PaymentStatus.SUCCESS, null, "ORDERPAID", null);
        }
        if (reply.status == 204) {
            return new GatewayAnswer(outTradeNo, PaymentStatus.CLOSED, null, null, null);
        }
        JsonNode body = reply.requireOk(what);
        // A 200 with a body: take its state if it has one, else the close succeeded.
        return body.hasNonNull("trade_state") ? answer(outTradeNo, body, what)
                : new GatewayAnswer(outTradeNo, PaymentStatus.CLOSED, null, null, null);
    }

    @Override
    public GatewayAnswer reverse(String outTradeNo) {
        String what = "reverse order " + outTradeNo;
        Reply reply = send(what, post("v1/orders/" + segment(outTradeNo) + "/reverse", JSON.createObjectNode()));
        JsonNode body = reply.requireOk(what);
        if (body.path("recall").asBoolean(false) && !"REVOKED".equals(body.path("trade_state").asText(""))) {
            // The gateway asks to call reverse again: not done yet.
            throw new GatewayTimeoutException(describe(what) + " asked to be called again (recall): not reversed yet", null);
        }
        return body.hasNonNull("trade_state") ? answer(outTradeNo, body, what)
                : new GatewayAnswer(outTradeNo, PaymentStatus.REVOKED, null, null, null);
    }

    @Override
    public RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason) {
        Objects.requireNonNull(refundNo, "refundNo");
        Objects.requireNonNull(refund, "refund");
        Objects.requireNonNull(total, "total");
        ObjectNode body = JSON.createObjectNode();
        body.put("out_trade_no", outTradeNo);
        body.put("out_refund_no", refundNo);
        ObjectNode amount = JSON.createObjectNode();
        amount.put("refund", refund.minorUnits());
        amount.put("total", total.minorUnits());
        amount.put("currency", refund.currency().getCurrencyCode());
        body.set("amount", amount);
        body.put("reason", reason == null ? "" : reason);
        String what = "refund " + refundNo + " of order " + outTradeNo;
        JsonNode answer = send(what, post("v1/refunds", body)).requireOk(what);
        String status = answer.path("status").asText("");
        return new RefundAnswer(text(answer, "out_refund_no", refundNo), text(answer, "refund_id", null),
                status.equals("SUCCESS"));
    }

    /** The gateway's trade state as a {@link PaymentStatus}. */
    public static PaymentStatus status(String tradeState) {
        return switch (tradeState) {
            case "NOTPAY" -> PaymentStatus.PENDING;
            case "USERPAYING" -> PaymentStatus.USERPAYING;
            case "SUCCESS" -> PaymentStatus.SUCCESS;
            case "CLOSED" -> PaymentStatus.CLOSED;
            case "REVOKED" -> PaymentStatus.REVOKED;
            case "REFUND" -> PaymentStatus.REFUNDED;
            case "PAYERROR" -> PaymentStatus.FAILED;
            default -> throw new IllegalArgumentException("unknown trade state '" + tradeState + "'");
        };
    }

    private GatewayAnswer answer(String outTradeNo, JsonNode body, String what) {
        String tradeState = required(body, "trade_state", what);
        PaymentStatus status;
        try {
            status = status(tradeState);
        } catch (IllegalArgumentException e) {
            throw new GatewayTimeoutException(describe(what) + " answered an unknown trade state '" + tradeState + "'", e);
        }
        Instant paidAt = body.hasNonNull("success_time") ? instant(body, "success_time", what) : null;
        String reason = status == PaymentStatus.FAILED ? text(body, "code", tradeState) : null;
        JsonNode amount = body.path("amount");
        boolean saysAmount = amount.path("total").canConvertToLong() && amount.hasNonNull("currency");
        return new GatewayAnswer(text(body, "out_trade_no", outTradeNo), status, text(body, "transaction_id", null),
                reason, paidAt, saysAmount ? amount.get("total").asLong() : null,
                saysAmount ? amount.get("currency").asText() : null);
    }

    private ObjectNode amount(Money money) {
        ObjectNode amount = JSON.createObjectNode();
        amount.put("total", money.minorUnits());
        amount.put("currency", money.currency().getCurrencyCode());
        return amount;
    }

    private HttpRequest post(String path, JsonNode body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request to " + baseUri + path + " as JSON", e);
        }
        return HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private static String segment(String outTradeNo) {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        return URLEncoder.encode(outTradeNo, StandardCharsets.UTF_8);
    }

    private Reply send(String what, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new GatewayUnreachableException(describe(what) + " failed: connect timed out: nothing was sent", e);
        } catch (HttpTimeoutException e) {
            throw new GatewayTimeoutException(describe(what) + " failed: no answer within " + requestTimeout.toMillis()
                    + " ms: outcome unknown, query the order", e);
        } catch (IOException e) {
            if (notConnected(e)) {
                throw new GatewayUnreachableException(describe(what) + " failed: " + reason(e) + ": nothing was sent", e);
            }
            throw new GatewayTimeoutException(describe(what) + " failed: " + reason(e) + ": outcome unknown, query the order", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayTimeoutException(describe(what) + " was interrupted: outcome unknown, query the order", e);
        }
        Reply reply = new Reply(response.statusCode(), response.body());
        if (reply.status >= 500 || reply.status < 200 || (reply.status >= 300 && reply.status < 400)) {
            throw new GatewayTimeoutException(describe(what) + " answered HTTP " + reply.status + " " + abbreviate(reply.body)
                    + ": outcome unknown, query the order", null);
        }
        return reply;
    }

    private static boolean notConnected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private String describe(String what) {
        return "gateway " + baseUri + ": " + what;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    private String required(JsonNode body, String field, String what) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw new GatewayTimeoutException(describe(what) + " answered without '" + field + "': "
                    + abbreviate(body.toString()) + ": outcome unknown, query the order", null);
        }
        return value.asText();
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }

    private Instant instant(JsonNode body, String field, String what) {
        String value = required(body, field, what);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                e2.addSuppressed(e);
                throw new GatewayTimeoutException(describe(what) + " answered '" + field + "' = '" + value
                        + "', not a time: outcome unknown, query the order", e2);
            }
        }
    }

    /** One HTTP answer. */
    private final class Reply {
        final int status;
        final String body;

        Reply(int status, String body) {
            this.status = status;
            this.body = body == null ? "" : body;
        }

        boolean isClientError() {
            return status >= 400 && status < 500;
        }

        /** The body as JSON when 2xx; a 4xx becomes {@link GatewayRefusedException}. */
        JsonNode requireOk(String what) {
            if (isClientError()) {
                String code = errorCode();
                throw new GatewayRefusedException(code, describe(what) + " refused: HTTP " + status + " " + code + " ("
                        + errorMessage() + ")");
            }
            if (body.isBlank()) {
                return JSON.createObjectNode();
            }
            try {
                JsonNode node = JSON.readTree(body);
                if (node == null || !node.isObject()) {
                    throw new GatewayTimeoutException(describe(what) + " answered " + status + " with "
                            + abbreviate(body) + ", not a JSON object: outcome unknown, query the order", null);
                }
                return node;
            } catch (JsonProcessingException e) {
                throw new GatewayTimeoutException(describe(what) + " answered " + status + " with " + abbreviate(body)
                        + ", not JSON: outcome unknown, query the order", e);
            }
        }

        String errorCode() {
            JsonNode node = errorBody();
            String code = node == null ? null : text(node, "code", null);
            return code != null ? code : "HTTP_" + status;
        }

        String errorMessage() {
            JsonNode node = errorBody();
            String message = node == null ? null : text(node, "message", null);
            return message != null ? message : abbreviate(body);
        }

        private JsonNode errorBody() {
            try {
                JsonNode node = body.isBlank() ? null : JSON.readTree(body);
                return node != null && node.isObject() ? node : null;
            } catch (JsonProcessingException e) {
                log.debug("Gateway {} error answer is not JSON: {}", baseUri, abbreviate(body), e);
                return null;
            }
        }
    }
}
