package pos.gateway.sandboxapi;

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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;
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
import pos.core.pay.Refusal;
import pos.core.pay.RefusalReason;

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
 *
 * <p>Refusal codes: the sandbox speaks its own codes (NOTENOUGH, AUTH_CODE_INVALID, WRONG_PIN...); this adapter
 * hands them on as the till's neutral reason with the sandbox's code beside it ({@link #refusal(String)}:
 * {@code INSUFFICIENT_BALANCE:NOTENOUGH}), in a FAILED answer's reason code and in
 * {@link GatewayRefusedException#code()}. A close that finds the order paid answers SUCCESS with the reason code
 * {@link #ORDER_PAID}, which is no refusal. Timing: the sandbox closes and reverses at once, so
 * {@link #closeNotBefore} and {@link #reverseNotBefore} keep the port's defaults.
 */
public final class SandboxPaymentGateway implements PaymentGateway {

    /** Connect and per-request timeout unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a QR order stays payable at the gateway unless configured otherwise. */
    public static final Duration DEFAULT_ORDER_EXPIRY = Duration.ofMinutes(2);

    /**
     * The sandbox's refusal codes and the till's neutral reason for each (see {@link RefusalReason}); a code not
     * here is {@link RefusalReason#OTHER}. Every refusal leaves this adapter as {@link Refusal#code()}:
     * {@code INSUFFICIENT_BALANCE:NOTENOUGH}, the sandbox's own code kept for the clerk's detail line.
     */
    private static final Map<String, RefusalReason> REASONS = Map.ofEntries(
            Map.entry("NOTENOUGH", RefusalReason.INSUFFICIENT_BALANCE),
            Map.entry("AUTH_CODE_INVALID", RefusalReason.CODE_INVALID),
            Map.entry("AUTHCODEEXPIRE", RefusalReason.CODE_EXPIRED),
            Map.entry("NOAUTH", RefusalReason.NOT_PERMITTED),
            Map.entry("BUYER_MISMATCH", RefusalReason.BUYER_MISMATCH),
            Map.entry("ORDERCLOSED", RefusalReason.ORDER_CLOSED),
            Map.entry("ORDER_CLOSED", RefusalReason.ORDER_CLOSED),
            Map.entry("ORDERREVERSED", RefusalReason.ORDER_REVERSED),
            Map.entry("PAYERROR", RefusalReason.PROVIDER_REFUSED),
            Map.entry("PARAM_ERROR", RefusalReason.INVALID_REQUEST),
            Map.entry("INVALID_REQUEST", RefusalReason.INVALID_REQUEST),
            Map.entry("OUT_TRADE_NO_USED", RefusalReason.INVALID_REQUEST),
            Map.entry("WRONG_PIN", RefusalReason.WRONG_PIN),
            Map.entry("DECLINED", RefusalReason.DECLINED),
            Map.entry("INSUFFICIENT_FUNDS", RefusalReason.INSUFFICIENT_FUNDS),
            Map.entry("EXPIRED_CARD", RefusalReason.EXPIRED_CARD),
            Map.entry("CARD_INVALID", RefusalReason.CARD_INVALID),
            Map.entry("CARD_NOT_SUPPORTED", RefusalReason.CARD_NOT_SUPPORTED));

    /** The sandbox's "paid already" (a close of a paid order): not a refusal, kept as it is so callers recognise it. */
    public static final String ORDER_PAID = "ORDERPAID";

    /** Micropay codes that are a definite refusal: nothing was charged. */
    private static final Set<String> MICROPAY_REFUSALS = Set.of("AUTH_CODE_INVALID", "AUTHCODEEXPIRE", "NOTENOUGH",
            "PAYERROR", "NOAUTH", "ORDERCLOSED", "ORDER_CLOSED", "ORDERREVERSED", "PARAM_ERROR", "INVALID_REQUEST",
            "OUT_TRADE_NO_USED", "BUYER_MISMATCH");

    /** Card charge codes that are a definite refusal: nothing was charged. */
    private static final Set<String> CARD_REFUSALS = Set.of("WRONG_PIN", "DECLINED", "INSUFFICIENT_FUNDS", "EXPIRED_CARD",
            "CARD_INVALID", "PAYERROR", "INVALID_REQUEST", "OUT_TRADE_NO_USED", "ORDER_CLOSED");

    private static final Logger log = LoggerFactory.getLogger(SandboxPaymentGateway.class);

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
        String what = "create QR order " + order.outTradeNo();
        Reply reply = send(what, post("v1/orders/native", new SandboxWire.NativeOrder(order.outTradeNo(), order.description(),
                amount(order.amount()), notifyUrl, orderExpiry.toSeconds())));
        SandboxWire.QrAnswer answer = reply.requireOk(what, SandboxWire.QrAnswer.class);
        return new QrOrder(orElse(answer.outTradeNo(), order.outTradeNo()), required(answer.codeUrl(), "code_url", reply, what),
                instant(answer.expiresAt(), "expires_at", reply, what));
    }

    @Override
    public GatewayAnswer payByCode(PaymentOrder order, String authCode) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(authCode, "authCode");
        String what = "charge pay-code for order " + order.outTradeNo();
        Reply reply = send(what, post("v1/orders/micropay", new SandboxWire.Micropay(order.outTradeNo(), authCode,
                order.description(), amount(order.amount()), payCodeNotifyUrl.isEmpty() ? null : payCodeNotifyUrl)));
        if (reply.isClientError()) {
            String code = reply.errorCode();
            if (MICROPAY_REFUSALS.contains(code)) {
                return new GatewayAnswer(order.outTradeNo(), PaymentStatus.FAILED, null, refusal(code), null);
            }
            // ORDERPAID, USERPAYING, SYSTEMERROR, BANKERROR...: the charge may be under way or done.
            throw new GatewayTimeoutException(describe(what) + " answered " + reply.status + " " + code + " ("
                    + reply.errorMessage() + "): outcome unknown, query the order", null);
        }
        return answer(order.outTradeNo(), reply, what);
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
        String what = "charge card " + charge.card().masked() + " for order " + order.outTradeNo();
        Reply reply = send(what, post("v1/orders/card", new SandboxWire.CardPay(order.outTradeNo(),
                charge.card().revealForGateway(), charge.pin().revealForGateway(), order.description(), amount(order.amount()),
                payCodeNotifyUrl.isEmpty() ? null : payCodeNotifyUrl)));
        if (reply.isClientError()) {
            String code = reply.errorCode();
            if (CARD_REFUSALS.contains(code)) {
                return new GatewayAnswer(order.outTradeNo(), PaymentStatus.FAILED, null, refusal(code), null);
            }
            throw new GatewayTimeoutException(describe(what) + " answered " + reply.status + " " + code + " ("
                    + reply.errorMessage() + "): outcome unknown, query the order", null);
        }
        return answer(order.outTradeNo(), reply, what);
    }

    @Override
    public GatewayAnswer query(String outTradeNo) {
        String what = "query order " + outTradeNo;
        Reply reply = send(what, get("v1/orders/" + segment(outTradeNo)));
        return answer(outTradeNo, reply, what);
    }

    @Override
    public GatewayAnswer close(String outTradeNo) {
        String what = "close order " + outTradeNo;
        Reply reply = send(what, post("v1/orders/" + segment(outTradeNo) + "/close", new SandboxWire.Nothing()));
        if (reply.isClientError() && ORDER_PAID.equals(reply.errorCode())) {
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
            return new GatewayAnswer(outTradeNo, PaymentStatus.SUCCESS, null, ORDER_PAID, null);
        }
        if (reply.status == 204) {
            return new GatewayAnswer(outTradeNo, PaymentStatus.CLOSED, null, null, null);
        }
        SandboxWire.Trade body = reply.requireOk(what, SandboxWire.Trade.class);
        // A 200 with a body: take its state if it has one, else the close succeeded.
        return body.tradeState() != null ? answer(outTradeNo, body, reply, what)
                : new GatewayAnswer(outTradeNo, PaymentStatus.CLOSED, null, null, null);
    }

    @Override
    public GatewayAnswer reverse(String outTradeNo) {
        String what = "reverse order " + outTradeNo;
        Reply reply = send(what, post("v1/orders/" + segment(outTradeNo) + "/reverse", new SandboxWire.Nothing()));
        SandboxWire.Trade body = reply.requireOk(what, SandboxWire.Trade.class);
        if (Boolean.TRUE.equals(body.recall()) && !"REVOKED".equals(body.tradeState())) {
            // The gateway asks to call reverse again: not done yet.
            throw new GatewayTimeoutException(describe(what) + " asked to be called again (recall): not reversed yet", null);
        }
        return body.tradeState() != null ? answer(outTradeNo, body, reply, what)
                : new GatewayAnswer(outTradeNo, PaymentStatus.REVOKED, null, null, null);
    }

    @Override
    public RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason) {
        Objects.requireNonNull(refundNo, "refundNo");
        Objects.requireNonNull(refund, "refund");
        Objects.requireNonNull(total, "total");
        String what = "refund " + refundNo + " of order " + outTradeNo;
        SandboxWire.RefundDone answer = send(what, post("v1/refunds", new SandboxWire.Refund(outTradeNo, refundNo,
                new SandboxWire.RefundAmount(refund.minorUnits(), total.minorUnits(), refund.currency().getCurrencyCode()),
                reason == null ? "" : reason))).requireOk(what, SandboxWire.RefundDone.class);
        return new RefundAnswer(orElse(answer.outRefundNo(), refundNo), orElse(answer.refundId(), null),
                "SUCCESS".equals(answer.status()));
    }

    /**
     * The one text a refusal by the sandbox travels as: {@code REASON:SANDBOX_CODE} ({@link Refusal#code()}), a code
     * this adapter has no reason for being {@link RefusalReason#OTHER}. {@link #ORDER_PAID} is not a refusal and stays
     * as it is.
     */
    public static String refusal(String sandboxCode) {
        if (sandboxCode == null || sandboxCode.isBlank()) {
            return Refusal.of(RefusalReason.OTHER).code();
        }
        if (ORDER_PAID.equals(sandboxCode)) {
            return sandboxCode;
        }
        return Refusal.of(REASONS.getOrDefault(sandboxCode, RefusalReason.OTHER), sandboxCode).code();
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

    private GatewayAnswer answer(String outTradeNo, Reply reply, String what) {
        return answer(outTradeNo, reply.requireOk(what, SandboxWire.Trade.class), reply, what);
    }

    private GatewayAnswer answer(String outTradeNo, SandboxWire.Trade body, Reply reply, String what) {
        String tradeState = required(body.tradeState(), "trade_state", reply, what);
        PaymentStatus status;
        try {
            status = status(tradeState);
        } catch (IllegalArgumentException e) {
            throw new GatewayTimeoutException(describe(what) + " answered an unknown trade state '" + tradeState + "'", e);
        }
        Instant paidAt = body.successTime() != null ? instant(body.successTime(), "success_time", reply, what) : null;
        String reason = status == PaymentStatus.FAILED ? refusal(orElse(body.code(), tradeState)) : null;
        SandboxWire.TradeAmount amount = body.amount();
        boolean saysAmount = amount != null && amount.total() != null && amount.currency() != null;
        return new GatewayAnswer(orElse(body.outTradeNo(), outTradeNo), status, orElse(body.transactionId(), null),
                reason, paidAt, saysAmount ? amount.total() : null, saysAmount ? amount.currency() : null);
    }

    private static SandboxWire.Amount amount(Money money) {
        return new SandboxWire.Amount(money.minorUnits(), money.currency().getCurrencyCode());
    }

    private HttpRequest post(String path, Object body) {
        String json = Json.write(body);
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

    private String required(String value, String field, Reply reply, String what) {
        if (value == null || value.isBlank()) {
            throw new GatewayTimeoutException(describe(what) + " answered without '" + field + "': "
                    + abbreviate(reply.body) + ": outcome unknown, query the order", null);
        }
        return value;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private Instant instant(String text, String field, Reply reply, String what) {
        String value = required(text, field, reply, what);
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

        /** The body as a {@code type} when 2xx (an empty body: every field absent); a 4xx becomes {@link GatewayRefusedException}. */
        <T> T requireOk(String what, Class<T> type) {
            if (isClientError()) {
                String code = errorCode();
                throw new GatewayRefusedException(SandboxPaymentGateway.refusal(code), describe(what) + " refused: HTTP " + status + " " + code + " ("
                        + errorMessage() + ")");
            }
            try {
                return Json.read(Json.TOLERANT, body.isBlank() ? "{}" : body, type);
            } catch (MalformedJsonException e) {
                throw new GatewayTimeoutException(describe(what) + " answered " + status + " with " + abbreviate(body)
                        + ", not the JSON expected (" + e.getMessage() + "): outcome unknown, query the order", e);
            }
        }

        String errorCode() {
            SandboxWire.Refusal refusal = refusal();
            String code = refusal == null ? null : orElse(refusal.code(), null);
            return code != null ? code : "HTTP_" + status;
        }

        String errorMessage() {
            SandboxWire.Refusal refusal = refusal();
            String message = refusal == null ? null : orElse(refusal.message(), null);
            return message != null ? message : abbreviate(body);
        }

        private SandboxWire.Refusal refusal() {
            if (body.isBlank()) {
                return null;
            }
            try {
                return Json.read(Json.TOLERANT, body, SandboxWire.Refusal.class);
            } catch (MalformedJsonException e) {
                log.debug("Gateway {} error answer is not its JSON: {}", baseUri, abbreviate(body), e);
                return null;
            }
        }
    }
}
