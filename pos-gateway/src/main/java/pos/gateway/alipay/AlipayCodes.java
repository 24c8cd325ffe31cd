package pos.gateway.alipay;

import java.util.Map;
import pos.core.pay.PaymentStatus;
import pos.core.pay.Refusal;
import pos.core.pay.RefusalReason;

/**
 * What Alipay's answers mean to the till. Public codes: {@code 10000} success, {@code 10003} the buyer confirms on the
 * phone (query until final), {@code 20000} service unavailable (the outcome is unknown), {@code 40001} / {@code 40002}
 * / {@code 40003} / {@code 40006} a request or merchant set-up fault, {@code 40004} the business refused, with an
 * {@code ACQ.*} sub code; {@code ACQ.SYSTEM_ERROR} also leaves the outcome unknown. Trade states:
 * {@code WAIT_BUYER_PAY}, {@code TRADE_SUCCESS}, {@code TRADE_FINISHED} (paid, no longer refundable), {@code TRADE_CLOSED}
 * (closed unpaid, or every fen refunded). Thread-safe (stateless).
 */
public final class AlipayCodes {

    public static final String SUCCESS = "10000";
    public static final String PROCESSING = "10003";
    public static final String UNAVAILABLE = "20000";
    public static final String BUSINESS_FAILED = "40004";
    public static final String SYSTEM_ERROR = "ACQ.SYSTEM_ERROR";
    public static final String TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";

    private static final Map<String, RefusalReason> REASONS = Map.ofEntries(
            Map.entry("ACQ.BUYER_BALANCE_NOT_ENOUGH", RefusalReason.INSUFFICIENT_BALANCE),
            Map.entry("ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH", RefusalReason.INSUFFICIENT_BALANCE),
            Map.entry("ACQ.PAYMENT_AUTH_CODE_INVALID", RefusalReason.CODE_INVALID),
            Map.entry("ACQ.ERROR_BALANCE_PAYMENT_DISABLE", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.BUYER_ENABLE_STATUS_FORBID", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.BUYER_PAYMENT_AMOUNT_MONTH_LIMIT_ERROR", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.BEYOND_PAY_RESTRICTION", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.BEYOND_PER_RECEIPT_RESTRICTION", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.ERROR_BUYER_CERTIFY_LEVEL_LIMIT", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.MOBILE_PAYMENT_SWITCH_OFF", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.NO_PAYMENT_INSTRUMENTS_AVAILABLE", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.BUYER_SELLER_EQUAL", RefusalReason.NOT_PERMITTED),
            Map.entry("ACQ.PAYMENT_REQUEST_HAS_RISK", RefusalReason.RISK_CONTROL),
            Map.entry("ACQ.TRADE_BUYER_NOT_MATCH", RefusalReason.BUYER_MISMATCH),
            Map.entry("ACQ.TRADE_HAS_CLOSE", RefusalReason.ORDER_CLOSED),
            Map.entry("ACQ.PAYMENT_FAIL", RefusalReason.PROVIDER_REFUSED),
            Map.entry("ACQ.PULL_MOBILE_CASHIER_FAIL", RefusalReason.PROVIDER_REFUSED),
            Map.entry("ACQ.ACCESS_FORBIDDEN", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("ACQ.PARTNER_ERROR", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("ACQ.SELLER_BEEN_BLOCKED", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("ACQ.MERCHANT_AGREEMENT_NOT_EXIST", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("ACQ.MERCHANT_AGREEMENT_INVALID", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("ACQ.MERCHANT_STATUS_NOT_NORMAL", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("isv.invalid-app-id", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("isv.insufficient-isv-permissions", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("isv.insufficient-user-permissions", RefusalReason.MERCHANT_NOT_SET_UP),
            Map.entry("ACQ.INVALID_PARAMETER", RefusalReason.INVALID_REQUEST),
            Map.entry("ACQ.CONTEXT_INCONSISTENT", RefusalReason.INVALID_REQUEST),
            Map.entry("ACQ.TOTAL_FEE_EXCEED", RefusalReason.INVALID_REQUEST),
            Map.entry("ACQ.EXIST_FORBIDDEN_WORD", RefusalReason.INVALID_REQUEST));

    private AlipayCodes() {
    }

    /** The neutral reason of an Alipay sub code ({@link RefusalReason#OTHER} for one the till has no words for). */
    public static RefusalReason reason(String subCode) {
        if (subCode == null) {
            return RefusalReason.OTHER;
        }
        RefusalReason known = REASONS.get(subCode);
        if (known != null) {
            return known;
        }
        // every other protocol fault (signature, missing or invalid argument) is the store's set-up, not the buyer
        return subCode.startsWith("isv.") ? RefusalReason.INVALID_REQUEST : RefusalReason.OTHER;
    }

    /** The till's one-text refusal code for an Alipay answer: {@code REASON:SUB_CODE} (or the public code). */
    public static String refusal(String code, String subCode) {
        String providerCode = subCode == null || subCode.isBlank() ? code : subCode;
        return Refusal.of(reason(subCode), providerCode).code();
    }

    /** True when the answer leaves the outcome unknown: ask again (query) before doing anything else. */
    public static boolean outcomeUnknown(String code, String subCode) {
        return code == null || UNAVAILABLE.equals(code) || SYSTEM_ERROR.equals(subCode)
                || "aop.ACQ.SYSTEM_ERROR".equals(subCode) || "isp.unknow-error".equals(subCode);
    }

    /**
     * A trade state as a payment status.
     *
     * @param everPaid whether the money had been taken (a {@code send_pay_date} or {@code gmt_payment} is known): a
     *                 closed trade that had been paid was wholly refunded
     * @return null for a state the till does not know
     */
    public static PaymentStatus status(String tradeStatus, boolean everPaid) {
        if (tradeStatus == null) {
            return null;
        }
        return switch (tradeStatus) {
            case "WAIT_BUYER_PAY" -> PaymentStatus.USERPAYING;
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> PaymentStatus.SUCCESS;
            case "TRADE_CLOSED" -> everPaid ? PaymentStatus.REFUNDED : PaymentStatus.CLOSED;
            default -> null;
        };
    }
}
