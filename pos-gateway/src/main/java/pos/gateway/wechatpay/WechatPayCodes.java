package pos.gateway.wechatpay;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import pos.core.pay.GatewayException;
import pos.core.pay.GatewayRefusedException;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.GatewayUnreachableException;
import pos.core.pay.PaymentStatus;
import pos.core.pay.Refusal;
import pos.core.pay.RefusalReason;

/**
 * WeChat Pay API v3's words in the till's: trade states as {@link PaymentStatus}, error codes as neutral
 * {@link RefusalReason}s (the WeChat code kept beside, {@code INSUFFICIENT_BALANCE:NOTENOUGH}), and the SDK's failures
 * as the port's three exceptions:
 * <ul>
 * <li>HTTP 5xx, {@code SYSTEM_ERROR}/{@code SYSTEMERROR}/{@code BANKERROR}/{@code FREQUENCY_LIMITED}, no answer in time,
 * an answer whose signature does not verify: {@link GatewayTimeoutException}, the outcome is unknown (query first);</li>
 * <li>a connection that cannot be made: {@link GatewayUnreachableException}, nothing was sent;</li>
 * <li>any other 4xx: {@link GatewayRefusedException} with {@code REASON:CODE}.</li>
 * </ul>
 * The SDK's own exceptions are never chained: their messages carry the request (a pay-code among it); only the
 * underlying I/O failure is. Thread-safe (stateless).
 */
final class WechatPayCodes {

    private static final Map<String, RefusalReason> REASONS = Map.ofEntries(
            Map.entry("NOTENOUGH", RefusalReason.INSUFFICIENT_BALANCE),
            Map.entry("NOT_ENOUGH", RefusalReason.INSUFFICIENT_BALANCE),
            Map.entry("AUTH_CODE_INVALID", RefusalReason.CODE_INVALID),
            Map.entry("AUTHCODEEXPIRE", RefusalReason.CODE_EXPIRED),
            Map.entry("NOAUTH", RefusalReason.NOT_PERMITTED),
            Map.entry("NO_AUTH", RefusalReason.NOT_PERMITTED),
            Map.entry("BUYER_MISMATCH", RefusalReason.BUYER_MISMATCH),
            Map.entry("ORDERCLOSED", RefusalReason.ORDER_CLOSED),
            Map.entry("ORDER_CLOSED", RefusalReason.ORDER_CLOSED),
            Map.entry("ORDERREVERSED", RefusalReason.ORDER_REVERSED),
            Map.entry("TRADE_ERROR", RefusalReason.PROVIDER_REFUSED),
            Map.entry("PAYERROR", RefusalReason.PROVIDER_REFUSED),
            Map.entry("PARAM_ERROR", RefusalReason.INVALID_REQUEST),
            Map.entry("INVALID_REQUEST", RefusalReason.INVALID_REQUEST),
            Map.entry("OUT_TRADE_NO_USED", RefusalReason.INVALID_REQUEST),
            Map.entry("RULE_LIMIT", RefusalReason.INVALID_REQUEST),
            Map.entry("MCH_NOT_EXISTS", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("APPID_MCHID_NOT_MATCH", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("SIGN_ERROR", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("NO_AUTH_BUSINESS", RefusalReason.MERCHANT_NOT_SET_UP));

    /** Answers that leave the outcome open, whatever their HTTP status. */
    private static final Set<String> UNKNOWN_OUTCOME = Set.of("SYSTEM_ERROR", "SYSTEMERROR", "BANKERROR",
            "BANK_ERROR", "FREQUENCY_LIMITED", "USERPAYING");

    private WechatPayCodes() {
    }

    /** The neutral refusal a WeChat Pay code means, with the code beside it. */
    static Refusal refusal(String wechatCode) {
        String code = wechatCode == null ? "" : wechatCode.strip().toUpperCase(Locale.ROOT);
        return Refusal.of(REASONS.getOrDefault(code, RefusalReason.OTHER), code.isEmpty() ? null : code);
    }

    /** A WeChat Pay trade state as the port's status. */
    static PaymentStatus status(String tradeState) {
        return switch (tradeState) {
            case "NOTPAY" -> PaymentStatus.PENDING;
            case "USERPAYING", "ACCEPT" -> PaymentStatus.USERPAYING;
            case "SUCCESS" -> PaymentStatus.SUCCESS;
            case "CLOSED" -> PaymentStatus.CLOSED;
            case "REVOKED" -> PaymentStatus.REVOKED;
            case "REFUND" -> PaymentStatus.REFUNDED;
            case "PAYERROR" -> PaymentStatus.FAILED;
            default -> throw new IllegalArgumentException("unknown WeChat Pay trade state '" + tradeState + "'");
        };
    }

    /** True for a WeChat Pay error that is a definite refusal (4xx, not one of the "try again / query" codes). */
    static boolean definite(ServiceException e) {
        int status = e.getHttpStatusCode();
        return status >= 400 && status < 500 && !UNKNOWN_OUTCOME.contains(String.valueOf(e.getErrorCode()));
    }

    /** The port's exception for an error answer. */
    static GatewayException translate(String what, ServiceException e) {
        return translate(what, e, null);
    }

    /**
     * The port's exception for an error answer whose message must not repeat {@code secret} (a pay-code the provider
     * may echo): it appears masked.
     */
    static GatewayException translate(String what, ServiceException e, String secret) {
        String code = e.getErrorCode();
        String message = e.getErrorMessage();
        if (message != null && secret != null && !secret.isEmpty()) {
            message = message.replace(secret, WechatPayGateway.masked(secret));
        }
        String said = "HTTP " + e.getHttpStatusCode() + (code == null ? "" : " " + code)
                + (message == null ? "" : " (" + clip(message) + ")");
        if (definite(e)) {
            return new GatewayRefusedException(refusal(code).code(), what + " was refused by WeChat Pay: " + said);
        }
        return new GatewayTimeoutException(what + ": WeChat Pay answered " + said
                + ": outcome unknown, query the order", null);
    }

    /** The port's exception for a request that got no usable answer. */
    static GatewayException translate(String what, RuntimeException e) {
        if (e instanceof ServiceException service) {
            return translate(what, service);
        }
        Throwable io = e instanceof HttpException ? e.getCause() : null;
        if (io != null && notConnected(io)) {
            return new GatewayUnreachableException(what + ": WeChat Pay cannot be reached (" + describe(io)
                    + "): nothing was sent", io);
        }
        if (io != null) {
            String when = io instanceof InterruptedIOException ? "no answer in time" : describe(io);
            return new GatewayTimeoutException(what + ": " + when + ": outcome unknown, query the order", io);
        }
        // the answer's signature, timestamp or body did not hold: it cannot be taken as WeChat Pay's word
        return new GatewayTimeoutException(what + ": WeChat Pay's answer could not be verified ("
                + e.getClass().getSimpleName() + "): outcome unknown, query the order", null);
    }

    private static boolean notConnected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof java.net.SocketTimeoutException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable io) {
        return io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + clip(io.getMessage()));
    }

    private static String clip(String text) {
        String shortened = text.length() > 160 ? text.substring(0, 160) + "…" : text;
        return shortened.replaceAll("\\p{Cntrl}", " ");
    }
}
