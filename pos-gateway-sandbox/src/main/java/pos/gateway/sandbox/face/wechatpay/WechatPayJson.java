package pos.gateway.sandbox.face.wechatpay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The JSON bodies of WeChat Pay API v3 the face reads and writes, field names as WeChat Pay documents them. Only the
 * fields the face uses or answers; unknown fields are ignored. Immutable records; the mapper is thread-safe.
 */
final class WechatPayJson {

    /** WeChat Pay writes its times in China Standard Time: {@code 2026-12-06T18:04:05+08:00}. */
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private WechatPayJson() {
    }

    /** An instant as WeChat Pay writes it (RFC 3339, +08:00, whole seconds). */
    static String time(Instant instant) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(CHINA));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Amount(@JsonProperty("total") Long total, @JsonProperty("currency") String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payer(@JsonProperty("auth_code") String authCode, @JsonProperty("openid") String openid) {
    }

    /** {@code POST /v3/pay/transactions/native}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NativeRequest(@JsonProperty("appid") String appid, @JsonProperty("mchid") String mchid,
            @JsonProperty("description") String description, @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("time_expire") String timeExpire, @JsonProperty("notify_url") String notifyUrl,
            @JsonProperty("amount") Amount amount) {
    }

    record CodeUrl(@JsonProperty("code_url") String codeUrl) {
    }

    /** {@code POST /v3/pay/transactions/codepay}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CodepayRequest(@JsonProperty("appid") String appid, @JsonProperty("mchid") String mchid,
            @JsonProperty("description") String description, @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("payer") Payer payer, @JsonProperty("amount") Amount amount) {
    }

    /** The body of close and reverse. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Merchant(@JsonProperty("mchid") String mchid, @JsonProperty("appid") String appid) {
    }

    record TransactionAmount(@JsonProperty("total") long total, @JsonProperty("payer_total") Long payerTotal,
            @JsonProperty("currency") String currency, @JsonProperty("payer_currency") String payerCurrency) {
    }

    /** A transaction, as the query answers it and as a TRANSACTION.SUCCESS notification carries it (encrypted). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transaction(@JsonProperty("appid") String appid, @JsonProperty("mchid") String mchid,
            @JsonProperty("out_trade_no") String outTradeNo, @JsonProperty("transaction_id") String transactionId,
            @JsonProperty("trade_type") String tradeType, @JsonProperty("trade_state") String tradeState,
            @JsonProperty("trade_state_desc") String tradeStateDesc, @JsonProperty("bank_type") String bankType,
            @JsonProperty("attach") String attach, @JsonProperty("success_time") String successTime,
            @JsonProperty("payer") Payer payer, @JsonProperty("amount") TransactionAmount amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RefundAmountRequest(@JsonProperty("refund") Long refund, @JsonProperty("total") Long total,
            @JsonProperty("currency") String currency) {
    }

    /** {@code POST /v3/refund/domestic/refunds}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RefundRequest(@JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("out_refund_no") String outRefundNo, @JsonProperty("reason") String reason,
            @JsonProperty("notify_url") String notifyUrl, @JsonProperty("amount") RefundAmountRequest amount) {
    }

    record RefundAmount(@JsonProperty("total") long total, @JsonProperty("refund") long refund,
            @JsonProperty("payer_total") long payerTotal, @JsonProperty("payer_refund") long payerRefund,
            @JsonProperty("settlement_refund") long settlementRefund,
            @JsonProperty("settlement_total") long settlementTotal,
            @JsonProperty("discount_refund") long discountRefund, @JsonProperty("currency") String currency) {
    }

    /** A refund, as the refund and refund query answer it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Refund(@JsonProperty("refund_id") String refundId, @JsonProperty("out_refund_no") String outRefundNo,
            @JsonProperty("transaction_id") String transactionId, @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("channel") String channel,
            @JsonProperty("user_received_account") String userReceivedAccount,
            @JsonProperty("success_time") String successTime, @JsonProperty("create_time") String createTime,
            @JsonProperty("status") String status, @JsonProperty("funds_account") String fundsAccount,
            @JsonProperty("amount") RefundAmount amount) {
    }

    record NoticeRefundAmount(@JsonProperty("total") long total, @JsonProperty("refund") long refund,
            @JsonProperty("payer_total") long payerTotal, @JsonProperty("payer_refund") long payerRefund) {
    }

    /** A REFUND.SUCCESS notification's resource (encrypted). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RefundNotice(@JsonProperty("mchid") String mchid, @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("transaction_id") String transactionId, @JsonProperty("out_refund_no") String outRefundNo,
            @JsonProperty("refund_id") String refundId, @JsonProperty("refund_status") String refundStatus,
            @JsonProperty("success_time") String successTime,
            @JsonProperty("user_received_account") String userReceivedAccount,
            @JsonProperty("amount") NoticeRefundAmount amount) {
    }

    record Resource(@JsonProperty("original_type") String originalType, @JsonProperty("algorithm") String algorithm,
            @JsonProperty("ciphertext") String ciphertext, @JsonProperty("associated_data") String associatedData,
            @JsonProperty("nonce") String nonce) {
    }

    /** A notification's body. */
    record Notification(@JsonProperty("id") String id, @JsonProperty("create_time") String createTime,
            @JsonProperty("resource_type") String resourceType, @JsonProperty("event_type") String eventType,
            @JsonProperty("summary") String summary, @JsonProperty("resource") Resource resource) {
    }

    record Error(@JsonProperty("code") String code, @JsonProperty("message") String message) {
    }
}
