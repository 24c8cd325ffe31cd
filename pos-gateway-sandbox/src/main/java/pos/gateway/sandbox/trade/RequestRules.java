package pos.gateway.sandbox.trade;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import pos.gateway.sandbox.api.Amount;
import pos.gateway.sandbox.api.CardPayRequest;
import pos.gateway.sandbox.api.CustomerPayRequest;
import pos.gateway.sandbox.api.ErrorCode;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.MicropayRequest;
import pos.gateway.sandbox.api.NativeOrderRequest;
import pos.gateway.sandbox.api.PinBlocks;
import pos.gateway.sandbox.api.RefundRequest;

/**
 * What the gateway accepts, field by field; every refusal names the field and what it expects.
 * Thread-safe (stateless).
 */
final class RequestRules {

    /** Gateways allow 6–32 of these characters: a ULID (26) or a 32-hex UUID fits, a hyphenated UUID does not. */
    static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
    static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{1,64}");
    /** WeChat pay-codes: 18 digits, starting 10 to 15; Alipay's: 16 to 24 digits, starting 25 to 30. */
    static final Pattern AUTH_CODE = Pattern.compile("1[0-5][0-9]{16}|(2[5-9]|30)[0-9]{14,22}");
    /** ISO/IEC 7812: 12 to 19 digits. */
    static final Pattern CARD_NO = Pattern.compile("[0-9]{12,19}");
    static final Pattern PIN_BLOCK = Pattern.compile("[0-9a-f]{64}");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    static final String CODE_URL_PREFIX = "sandbox://pay/";
    static final Pattern CODE_TOKEN = Pattern.compile("[0-9a-f]{32}");
    static final long MAX_TOTAL_MINOR = 10_000_000_000L;
    static final int MAX_DESCRIPTION = 127;
    static final int MAX_URL = 256;
    static final int MAX_REASON = 80;
    static final int MAX_EXPIRE_SECONDS = 86_400;
    static final int DEFAULT_EXPIRE_SECONDS = 120;

    private RequestRules() {
    }

    static void nativeOrder(NativeOrderRequest request) {
        required(request, "the body");
        outTradeNo(request.outTradeNo());
        description(request.description());
        amount(request.amount());
        notifyUrl(request.notifyUrl(), true);
        Integer seconds = request.timeExpireSeconds();
        if (seconds != null && (seconds < 1 || seconds > MAX_EXPIRE_SECONDS)) {
            throw invalid("time_expire_seconds must be between 1 and " + MAX_EXPIRE_SECONDS + ", was " + seconds);
        }
    }

    static void micropay(MicropayRequest request) {
        required(request, "the body");
        outTradeNo(request.outTradeNo());
        description(request.description());
        amount(request.amount());
        notifyUrl(request.notifyUrl(), false);
        String authCode = request.authCode();
        if (authCode == null || !AUTH_CODE.matcher(authCode).matches()) {
            throw new RequestRejectedException(ErrorCode.AUTH_CODE_INVALID,
                    "auth_code must be a pay-code (WeChat: 18 digits starting 10 to 15; Alipay: 16 to 24 digits"
                    + " starting 25 to 30), was " + quote(authCode));
        }
    }

    static void card(CardPayRequest request) {
        required(request, "the body");
        outTradeNo(request.outTradeNo());
        description(request.description());
        amount(request.amount());
        notifyUrl(request.notifyUrl(), false);
        String cardNo = request.cardNo();
        // never echo the card number: only its masked form
        if (cardNo == null || !CARD_NO.matcher(cardNo).matches()) {
            throw new RequestRejectedException(ErrorCode.CARD_INVALID,
                    "card_no must be 12-19 digits, was " + PinBlocks.mask(cardNo));
        }
        if (!luhn(cardNo)) {
            throw new RequestRejectedException(ErrorCode.CARD_INVALID,
                    "card_no " + PinBlocks.mask(cardNo) + " fails the Luhn check digit");
        }
        if (request.pinBlock() == null || !PIN_BLOCK.matcher(request.pinBlock()).matches()) {
            throw invalid("pin_block must be 64 lowercase hex digits (HMAC-SHA256, see the README)");
        }
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static void refund(RefundRequest request) {
        required(request, "the body");
        outTradeNo(request.outTradeNo());
        String outRefundNo = request.outRefundNo();
        if (outRefundNo == null || !OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            throw invalid("out_refund_no must be 1-64 characters of [0-9A-Za-z_-|*], was " + quote(outRefundNo));
        }
        required(request.amount(), "amount");
        if (request.amount().refund() < 1) {
            throw new RequestRejectedException(ErrorCode.REFUND_AMOUNT_INVALID,
                    "amount.refund must be at least 1 minor unit, was " + request.amount().refund());
        }
        total("amount.total", request.amount().total());
        currency(request.amount().currency());
        if (request.reason() != null && request.reason().length() > MAX_REASON) {
            throw invalid("reason must be at most " + MAX_REASON + " characters, was " + request.reason().length());
        }
    }

    static String codeToken(CustomerPayRequest request) {
        required(request, "the body");
        String codeUrl = request.codeUrl();
        if (codeUrl == null || !codeUrl.startsWith(CODE_URL_PREFIX)
                || !CODE_TOKEN.matcher(codeUrl.substring(CODE_URL_PREFIX.length())).matches()) {
            throw invalid("code_url must be a sandbox://pay/ link from a native order, was " + quote(codeUrl));
        }
        Long delayMs = request.delayMs();
        if (delayMs != null && (delayMs < 0 || delayMs > Knobs.MAX_DELAY_MS)) {
            throw invalid("delay_ms must be between 0 and " + Knobs.MAX_DELAY_MS + ", was " + delayMs);
        }
        return codeUrl.substring(CODE_URL_PREFIX.length());
    }

    static void outTradeNo(String outTradeNo) {
        if (outTradeNo == null || !OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw invalid("out_trade_no must be 6-32 characters of [0-9A-Za-z_-|*], was " + quote(outTradeNo));
        }
    }

    private static void description(String description) {
        if (description == null || description.isBlank()) {
            throw invalid("description is required");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw invalid("description must be at most " + MAX_DESCRIPTION + " characters, was " + description.length());
        }
    }

    private static void amount(Amount amount) {
        required(amount, "amount");
        total("amount.total", amount.total());
        currency(amount.currency());
    }

    private static void total(String field, long total) {
        if (total < 1 || total > MAX_TOTAL_MINOR) {
            throw invalid(field + " must be between 1 and " + MAX_TOTAL_MINOR + " minor units, was " + total);
        }
    }

    private static void currency(String currency) {
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw invalid("amount.currency must be three capital letters (ISO 4217), was " + quote(currency));
        }
    }

    private static void notifyUrl(String notifyUrl, boolean required) {
        if (notifyUrl == null) {
            if (required) {
                throw invalid("notify_url is required");
            }
            return;
        }
        String problem = null;
        if (notifyUrl.length() > MAX_URL) {
            problem = "is longer than " + MAX_URL + " characters";
        } else {
            try {
                URI uri = new URI(notifyUrl);
                if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                    problem = "is not an http or https address";
                } else if (uri.getHost() == null) {
                    problem = "has no host";
                }
            } catch (URISyntaxException e) {
                problem = "is not a valid address (" + e.getReason() + ")";
            }
        }
        if (problem != null) {
            throw invalid("notify_url " + problem + ": " + quote(notifyUrl));
        }
    }

    private static void required(Object value, String field) {
        if (value == null) {
            throw invalid(field + " is required");
        }
    }

    static RequestRejectedException invalid(String message) {
        return new RequestRejectedException(ErrorCode.INVALID_REQUEST, message);
    }

    /** Echoes caller input safely: at most 40 characters, control characters replaced. */
    static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shortened = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + shortened.replaceAll("\\p{Cntrl}", "?") + "' (" + value.length() + " characters)";
    }
}
