package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to {@code GET /v1/orders/{out_trade_no}} (and to the customer's
 * {@code POST /sandbox/confirm}): where the order stands now.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id
 * @param tradeState the order's state
 * @param amount the order amount
 * @param transactionId the gateway's id of the charge; {@code null} if never paid
 * @param successTime when the charge happened, RFC 3339 in UTC; {@code null} if never paid
 * @param refundedTotal how much of the charge went back to the customer, in minor units
 * @param code why a pay-code or card charge failed ({@code PAYERROR} orders: {@code NOTENOUGH},
 *     {@code WRONG_PIN}, {@code DECLINED}, ...); {@code null} otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderQueryResponse(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("trade_state") TradeState tradeState,
        @JsonProperty("amount") Amount amount,
        @JsonProperty("transaction_id") String transactionId,
        @JsonProperty("success_time") String successTime,
        @JsonProperty("refunded_total") long refundedTotal,
        @JsonProperty("code") String code) {

    /**
     * An answer without a failure code.
     *
     * @param outTradeNo the till's transaction id
     * @param tradeState the order's state
     * @param amount the order amount
     * @param transactionId the gateway's id of the charge, or {@code null}
     * @param successTime when the charge happened, or {@code null}
     * @param refundedTotal refunded minor units
     */
    public OrderQueryResponse(String outTradeNo, TradeState tradeState, Amount amount, String transactionId,
                              String successTime, long refundedTotal) {
        this(outTradeNo, tradeState, amount, transactionId, successTime, refundedTotal, null);
    }
}
