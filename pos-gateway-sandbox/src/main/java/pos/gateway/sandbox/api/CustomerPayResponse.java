package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to {@code POST /sandbox/pay}: 200 with the paid order, or 202 with {@link #payAt()}
 * when the payment is scheduled for later (asked delay, or the {@code late_pay_rate} knob).
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the order the code belongs to
 * @param tradeState the order's state now ({@code NOTPAY} while a payment is scheduled)
 * @param transactionId the gateway's id of the charge; {@code null} until paid
 * @param successTime when the charge happened, RFC 3339 in UTC; {@code null} until paid
 * @param payAt when the scheduled payment will be attempted, RFC 3339 in UTC; {@code null} if paid now
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerPayResponse(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("trade_state") TradeState tradeState,
        @JsonProperty("transaction_id") String transactionId,
        @JsonProperty("success_time") String successTime,
        @JsonProperty("pay_at") String payAt) {
}
