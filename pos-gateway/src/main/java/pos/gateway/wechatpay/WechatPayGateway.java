package pos.gateway.wechatpay;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.HttpResponse;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.core.http.JsonResponseBody;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.model.TransactionAmount;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.money.Money;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.GatewayRefusedException;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.core.pay.RefundAnswer;
import pos.core.pay.Refusal;
import pos.core.pay.RefusalReason;

/**
 * {@link PaymentGateway} over WeChat Pay API v3 through the official SDK (wechatpay-java): native pay (prepay →
 * code_url), query by out_trade_no and close through {@link NativePayService}, refund and refund query through
 * {@link RefundService}; code pay (付款码, {@code POST /v3/pay/transactions/codepay}) and its reverse
 * ({@code POST /v3/pay/transactions/out-trade-no/{no}/reverse}), which the SDK has no service for, through the SDK's
 * signed {@link HttpClient} (the answer's signature verified by the SDK as for every other call).
 *
 * <p>What the till does on each documented answer:
 * <ul>
 * <li>code pay: {@code 200} with the transaction → its state (SUCCESS carries the amount); {@code 202 USERPAYING} →
 * USERPAYING, the customer confirms on the phone: query until final, reverse if it never is; a 4xx refusal
 * ({@code NOTENOUGH}, {@code AUTH_CODE_INVALID}, {@code TRADE_ERROR}, ...) → FAILED with {@code REASON:CODE}, nothing
 * was charged; {@code SYSTEM_ERROR}/5xx/no answer → outcome unknown, query;</li>
 * <li>close: {@code 204} → CLOSED; {@code ORDERPAID} → the sale is paid: SUCCESS (with the query's details). WeChat Pay
 * documents that an order is not closed within 5 minutes of its creation ("订单生成后不能马上调用关单接口，最短调用时间间隔为
 * 5分钟", the close-order API): {@link #closeNotBefore} says when;</li>
 * <li>reverse: {@code 204} → REVOKED (paid money goes back); the code-pay API documents "请勿扣款后立即调用撤销订单API，
 * 建议至少15s后再调用": {@link #reverseNotBefore} says when;</li>
 * <li>refund: once per out_refund_no (WeChat Pay answers a repeat with the same refund).</li>
 * </ul>
 * Answers carry the amount WeChat Pay has for the order (fen) and its currency, for the caller to check against the
 * order. Keys, the API v3 key, whole pay-codes and decrypted bodies are never logged; a pay-code appears masked.
 * Thread-safe.
 */
public final class WechatPayGateway implements PaymentGateway {

    /** WeChat Pay's minimum age of an order before it may be closed (close-order API). */
    public static final Duration CLOSE_MINIMUM = Duration.ofMinutes(5);
    /** WeChat Pay's minimum time after a pay-code charge before it may be reversed (code-pay API). */
    public static final Duration REVERSE_MINIMUM = Duration.ofSeconds(15);
    /**
     * Added to both minimums: WeChat Pay counts them on its own clock from when it took the order or the charge, while
     * the till counts from when it sent the request, on its clock. Without it a reversal due 15 s after the charge was
     * sent reached WeChat Pay 73 ms too early in the bench and was refused ({@code 403 RULE_LIMIT}).
     */
    public static final Duration TIMING_MARGIN = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(WechatPayGateway.class);
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String merchantId;
    private final String appId;
    private final HttpClient http;
    private final NativePayService nativePay;
    private final RefundService refunds;
    private final Duration orderExpiry;
    private final String refundNotifyUrl;
    private final Clock clock;

    /**
     * @param merchantId      the merchant id (mchid)
     * @param appId           the app id bound to it
     * @param http            the SDK's signed client (see {@link WechatPayHttp#signed})
     * @param orderExpiry     how long a QR order stays payable (its time_expire)
     * @param refundNotifyUrl where WeChat Pay sends refund results (the store hub), or null
     * @param clock           the time source of time_expire
     */
    public WechatPayGateway(String merchantId, String appId, HttpClient http, Duration orderExpiry,
            String refundNotifyUrl, Clock clock) {
        this.merchantId = Objects.requireNonNull(merchantId, "merchantId");
        this.appId = Objects.requireNonNull(appId, "appId");
        this.http = Objects.requireNonNull(http, "http");
        this.orderExpiry = Objects.requireNonNull(orderExpiry, "orderExpiry");
        this.refundNotifyUrl = refundNotifyUrl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nativePay = new NativePayService.Builder().httpClient(http).build();
        this.refunds = new RefundService.Builder().httpClient(http).build();
    }

    @Override
    public QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        Instant expiresAt = clock.instant().plus(orderExpiry).truncatedTo(ChronoUnit.SECONDS);
        PrepayRequest request = new PrepayRequest();
        request.setAppid(appId);
        request.setMchid(merchantId);
        request.setDescription(order.description());
        request.setOutTradeNo(order.outTradeNo());
        request.setTimeExpire(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(expiresAt.atOffset(CHINA)));
        request.setNotifyUrl(notifyUrl);
        Amount amount = new Amount();
        amount.setTotal(fen(order.amount(), "create QR order " + order.outTradeNo()));
        amount.setCurrency(order.amount().currency().getCurrencyCode());
        request.setAmount(amount);
        String what = "create QR order " + order.outTradeNo();
        String codeUrl = call(what, () -> nativePay.prepay(request)).getCodeUrl();
        if (codeUrl == null || codeUrl.isBlank()) {
            throw new GatewayTimeoutException(what + ": WeChat Pay answered without a code_url", null);
        }
        return new QrOrder(order.outTradeNo(), codeUrl, expiresAt);
    }

    @Override
    public GatewayAnswer payByCode(PaymentOrder order, String authCode) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(authCode, "authCode");
        String what = "charge pay-code " + masked(authCode) + " for order " + order.outTradeNo();
        CodepayBody body = new CodepayBody(appId, merchantId, order.description(), order.outTradeNo(),
                new CodepayBody.Payer(authCode), new CodepayBody.Amount(fen(order.amount(), what),
                        order.amount().currency().getCurrencyCode()), new CodepayBody.SceneInfo(order.tillId()));
        HttpResponse<Transaction> response;
        try {
            response = http.execute(post("/v3/pay/transactions/codepay", body), Transaction.class);
        } catch (ServiceException e) {
            if ("USERPAYING".equals(e.getErrorCode())) {
                return new GatewayAnswer(order.outTradeNo(), PaymentStatus.USERPAYING, null, null, null);
            }
            if (WechatPayCodes.definite(e)) {
                log.info("{} refused: HTTP {} {}", what, e.getHttpStatusCode(), e.getErrorCode());
                return new GatewayAnswer(order.outTradeNo(), PaymentStatus.FAILED, null,
                        WechatPayCodes.refusal(e.getErrorCode()).code(), null);
            }
            throw WechatPayCodes.translate(what, e, authCode);
        } catch (RuntimeException e) {
            throw WechatPayCodes.translate(what, e);
        }
        if ("USERPAYING".equals(errorCode(response))) {
            return new GatewayAnswer(order.outTradeNo(), PaymentStatus.USERPAYING, null, null, null);
        }
        return answer(order.outTradeNo(), response.getServiceResponse(), what);
    }

    @Override
    public GatewayAnswer query(String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setOutTradeNo(Objects.requireNonNull(outTradeNo, "outTradeNo"));
        request.setMchid(merchantId);
        String what = "query order " + outTradeNo;
        return answer(outTradeNo, call(what, () -> nativePay.queryOrderByOutTradeNo(request)), what);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never throws for {@code ORDERPAID}: the order is paid, and the answer is SUCCESS (with the query's details
     * when the query answers).
     */
    @Override
    public GatewayAnswer close(String outTradeNo) {
        CloseOrderRequest request = new CloseOrderRequest();
        request.setOutTradeNo(Objects.requireNonNull(outTradeNo, "outTradeNo"));
        request.setMchid(merchantId);
        String what = "close order " + outTradeNo;
        try {
            nativePay.closeOrder(request);
            return new GatewayAnswer(outTradeNo, PaymentStatus.CLOSED, null, null, null);
        } catch (ServiceException e) {
            if (!"ORDERPAID".equals(e.getErrorCode())) {
                throw WechatPayCodes.translate(what, e);
            }
        } catch (RuntimeException e) {
            throw WechatPayCodes.translate(what, e);
        }
        try {
            GatewayAnswer paid = query(outTradeNo);
            if (paid.status().isPaid() || paid.status() == PaymentStatus.REFUNDED) {
                return paid;
            }
        } catch (RuntimeException e) {
            log.warn("{} answered ORDERPAID; the query after it failed, answering SUCCESS without details", what, e);
        }
        return new GatewayAnswer(outTradeNo, PaymentStatus.SUCCESS, null, "ORDERPAID", null);
    }

    @Override
    public GatewayAnswer reverse(String outTradeNo) {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        String what = "reverse order " + outTradeNo;
        MerchantBody body = new MerchantBody(appId, merchantId);
        HttpResponse<Transaction> response = call(what, () -> http.execute(
                post("/v3/pay/transactions/out-trade-no/" + outTradeNo + "/reverse", body), Transaction.class));
        JsonNode answer = raw(response);
        if (answer != null && answer.path("recall").asBoolean(false)) {
            throw new GatewayTimeoutException(what + ": WeChat Pay asks for the reverse again (recall): not reversed"
                    + " yet", null);
        }
        return new GatewayAnswer(outTradeNo, PaymentStatus.REVOKED, null, null, null);
    }

    @Override
    public RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason) {
        Objects.requireNonNull(refundNo, "refundNo");
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(Objects.requireNonNull(outTradeNo, "outTradeNo"));
        request.setOutRefundNo(refundNo);
        if (reason != null && !reason.isBlank()) {
            request.setReason(reason);
        }
        if (refundNotifyUrl != null) {
            request.setNotifyUrl(refundNotifyUrl);
        }
        fen(total, "refund " + refundNo + " of order " + outTradeNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(refund.minorUnits());
        amount.setTotal(total.minorUnits());
        amount.setCurrency(total.currency().getCurrencyCode());
        request.setAmount(amount);
        return refundAnswer(refundNo, call("refund " + refundNo + " of order " + outTradeNo,
                () -> refunds.create(request)));
    }

    /** A refund's state by the store's refund number ({@code GET /v3/refund/domestic/refunds/{out_refund_no}}). */
    public RefundAnswer queryRefund(String refundNo) {
        QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
        request.setOutRefundNo(Objects.requireNonNull(refundNo, "refundNo"));
        return refundAnswer(refundNo, call("query refund " + refundNo, () -> refunds.queryByOutRefundNo(request)));
    }

    /** {@link #CLOSE_MINIMUM} after the order's creation (WeChat Pay's close-order API), plus {@link #TIMING_MARGIN}. */
    @Override
    public Instant closeNotBefore(Instant createdAt) {
        return createdAt.plus(CLOSE_MINIMUM).plus(TIMING_MARGIN);
    }

    /** {@link #REVERSE_MINIMUM} after the charge (WeChat Pay's code-pay API), plus {@link #TIMING_MARGIN}. */
    @Override
    public Instant reverseNotBefore(Instant chargedAt) {
        return chargedAt.plus(REVERSE_MINIMUM).plus(TIMING_MARGIN);
    }

    private static RefundAnswer refundAnswer(String refundNo, Refund refund) {
        return new RefundAnswer(refund.getOutRefundNo() == null ? refundNo : refund.getOutRefundNo(),
                refund.getRefundId(), refund.getStatus() == Status.SUCCESS);
    }

    private GatewayAnswer answer(String outTradeNo, Transaction transaction, String what) {
        if (transaction == null || transaction.getTradeState() == null) {
            throw new GatewayTimeoutException(what + ": WeChat Pay answered without a trade_state: outcome unknown,"
                    + " query the order", null);
        }
        String state = transaction.getTradeState().name();
        PaymentStatus status = WechatPayCodes.status(state);
        Instant paidAt = null;
        if (transaction.getSuccessTime() != null) {
            try {
                paidAt = OffsetDateTime.parse(transaction.getSuccessTime()).toInstant();
            } catch (DateTimeParseException e) {
                throw new GatewayTimeoutException(what + ": WeChat Pay's success_time '" + transaction.getSuccessTime()
                        + "' is not RFC 3339", e);
            }
        }
        TransactionAmount amount = transaction.getAmount();
        boolean saysAmount = amount != null && amount.getTotal() != null && amount.getCurrency() != null;
        String reason = status == PaymentStatus.FAILED ? WechatPayCodes.refusal(state).code() : null;
        return new GatewayAnswer(transaction.getOutTradeNo() == null ? outTradeNo : transaction.getOutTradeNo(), status,
                transaction.getTransactionId(), reason, paidAt, saysAmount ? amount.getTotal().longValue() : null,
                saysAmount ? amount.getCurrency() : null);
    }

    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw WechatPayCodes.translate(what, e);
        }
    }

    private static HttpRequest post(String path, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a WeChat Pay request as JSON", e);
        }
        return new HttpRequest.Builder().httpMethod(HttpMethod.POST).url(WechatPayHttp.API + path)
                .addHeader("Accept", "application/json").addHeader("Content-Type", "application/json")
                .body(new JsonRequestBody.Builder().body(json).build()).build();
    }

    /** The body of {@code POST /v3/pay/transactions/codepay}; its toString hides the pay-code. */
    record CodepayBody(@JsonProperty("appid") String appid, @JsonProperty("mchid") String mchid,
            @JsonProperty("description") String description, @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("payer") Payer payer, @JsonProperty("amount") Amount amount,
            @JsonProperty("scene_info") SceneInfo sceneInfo) {

        record Payer(@JsonProperty("auth_code") String authCode) {
            @Override
            public String toString() {
                return "Payer[auth_code=" + masked(authCode) + "]";
            }
        }

        record Amount(@JsonProperty("total") int total, @JsonProperty("currency") String currency) {
        }

        record SceneInfo(@JsonProperty("device_id") String deviceId) {
        }
    }

    /** The body of close and reverse. */
    record MerchantBody(@JsonProperty("appid") String appid, @JsonProperty("mchid") String mchid) {
    }

    private static String errorCode(HttpResponse<?> response) {
        JsonNode answer = raw(response);
        return answer == null || !answer.hasNonNull("code") ? null : answer.get("code").asText();
    }

    private static JsonNode raw(HttpResponse<?> response) {
        if (!(response.getBody() instanceof JsonResponseBody body) || body.getBody() == null) {
            return null;
        }
        try {
            return JSON.readTree(body.getBody());
        } catch (IOException e) {
            throw new GatewayTimeoutException("WeChat Pay's answer is not JSON: outcome unknown, query the order", e);
        }
    }

    /**
     * {@code amount} in fen. A mainland WeChat Pay merchant is paid in CNY only: another currency is refused here,
     * before anything is sent, with a reason the clerk can act on ({@code CURRENCY_NOT_ACCEPTED:CURRENCY_NOT_CNY}).
     */
    private static int fen(Money amount, String what) {
        if (!"CNY".equals(amount.currency().getCurrencyCode())) {
            throw new GatewayRefusedException(Refusal.of(RefusalReason.CURRENCY_NOT_ACCEPTED, "CURRENCY_NOT_CNY").code(),
                    what + ": WeChat Pay takes CNY only, not " + amount.currency().getCurrencyCode()
                            + "; a till paid through WeChat Pay sells in CNY (its catalog's '# currency=CNY')");
        }
        if (amount.minorUnits() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("WeChat Pay takes at most " + Integer.MAX_VALUE + " fen, was " + amount);
        }
        return (int) amount.minorUnits();
    }

    /** The first four digits of a pay-code and its length: enough for support, useless to a thief. */
    static String masked(String authCode) {
        return authCode.length() <= 4 ? "****" : authCode.substring(0, 4) + "****(" + authCode.length() + " digits)";
    }
}
