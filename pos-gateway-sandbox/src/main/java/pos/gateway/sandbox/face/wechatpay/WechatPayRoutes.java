package pos.gateway.sandbox.face.wechatpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.gateway.sandbox.api.MicropayRequest;
import pos.gateway.sandbox.api.MicropayResponse;
import pos.gateway.sandbox.api.NativeOrderRequest;
import pos.gateway.sandbox.api.NativeOrderResponse;
import pos.gateway.sandbox.api.OrderQueryResponse;
import pos.gateway.sandbox.api.RefundAmount;
import pos.gateway.sandbox.api.TradeState;
import pos.gateway.sandbox.face.FaceRoutes;
import pos.gateway.sandbox.ledger.OrderKind;
import pos.gateway.sandbox.ledger.OrderRow;
import pos.gateway.sandbox.ledger.RefundRow;
import pos.gateway.sandbox.trade.RequestRejectedException;
import pos.gateway.sandbox.trade.TradeService;

/**
 * WeChat Pay API v3's merchant endpoints over the sandbox's {@link TradeService}. Every request's Authorization is
 * checked ({@link WechatPaySignatures}) and every answer, errors included, is signed with the platform key. Answers:
 * <pre>
 * POST /v3/pay/transactions/native                      → 200 {code_url}
 * GET  /v3/pay/transactions/out-trade-no/{no}?mchid=M   → 200 transaction | 404 ORDER_NOT_EXIST
 * POST /v3/pay/transactions/out-trade-no/{no}/close     → 204 | 400 ORDERPAID | 403 RULE_LIMIT (too soon)
 * POST /v3/pay/transactions/codepay                     → 200 transaction (SUCCESS) | 202 {code: USERPAYING}
 *                                                          | 403 NOTENOUGH | 403 TRADE_ERROR | 403 AUTH_CODE_INVALID
 * POST /v3/pay/transactions/out-trade-no/{no}/reverse   → 204 | 403 RULE_LIMIT (too soon)
 * POST /v3/refund/domestic/refunds                      → 200 refund (once per out_refund_no)
 * GET  /v3/refund/domestic/refunds/{out_refund_no}      → 200 refund | 404 RESOURCE_NOT_EXISTS
 * any: 401 SIGN_ERROR, 400 MCH_NOT_EXISTS, 400 APPID_MCHID_NOT_MATCH, 400 PARAM_ERROR, 500 SYSTEM_ERROR
 * </pre>
 * The face's own rules, as WeChat Pay documents them: an order is not closed within {@code closeMinimum} (5 minutes)
 * of its creation, a pay-code charge not reversed within {@code reverseMinimum} (15 s) of the charge; both are measured
 * on the sandbox's clock and refused with {@code 403 RULE_LIMIT}. Past its {@code time_expire} an order can no longer
 * be paid but stays {@code NOTPAY} until closed (WeChat Pay: "not the time the order is closed"). Amounts are CNY
 * only ({@code 400 PARAM_ERROR} otherwise), as for a mainland merchant. The code_url is the sandbox's own
 * ({@code sandbox://pay/...}) so that {@code POST /sandbox/pay} can play the customer. Thread-safe.
 */
final class WechatPayRoutes {

    private static final Logger log = LoggerFactory.getLogger(WechatPayRoutes.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String DEFAULT_CURRENCY = "CNY";
    private static final String ORDER = "/v3/pay/transactions/out-trade-no/{out_trade_no}";

    private final WechatPayKeys keys;
    private final WechatPaySignatures signatures;
    private final Clock tradeClock;
    private final Duration closeMinimum;
    private final Duration reverseMinimum;

    WechatPayRoutes(WechatPayKeys keys, WechatPaySignatures signatures, Clock tradeClock, Duration closeMinimum,
            Duration reverseMinimum) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.tradeClock = Objects.requireNonNull(tradeClock, "tradeClock");
        this.closeMinimum = Objects.requireNonNull(closeMinimum, "closeMinimum");
        this.reverseMinimum = Objects.requireNonNull(reverseMinimum, "reverseMinimum");
    }

    void install(FaceRoutes routes, TradeService trades) {
        routes.add("POST", "/v3/pay/transactions/native", signed(r -> nativeOrder(r, trades), false), false);
        routes.add("GET", ORDER, signed(r -> query(r, trades), false), false);
        routes.add("POST", ORDER + "/close", signed(r -> close(r, trades), false), false);
        routes.add("POST", "/v3/pay/transactions/codepay", signed(r -> codepay(r, trades), false), false);
        routes.add("POST", ORDER + "/reverse", signed(r -> reverse(r, trades), false), false);
        routes.add("POST", "/v3/refund/domestic/refunds", signed(r -> refund(r, trades), true), true);
        routes.add("GET", "/v3/refund/domestic/refunds/{out_refund_no}",
                signed(r -> refundQuery(r.pathParams().get("out_refund_no"), trades), true), false);
    }

    private Reply nativeOrder(FaceRoutes.Request request, TradeService trades) {
        WechatPayJson.NativeRequest body = read(request, WechatPayJson.NativeRequest.class);
        requireMerchant(body.mchid(), body.appid());
        Integer seconds = null;
        if (body.timeExpire() != null) {
            try {
                // time_expire is a moment on the merchant's clock, which the signature clock stands for (a test
                // moves the trade clock, not the SDK's): how long the order stays payable is read there and then
                // counted on the trade clock.
                Instant expire = OffsetDateTime.parse(body.timeExpire()).toInstant();
                seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                        Duration.between(signatures.clock().instant(), expire).toSeconds()));
            } catch (DateTimeParseException e) {
                throw new WechatPayError(400, "PARAM_ERROR", "time_expire must be RFC 3339 (2026-12-06T18:04:05+08:00)");
            }
        }
        NativeOrderResponse created = trades.createNative(new NativeOrderRequest(body.outTradeNo(), body.description(),
                amount(body.amount()), body.notifyUrl(), seconds));
        return Reply.json(200, new WechatPayJson.CodeUrl(created.codeUrl()));
    }

    private Reply query(FaceRoutes.Request request, TradeService trades) {
        requireMerchant(request.query().get("mchid"), null);
        String outTradeNo = request.pathParams().get("out_trade_no");
        OrderRow order = existing(trades, outTradeNo);
        return Reply.json(200, transaction(order, trades.query(outTradeNo)));
    }

    private Reply close(FaceRoutes.Request request, TradeService trades) {
        WechatPayJson.Merchant body = read(request, WechatPayJson.Merchant.class);
        requireMerchant(body.mchid(), null);
        String outTradeNo = request.pathParams().get("out_trade_no");
        OrderRow order = existing(trades, outTradeNo);
        if (order.tradeState().isPaid()) {
            throw new WechatPayError(400, "ORDERPAID", "order " + outTradeNo + " is paid and cannot be closed");
        }
        Instant earliest = order.createdAt().plus(closeMinimum);
        if (order.tradeState().isPending() && tradeClock.instant().isBefore(earliest)) {
            throw new WechatPayError(403, "RULE_LIMIT", "order " + outTradeNo + " cannot be closed within "
                    + closeMinimum.toSeconds() + " s of its creation; close it at " + earliest + " or later");
        }
        trades.close(outTradeNo);
        return Reply.empty(204);
    }

    private Reply codepay(FaceRoutes.Request request, TradeService trades) {
        WechatPayJson.CodepayRequest body = read(request, WechatPayJson.CodepayRequest.class);
        requireMerchant(body.mchid(), body.appid());
        String authCode = body.payer() == null ? null : body.payer().authCode();
        if (authCode == null || authCode.isBlank()) {
            throw new WechatPayError(400, "PARAM_ERROR", "payer.auth_code is required");
        }
        MicropayResponse charged = trades.micropay(new MicropayRequest(body.outTradeNo(), authCode, body.description(),
                amount(body.amount()), null));
        if (charged.tradeState() == TradeState.USERPAYING) {
            return Reply.json(202, new WechatPayJson.Error("USERPAYING",
                    "the customer confirms the payment on the phone; query the order"));
        }
        return Reply.json(200, transaction(existing(trades, body.outTradeNo()), trades.query(body.outTradeNo())));
    }

    private Reply reverse(FaceRoutes.Request request, TradeService trades) {
        WechatPayJson.Merchant body = read(request, WechatPayJson.Merchant.class);
        requireMerchant(body.mchid(), body.appid());
        String outTradeNo = request.pathParams().get("out_trade_no");
        OrderRow order = existing(trades, outTradeNo);
        Instant earliest = order.createdAt().plus(reverseMinimum);
        if (order.tradeState() != TradeState.REVOKED && tradeClock.instant().isBefore(earliest)) {
            throw new WechatPayError(403, "RULE_LIMIT", "order " + outTradeNo + " cannot be reversed within "
                    + reverseMinimum.toSeconds() + " s of the charge; reverse it at " + earliest + " or later");
        }
        trades.reverse(outTradeNo);
        return Reply.empty(204);
    }

    private Reply refund(FaceRoutes.Request request, TradeService trades) {
        WechatPayJson.RefundRequest body = read(request, WechatPayJson.RefundRequest.class);
        if (body.outTradeNo() == null) {
            throw new WechatPayError(400, "PARAM_ERROR", "out_trade_no is required (refunds by transaction_id are not"
                    + " supported by the sandbox)");
        }
        WechatPayJson.RefundAmountRequest amount = body.amount();
        if (amount == null || amount.refund() == null || amount.total() == null) {
            throw new WechatPayError(400, "PARAM_ERROR", "amount.refund and amount.total are required");
        }
        trades.refund(new pos.gateway.sandbox.api.RefundRequest(body.outTradeNo(), body.outRefundNo(),
                new RefundAmount(amount.refund(), amount.total(), currency(amount.currency())), body.reason()));
        return refundQuery(body.outRefundNo(), trades);
    }

    private Reply refundQuery(String outRefundNo, TradeService trades) {
        RefundRow refund = trades.findRefund(outRefundNo).orElseThrow(() -> new WechatPayError(404,
                "RESOURCE_NOT_EXISTS", "no refund has out_refund_no " + outRefundNo));
        OrderRow order = existing(trades, refund.outTradeNo());
        OrderQueryResponse state = trades.query(refund.outTradeNo());
        String when = WechatPayJson.time(refund.refundedAt());
        return Reply.json(200, new WechatPayJson.Refund(refund.refundId(), refund.outRefundNo(), state.transactionId(),
                refund.outTradeNo(), "ORIGINAL", "支付用户零钱", when, when, "SUCCESS", "AVAILABLE",
                new WechatPayJson.RefundAmount(order.total(), refund.amount(), order.total(), refund.amount(),
                        refund.amount(), order.total(), 0, order.currency())));
    }

    /** The transaction as the query answers it. */
    WechatPayJson.Transaction transaction(OrderRow order, OrderQueryResponse state) {
        boolean paid = state.transactionId() != null;
        return new WechatPayJson.Transaction(keys.appId(), keys.merchantId(), order.outTradeNo(),
                state.transactionId(), order.kind() == OrderKind.NATIVE ? "NATIVE" : "MICROPAY",
                state.tradeState().name(), describe(state), paid ? "OTHERS" : null, "",
                paid ? WechatPayJson.time(Instant.parse(state.successTime())) : null,
                paid ? new WechatPayJson.Payer(null, openid(order.outTradeNo())) : null,
                new WechatPayJson.TransactionAmount(order.total(), paid ? order.total() : null, order.currency(),
                        paid ? order.currency() : null));
    }

    /** A stable made-up payer id per order: a sandbox customer has no WeChat account. */
    static String openid(String outTradeNo) {
        return "oSandbox" + Integer.toHexString(outTradeNo.hashCode() & 0x7fffffff);
    }

    private static String describe(OrderQueryResponse state) {
        return switch (state.tradeState()) {
            case SUCCESS -> "支付成功";
            case REFUND -> "转入退款";
            case NOTPAY -> "未支付";
            case CLOSED -> "已关闭";
            case REVOKED -> "已撤销（付款码支付）";
            case USERPAYING -> "用户支付中（付款码支付）";
            case PAYERROR -> "支付失败 " + (state.code() == null ? "" : state.code());
        };
    }

    private void requireMerchant(String mchid, String appid) {
        if (mchid == null || mchid.isBlank()) {
            throw new WechatPayError(400, "PARAM_ERROR", "mchid is required");
        }
        if (!keys.merchantId().equals(mchid)) {
            throw new WechatPayError(400, "MCH_NOT_EXISTS", "merchant '" + clip(mchid) + "' does not exist here");
        }
        if (appid != null && !keys.appId().equals(appid)) {
            throw new WechatPayError(400, "APPID_MCHID_NOT_MATCH", "app '" + clip(appid)
                    + "' is not bound to merchant " + mchid);
        }
    }

    private static OrderRow existing(TradeService trades, String outTradeNo) {
        return trades.order(outTradeNo).orElseThrow(() -> new WechatPayError(404, "ORDER_NOT_EXIST",
                "no order has out_trade_no " + outTradeNo));
    }

    private static pos.gateway.sandbox.api.Amount amount(WechatPayJson.Amount amount) {
        if (amount == null || amount.total() == null) {
            throw new WechatPayError(400, "PARAM_ERROR", "amount.total is required");
        }
        return new pos.gateway.sandbox.api.Amount(amount.total(), currency(amount.currency()));
    }

    /** A mainland merchant is paid in CNY only (WeChat Pay: "境内商户号仅支持人民币"); absent means CNY. */
    private static String currency(String currency) {
        if (currency == null) {
            return DEFAULT_CURRENCY;
        }
        if (!DEFAULT_CURRENCY.equals(currency)) {
            throw new WechatPayError(400, "PARAM_ERROR", "amount.currency must be CNY for this merchant, was "
                    + clip(currency));
        }
        return currency;
    }

    private static <T> T read(FaceRoutes.Request request, Class<T> type) {
        try {
            T body = WechatPayJson.MAPPER.readValue(request.body(), type);
            if (body == null) {
                throw new WechatPayError(400, "PARAM_ERROR", "the body must be a JSON object");
            }
            return body;
        } catch (java.io.IOException e) {
            throw new WechatPayError(400, "PARAM_ERROR", "the body is not the expected JSON: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Checks the signature, answers, and signs the answer, whatever it is. */
    private FaceRoutes.Handler signed(Endpoint endpoint, boolean refund) {
        return request -> {
            Reply reply;
            try {
                signatures.verifyRequest(request, pathAndQuery(request));
                reply = endpoint.handle(request);
            } catch (WechatPayError e) {
                reply = Reply.json(e.status(), new WechatPayJson.Error(e.code(), e.getMessage()));
            } catch (RequestRejectedException e) {
                WechatPayError mapped = mapped(e, refund);
                reply = Reply.json(mapped.status(), new WechatPayJson.Error(mapped.code(), mapped.getMessage()));
            } catch (RuntimeException e) {
                log.error("{} {} failed", request.method(), request.path(), e);
                reply = Reply.json(500, new WechatPayJson.Error("SYSTEM_ERROR", "the sandbox failed ("
                        + e.getClass().getSimpleName() + "); the outcome is unknown, query the order"));
            }
            Map<String, String> headers = signatures.answerHeaders(reply.body());
            return reply.body().isEmpty() ? FaceRoutes.Answer.empty(reply.status(), headers)
                    : new FaceRoutes.Answer(reply.status(), JSON, headers, reply.body().getBytes(StandardCharsets.UTF_8));
        };
    }

    /** The sandbox's refusal in WeChat Pay's words. */
    static WechatPayError mapped(RequestRejectedException e, boolean refund) {
        String message = e.getMessage();
        return switch (e.code()) {
            case INVALID_REQUEST, REQUEST_TOO_LARGE, REFUND_AMOUNT_INVALID, CARD_INVALID ->
                    new WechatPayError(400, "PARAM_ERROR", message);
            case OUT_TRADE_NO_USED -> new WechatPayError(403, "OUT_TRADE_NO_USED", message);
            case OUT_REFUND_NO_USED, ORDER_NOT_PAID -> new WechatPayError(400, "INVALID_REQUEST", message);
            case AUTH_CODE_INVALID -> new WechatPayError(403, "AUTH_CODE_INVALID", message);
            case NOTENOUGH -> new WechatPayError(403, "NOTENOUGH", message);
            case PAYERROR, WRONG_PIN, DECLINED, INSUFFICIENT_FUNDS, EXPIRED_CARD ->
                    new WechatPayError(403, "TRADE_ERROR", message);
            case ORDER_NOT_EXIST -> new WechatPayError(404, refund ? "RESOURCE_NOT_EXISTS" : "ORDER_NOT_EXIST", message);
            case ORDERPAID -> new WechatPayError(400, "ORDERPAID", message);
            case ORDER_CLOSED -> new WechatPayError(400, "ORDER_CLOSED", message);
            case NOT_FOUND -> new WechatPayError(404, "NOT_FOUND", message);
            case METHOD_NOT_ALLOWED -> new WechatPayError(405, "METHOD_NOT_ALLOWED", message);
            case SYSTEMERROR -> new WechatPayError(500, "SYSTEM_ERROR", message);
        };
    }

    /** The path and query as the caller signed them; the face's routes take at most the one query parameter mchid. */
    private static String pathAndQuery(FaceRoutes.Request request) {
        if (request.query().isEmpty()) {
            return request.path();
        }
        return request.path() + "?" + request.query().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + java.net.URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String clip(String value) {
        String shortened = value.length() > 32 ? value.substring(0, 32) + "…" : value;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    @FunctionalInterface
    private interface Endpoint {
        Reply handle(FaceRoutes.Request request);
    }

    /** An answer before it is signed: the status and the exact body text ("" for none). */
    private record Reply(int status, String body) {
        static Reply json(int status, Object body) {
            try {
                return new Reply(status, WechatPayJson.MAPPER.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a WeChat Pay answer as JSON", e);
            }
        }

        static Reply empty(int status) {
            return new Reply(status, "");
        }
    }
}
