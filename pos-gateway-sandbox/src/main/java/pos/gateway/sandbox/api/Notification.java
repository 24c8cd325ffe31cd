package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body the gateway POSTs to an order's {@code notify_url}, signed with
 * {@link NotificationSignature}. The same event ({@link #id()}) may arrive more than once:
 * receivers must be idempotent on {@code id} (or on {@code out_trade_no} + {@code event_type}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id unique per event, the same on every retry and duplicate of that event
 * @param eventType {@link #TRANSACTION_SUCCESS} or {@link #REFUND_SUCCESS}
 * @param outTradeNo the till's transaction id
 * @param tradeState the order's state right after the event
 * @param amount the order amount
 * @param transactionId the gateway's id of the charge
 * @param successTime when the charge happened, RFC 3339 in UTC
 * @param refund for {@code REFUND.SUCCESS} only: which refund happened; {@code null} otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
        @JsonProperty("id") String id,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("trade_state") TradeState tradeState,
        @JsonProperty("amount") Amount amount,
        @JsonProperty("transaction_id") String transactionId,
        @JsonProperty("success_time") String successTime,
        @JsonProperty("refund") RefundDetail refund) {

    /** {@code event_type} of a payment that reached {@link TradeState#SUCCESS}. */
    public static final String TRANSACTION_SUCCESS = "TRANSACTION.SUCCESS";
    /** {@code event_type} of a refund (or of the refund inside a reverse of a paid order). */
    public static final String REFUND_SUCCESS = "REFUND.SUCCESS";
}
