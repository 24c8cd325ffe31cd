package pos.gateway.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import pos.contract.TransactionIds;
import pos.core.pay.NotificationRefusedException;
import pos.core.pay.PaymentNotice;
import pos.core.pay.PaymentNotifications;
import pos.core.pay.PaymentStatus;

/**
 * Alipay's asynchronous notifications (异步通知) for the hub's {@code POST /notify/alipay}: a form post
 * ({@code application/x-www-form-urlencoded}, UTF-8) signed RSA2 with Alipay's private key, checked here with the SDK's
 * {@code AlipaySignature.rsaCheckV1} and Alipay's public key. Refused, with nothing changed: a missing or wrong
 * signature, another {@code app_id} or {@code seller_id} than this store's (all origin unproven, HTTP 401), a body
 * that is no notification (no {@code out_trade_no} of a transaction id, an unknown {@code trade_status}, a
 * {@code total_amount} that is not yuan with at most two decimals: HTTP 400). The notified amount is carried in the
 * notice as it is; the hub holds a notice whose amount differs from the order.
 *
 * <p>States: {@code TRADE_SUCCESS} and {@code TRADE_FINISHED} are SUCCESS, {@code WAIT_BUYER_PAY} USERPAYING,
 * {@code TRADE_CLOSED} CLOSED; a refund's notification (it carries {@code refund_fee}) is REFUNDED once every fen went
 * back, and reads as nothing (acknowledged, ignored) while part of the money stays. The same {@code notify_id} may come
 * again; it reads the same notice each time, and the hub's compare-and-set makes the repeat change nothing. Alipay
 * stops retrying only on the literal body {@code success}; a refusal answers {@code fail}. Thread-safe.
 */
public final class AlipayNotifications implements PaymentNotifications {

    /** The provider's name and the hub's route: {@code /notify/alipay}. */
    public static final String PROVIDER = "alipay";
    private static final int MAX_BODY = 64 * 1024;

    private final String appId;
    private final String sellerId;
    private final String alipayPublicKey;

    public AlipayNotifications(AlipayCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        this.appId = credentials.appId();
        this.sellerId = credentials.sellerId();
        this.alipayPublicKey = credentials.alipayPublicKey();
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Optional<PaymentNotice> read(Function<String, String> header, String contentType, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (body.length > MAX_BODY) {
            throw new NotificationRefusedException("an Alipay notification is at most " + MAX_BODY + " bytes, this one"
                    + " has " + body.length, false);
        }
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            throw new NotificationRefusedException("an Alipay notification is a form post, not " + printable(contentType),
                    false);
        }
        Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
        String sign = params.get("sign");
        if (sign == null || sign.isBlank()) {
            throw new NotificationRefusedException("the Alipay notification has no sign", true);
        }
        boolean verified;
        try {
            // rsaCheckV1 removes sign and sign_type from the map it is given: give it a copy
            verified = AlipaySignature.rsaCheckV1(new HashMap<>(params), alipayPublicKey, "utf-8", "RSA2");
        } catch (AlipayApiException | RuntimeException e) {
            throw new NotificationRefusedException("the Alipay notification's signature cannot be checked: "
                    + e.getClass().getSimpleName(), true, e);
        }
        if (!verified) {
            throw new NotificationRefusedException("the Alipay notification's RSA2 signature does not verify with"
                    + " Alipay's public key", true);
        }
        if (!appId.equals(params.get("app_id"))) {
            throw new NotificationRefusedException("the Alipay notification is for app_id " + printable(
                    params.get("app_id")) + ", not this store's " + appId, true);
        }
        if (!sellerId.equals(params.get("seller_id"))) {
            throw new NotificationRefusedException("the Alipay notification is for seller_id " + printable(
                    params.get("seller_id")) + ", not this store's " + sellerId, true);
        }
        return notice(params);
    }

    private Optional<PaymentNotice> notice(Map<String, String> params) {
        String notifyType = params.get("notify_type");
        if (notifyType != null && !notifyType.isEmpty() && !"trade_status_sync".equals(notifyType)) {
            return Optional.empty(); // proven, but about something else than a trade's state
        }
        String outTradeNo = params.get("out_trade_no");
        if (outTradeNo == null || !TransactionIds.isTransactionId(outTradeNo)) {
            throw new NotificationRefusedException("the Alipay notification's out_trade_no "
                    + printable(outTradeNo) + " is not a transaction id", false);
        }
        String tradeStatus = params.get("trade_status");
        boolean refund = params.get("refund_fee") != null || params.get("out_biz_no") != null;
        PaymentStatus status = AlipayCodes.status(tradeStatus, refund);
        if (status == null) {
            throw new NotificationRefusedException("the Alipay notification for " + outTradeNo + " has an unknown"
                    + " trade_status " + printable(tradeStatus), false);
        }
        long total;
        try {
            total = AlipayAmounts.toMinor(params.get("total_amount"));
        } catch (IllegalArgumentException e) {
            throw new NotificationRefusedException("the Alipay notification for " + outTradeNo + ": total_amount "
                    + e.getMessage(), false);
        }
        if (refund && status == PaymentStatus.SUCCESS) {
            return Optional.empty(); // a part refund: the trade stays paid, nothing to change
        }
        Instant paidAt = null;
        String gmtPayment = params.get("gmt_payment");
        if (gmtPayment != null && !gmtPayment.isBlank()) {
            try {
                paidAt = AlipayAmounts.time(gmtPayment);
            } catch (IllegalArgumentException e) {
                throw new NotificationRefusedException("the Alipay notification for " + outTradeNo + ": gmt_payment "
                        + e.getMessage(), false);
            }
        }
        String tradeNo = params.get("trade_no");
        return Optional.of(new PaymentNotice(PROVIDER, params.getOrDefault("notify_id", ""), outTradeNo, status,
                tradeStatus, total, AlipayAmounts.CURRENCY, tradeNo == null || tradeNo.isBlank() ? null : tradeNo,
                paidAt, sellerId));
    }

    /** Alipay stops retrying on exactly this body. */
    @Override
    public Reply accepted() {
        return new Reply(200, "text/plain; charset=utf-8", "success");
    }

    /** Anything but {@code success} makes Alipay send it again (on its schedule, about 25 hours). */
    @Override
    public Reply refused(int status, String code, String message) {
        return new Reply(status, "text/plain; charset=utf-8", "fail");
    }

    private static Map<String, String> form(String text) {
        Map<String, String> params = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (params.putIfAbsent(name, value) != null) {
                    throw new NotificationRefusedException("the Alipay notification names " + printable(name)
                            + " twice", false);
                }
            } catch (IllegalArgumentException e) {
                throw new NotificationRefusedException("the Alipay notification is not a well-formed form body", false);
            }
        }
        return params;
    }

    private static String printable(String value) {
        return value == null ? "(none)" : "'" + AlipayAmounts.printable(value) + "'";
    }
}
