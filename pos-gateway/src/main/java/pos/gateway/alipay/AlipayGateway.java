package pos.gateway.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeCancelModel;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.money.Money;
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
 * {@link PaymentGateway} over Alipay face-to-face (当面付) through the official {@code alipay-sdk-java}
 * ({@link DefaultAlipayClient}, RSA2, JSON, UTF-8): the SDK signs every request with the app's private key and checks
 * every answer's signature with Alipay's public key. What the till does on each documented answer:
 * <ul>
 * <li>QR ({@code alipay.trade.precreate}): the answer's {@code qr_code} is shown; the order stays payable for the
 *     configured expiry ({@code timeout_express}).</li>
 * <li>Pay-code ({@code alipay.trade.pay}, {@code scene=bar_code}): 10000 is SUCCESS; 10003 is USERPAYING (the buyer
 *     confirms on the phone: query until final); 40004 with an {@code ACQ.*} code is a FAILED answer whose reason code
 *     is {@code REASON:ACQ.CODE} ({@code ACQ.BUYER_BALANCE_NOT_ENOUGH} → INSUFFICIENT_BALANCE, ...); 20000 and
 *     {@code ACQ.SYSTEM_ERROR} leave the outcome unknown ({@link GatewayTimeoutException}: query).</li>
 * <li>Query: {@code WAIT_BUYER_PAY} → USERPAYING, {@code TRADE_SUCCESS}/{@code TRADE_FINISHED} → SUCCESS (with the
 *     amount in CNY), {@code TRADE_CLOSED} → CLOSED, or REFUNDED when the money had been taken;
 *     {@code ACQ.TRADE_NOT_EXIST} → PENDING: Alipay knows a precreated order only once the buyer scanned it.</li>
 * <li>Close: CLOSED; {@code ACQ.TRADE_NOT_EXIST} is CLOSED too (nobody scanned, nothing to pay); a paid trade
 *     ({@code ACQ.TRADE_STATUS_ERROR}) is read again and answered SUCCESS: the sale is paid.</li>
 * <li>Reverse ({@code alipay.trade.cancel}): Alipay closes an unpaid trade ({@code action=close}) or refunds a paid one
 *     ({@code action=refund}); the REVOKED answer carries {@code ORDER_REVERSED:action=close|refund}, and the action is
 *     logged. {@code retry_flag=Y} is retried up to {@value #CANCEL_ATTEMPTS} times, then the outcome is unknown.</li>
 * <li>Refund: once per refund number ({@code out_request_no}); {@code fund_change=Y} means the money went back now, a
 *     repeat answers {@code N} and the refund query ({@code alipay.trade.fastpay.refund.query}) says whether it was
 *     made.</li>
 * </ul>
 * Failures: a connection that cannot be made is {@link GatewayUnreachableException}; no answer within the read timeout,
 * or an answer whose signature does not verify, is {@link GatewayTimeoutException} (outcome unknown). The app's private
 * key, the pay-code (only its last four digits) and signatures never reach a log or a message; the SDK's own logger,
 * which writes whole requests and signatures, is switched off. Thread-safe.
 */
public final class AlipayGateway implements PaymentGateway {

    /** Alipay's production gateway, used when no test server's address is configured. */
    public static final String PRODUCTION_GATEWAY = "https://openapi.alipay.com/gateway.do";
    static final int CANCEL_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(AlipayGateway.class);

    private final AlipayClient client;
    private final String serverUrl;
    private final Duration orderExpiry;
    private final String payCodeNotifyUrl;
    private final Duration cancelPause;
    private final Clock clock;

    /**
     * A client of Alipay (or of a server speaking its protocol at {@code baseUrl}).
     *
     * @param baseUrl          the server's base address; {@code /gateway.do} is added; null for Alipay's production
     * @param timeout          the connect timeout and the read timeout
     * @param orderExpiry      how long a QR order stays payable
     * @param payCodeNotifyUrl where Alipay notifies pay-code results (the store hub), or null
     */
    public AlipayGateway(AlipayCredentials credentials, URI baseUrl, Duration timeout, Duration orderExpiry,
            String payCodeNotifyUrl) {
        this(credentials, baseUrl, timeout, orderExpiry, payCodeNotifyUrl, Duration.ofMillis(500), Clock.systemUTC());
    }

    AlipayGateway(AlipayCredentials credentials, URI baseUrl, Duration timeout, Duration orderExpiry,
            String payCodeNotifyUrl, Duration cancelPause, Clock clock) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeout, "timeout");
        this.orderExpiry = Objects.requireNonNull(orderExpiry, "orderExpiry");
        this.payCodeNotifyUrl = payCodeNotifyUrl == null || payCodeNotifyUrl.isBlank() ? null : payCodeNotifyUrl;
        this.cancelPause = Objects.requireNonNull(cancelPause, "cancelPause");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serverUrl = baseUrl == null ? PRODUCTION_GATEWAY
                : baseUrl.toString().replaceAll("/+$", "") + "/gateway.do";
        // The SDK's logger writes failed requests whole: the signature and the biz_content with the buyer's pay-code.
        AlipayLogger.setNeedEnableLogger(false);
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(serverUrl);
        config.setAppId(credentials.appId());
        config.setPrivateKey(credentials.appPrivateKey());
        config.setAlipayPublicKey(credentials.alipayPublicKey());
        config.setFormat("json");
        config.setCharset("utf-8");
        config.setSignType("RSA2");
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        config.setConnectTimeout(millis);
        config.setReadTimeout(millis);
        try {
            this.client = new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalArgumentException("the Alipay client cannot be made for app " + credentials.appId() + ": "
                    + e.getErrMsg(), e);
        }
    }

    /** The gateway address requests go to. */
    public String serverUrl() {
        return serverUrl;
    }

    @Override
    public QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
        String what = "create QR order " + order.outTradeNo();
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(order.outTradeNo());
        model.setTotalAmount(yuan(order.amount(), what));
        model.setSubject(subject(order.description()));
        model.setTimeoutExpress(Math.max(1, orderExpiry.toMinutes()) + "m");
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        request.setNotifyUrl(notifyUrl);
        Instant asked = clock.instant();
        AlipayTradePrecreateResponse response = execute(what, request);
        if (!AlipayCodes.SUCCESS.equals(response.getCode()) || blank(response.getQrCode())) {
            throw failure(what, response);
        }
        return new QrOrder(order.outTradeNo(), response.getQrCode(), asked.plus(Duration.ofMinutes(
                Math.max(1, orderExpiry.toMinutes()))));
    }

    @Override
    public GatewayAnswer payByCode(PaymentOrder order, String authCode) {
        Objects.requireNonNull(authCode, "authCode");
        String what = "charge pay-code " + masked(authCode) + " for order " + order.outTradeNo();
        AlipayTradePayModel model = new AlipayTradePayModel();
        model.setOutTradeNo(order.outTradeNo());
        model.setScene("bar_code");
        model.setAuthCode(authCode);
        model.setTotalAmount(yuan(order.amount(), what));
        model.setSubject(subject(order.description()));
        model.setProductCode("FACE_TO_FACE_PAYMENT");
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(payCodeNotifyUrl);
        AlipayTradePayResponse response = execute(what, request);
        String code = response.getCode();
        if (AlipayCodes.SUCCESS.equals(code)) {
            return new GatewayAnswer(order.outTradeNo(), PaymentStatus.SUCCESS, response.getTradeNo(), null,
                    instant(response.getGmtPayment()), amount(response.getTotalAmount(), what), AlipayAmounts.CURRENCY);
        }
        if (AlipayCodes.PROCESSING.equals(code)) {
            return new GatewayAnswer(order.outTradeNo(), PaymentStatus.USERPAYING, blankToNull(response.getTradeNo()),
                    null, null);
        }
        if (AlipayCodes.outcomeUnknown(code, response.getSubCode())) {
            throw unknown(what, response);
        }
        if ("ACQ.TRADE_HAS_SUCCESS".equals(response.getSubCode())) {
            return query(order.outTradeNo()); // a repeat of a charge that went through
        }
        if (AlipayCodes.BUSINESS_FAILED.equals(code)) {
            return new GatewayAnswer(order.outTradeNo(), PaymentStatus.FAILED, null,
                    AlipayCodes.refusal(code, response.getSubCode()), null);
        }
        throw failure(what, response);
    }

    @Override
    public GatewayAnswer query(String outTradeNo) {
        String what = "query order " + outTradeNo;
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse response = execute(what, request);
        if (AlipayCodes.TRADE_NOT_EXIST.equals(response.getSubCode())) {
            return new GatewayAnswer(outTradeNo, PaymentStatus.PENDING, null, null, null); // nobody scanned it yet
        }
        if (!AlipayCodes.SUCCESS.equals(response.getCode())) {
            throw failure(what, response);
        }
        Date sentPay = response.getSendPayDate();
        PaymentStatus status = AlipayCodes.status(response.getTradeStatus(), sentPay != null);
        if (status == null) {
            throw new GatewayTimeoutException(describe(what) + " answered an unknown trade_status '"
                    + AlipayAmounts.printable(response.getTradeStatus()) + "': outcome unknown, query again", null);
        }
        if (status == PaymentStatus.SUCCESS) {
            return new GatewayAnswer(outTradeNo, status, response.getTradeNo(), null, instant(sentPay),
                    amount(response.getTotalAmount(), what), AlipayAmounts.CURRENCY);
        }
        return new GatewayAnswer(outTradeNo, status, blankToNull(response.getTradeNo()), null, instant(sentPay));
    }

    @Override
    public GatewayAnswer close(String outTradeNo) {
        String what = "close order " + outTradeNo;
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        AlipayTradeCloseResponse response = execute(what, request);
        String subCode = response.getSubCode();
        if (AlipayCodes.SUCCESS.equals(response.getCode()) || AlipayCodes.TRADE_NOT_EXIST.equals(subCode)
                || "ACQ.TRADE_HAS_CLOSE".equals(subCode)) {
            return new GatewayAnswer(outTradeNo, PaymentStatus.CLOSED, blankToNull(response.getTradeNo()), null, null);
        }
        if ("ACQ.TRADE_STATUS_ERROR".equals(subCode)) {
            // paid (or refunded) before the close: what the trade is now is the answer, never an error
            GatewayAnswer now = query(outTradeNo);
            log.info("Alipay: order {} could not be closed because it is {}", outTradeNo, now.status());
            return now;
        }
        throw failure(what, response);
    }

    @Override
    public GatewayAnswer reverse(String outTradeNo) {
        String what = "cancel order " + outTradeNo;
        AlipayTradeCancelModel model = new AlipayTradeCancelModel();
        model.setOutTradeNo(outTradeNo);
        for (int attempt = 1; ; attempt++) {
            AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
            request.setBizModel(model);
            AlipayTradeCancelResponse response = execute(what, request);
            boolean retry = "Y".equalsIgnoreCase(response.getRetryFlag());
            if (AlipayCodes.SUCCESS.equals(response.getCode()) && !retry) {
                String action = blank(response.getAction()) ? "close" : response.getAction();
                log.info("Alipay cancelled order {}: action={} ({})", outTradeNo, action, "refund".equals(action)
                        ? "the buyer's payment was refunded" : "the trade was closed unpaid");
                return new GatewayAnswer(outTradeNo, PaymentStatus.REVOKED, blankToNull(response.getTradeNo()),
                        Refusal.of(RefusalReason.ORDER_REVERSED, "action=" + action).code(), null);
            }
            if (AlipayCodes.TRADE_NOT_EXIST.equals(response.getSubCode())) {
                log.info("Alipay has no trade {} to cancel: nothing was charged", outTradeNo);
                return new GatewayAnswer(outTradeNo, PaymentStatus.REVOKED, null,
                        Refusal.of(RefusalReason.ORDER_REVERSED, AlipayCodes.TRADE_NOT_EXIST).code(), null);
            }
            boolean unknown = AlipayCodes.outcomeUnknown(response.getCode(), response.getSubCode());
            if (!retry && !unknown) {
                throw failure(what, response);
            }
            if (attempt >= CANCEL_ATTEMPTS) {
                throw new GatewayTimeoutException(describe(what) + " still asks to be called again after " + attempt
                        + " attempts (" + response.getCode() + " " + orEmpty(response.getSubCode()) + ", retry_flag="
                        + orEmpty(response.getRetryFlag()) + "): not cancelled yet, call reverse again", null);
            }
            log.info("Alipay asks to cancel order {} again (retry_flag={}, {} {}): attempt {} of {}", outTradeNo,
                    orEmpty(response.getRetryFlag()), response.getCode(), orEmpty(response.getSubCode()), attempt + 1,
                    CANCEL_ATTEMPTS);
            pause();
        }
    }

    @Override
    public RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason) {
        Objects.requireNonNull(refundNo, "refundNo");
        String what = "refund " + refundNo + " of order " + outTradeNo;
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(outTradeNo);
        model.setOutRequestNo(refundNo);
        model.setRefundAmount(yuan(refund, what));
        if (reason != null && !reason.isBlank()) {
            model.setRefundReason(reason.length() > 256 ? reason.substring(0, 256) : reason);
        }
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        AlipayTradeRefundResponse response = execute(what, request);
        if (!AlipayCodes.SUCCESS.equals(response.getCode())) {
            throw failure(what, response);
        }
        String tradeNo = blankToNull(response.getTradeNo());
        if ("Y".equalsIgnoreCase(response.getFundChange())) {
            return new RefundAnswer(refundNo, tradeNo, true);
        }
        // fund_change=N: a repeat of this refund number (or a refund still under way): the refund query says
        return new RefundAnswer(refundNo, tradeNo, refundMade(outTradeNo, refundNo));
    }

    /** {@code alipay.trade.fastpay.refund.query}: true when the refund {@code refundNo} of the order was made. */
    public boolean refundMade(String outTradeNo, String refundNo) {
        String what = "query refund " + refundNo + " of order " + outTradeNo;
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(outTradeNo);
        model.setOutRequestNo(refundNo);
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        AlipayTradeFastpayRefundQueryResponse response = execute(what, request);
        if (!AlipayCodes.SUCCESS.equals(response.getCode())) {
            throw failure(what, response);
        }
        // documented: the refund was made when the answer names it and its status is empty or REFUND_SUCCESS
        boolean named = !blank(response.getRefundAmount());
        String status = response.getRefundStatus();
        return named && (blank(status) || "REFUND_SUCCESS".equals(status));
    }

    /** Sends one request through the SDK; transport failures become the port's exceptions. */
    private <T extends AlipayResponse> T execute(String what, AlipayRequest<T> request) {
        try {
            T response = client.execute(request);
            if (response == null) {
                throw new GatewayTimeoutException(describe(what) + " got no answer: outcome unknown, query", null);
            }
            return response;
        } catch (AlipayApiException e) {
            throw transportFailure(what, e);
        } catch (RuntimeException e) {
            if (e instanceof GatewayTimeoutException) {
                throw e;
            }
            throw new GatewayTimeoutException(describe(what) + " failed in the Alipay SDK (" + e.getClass().getSimpleName()
                    + "): outcome unknown, query the order", e);
        }
    }

    private RuntimeException transportFailure(String what, AlipayApiException e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return new GatewayUnreachableException(describe(what) + " failed: cannot connect ("
                        + cause.getClass().getSimpleName() + "): nothing was sent", e);
            }
            if (cause instanceof SocketTimeoutException timeout) {
                String message = String.valueOf(timeout.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("connect")) {
                    return new GatewayUnreachableException(describe(what) + " failed: connect timed out: nothing was"
                            + " sent", e);
                }
                return new GatewayTimeoutException(describe(what) + " failed: no answer in time: outcome unknown,"
                        + " query the order", e);
            }
        }
        String message = String.valueOf(e.getErrMsg() == null ? e.getMessage() : e.getErrMsg());
        if (message.toLowerCase(java.util.Locale.ROOT).contains("sign check fail")) {
            return new GatewayTimeoutException(describe(what) + ": the answer's signature does not verify with Alipay's"
                    + " public key, so it is not taken: outcome unknown, query the order (check alipay-public-key.pem)",
                    e);
        }
        return new GatewayTimeoutException(describe(what) + " failed: " + AlipayAmounts.printable(message)
                + ": outcome unknown, query the order", e);
    }

    /** A non-success answer: outcome unknown for 20000 / system errors, otherwise a definite refusal. */
    private RuntimeException failure(String what, AlipayResponse response) {
        if (AlipayCodes.outcomeUnknown(response.getCode(), response.getSubCode())) {
            return unknown(what, response);
        }
        String code = AlipayCodes.refusal(response.getCode(), response.getSubCode());
        return new GatewayRefusedException(code, describe(what) + " refused: " + response.getCode() + " "
                + orEmpty(response.getSubCode()) + " (" + orEmpty(response.getSubMsg()) + ")");
    }

    private GatewayTimeoutException unknown(String what, AlipayResponse response) {
        return new GatewayTimeoutException(describe(what) + " answered " + response.getCode() + " "
                + orEmpty(response.getSubCode()) + " (" + orEmpty(response.getSubMsg()) + "): outcome unknown, query the"
                + " order", null);
    }

    private String yuan(Money money, String what) {
        try {
            return AlipayAmounts.toYuan(money); // refuses nothing but another currency than CNY
        } catch (IllegalArgumentException e) {
            throw new GatewayRefusedException(Refusal.of(RefusalReason.CURRENCY_NOT_ACCEPTED, "CURRENCY_NOT_CNY").code(),
                    describe(what) + ": " + e.getMessage() + "; a till paid through Alipay sells in CNY (its catalog's"
                            + " '# currency=CNY')");
        }
    }

    private Long amount(String yuan, String what) {
        try {
            return AlipayAmounts.toMinor(yuan);
        } catch (IllegalArgumentException e) {
            throw new GatewayTimeoutException(describe(what) + " answered total_amount " + e.getMessage()
                    + ": not taken, query the order", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(cancelPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayTimeoutException("cancel interrupted: outcome unknown, call reverse again", e);
        }
    }

    private String describe(String what) {
        return "Alipay " + serverUrl + ": " + what;
    }

    /** What the customer reads on the phone: at most 256 characters, never empty. */
    private static String subject(String description) {
        String text = description == null || description.isBlank() ? "Purchase" : description.strip();
        return text.length() > 256 ? text.substring(0, 256) : text;
    }

    /** A pay-code for messages: only its last four digits. */
    static String masked(String authCode) {
        return authCode.length() <= 4 ? "****" : "*".repeat(Math.min(20, authCode.length() - 4))
                + authCode.substring(authCode.length() - 4);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return blank(value) ? null : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : AlipayAmounts.printable(value);
    }
}
