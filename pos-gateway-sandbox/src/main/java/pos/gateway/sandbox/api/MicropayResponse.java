package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to {@code POST /v1/orders/micropay} when the charge went through or waits for the
 * customer ({@link TradeState#SUCCESS} or {@link TradeState#USERPAYING}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id, echoed
 * @param tradeState {@code SUCCESS} or {@code USERPAYING} (or the order's current state on a retry)
 * @param transactionId the gateway's id of the charge; {@code null} until paid
 * @param successTime when the charge happened, RFC 3339 in UTC; {@code null} until paid
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MicropayResponse(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("trade_state") TradeState tradeState,
        @JsonProperty("transaction_id") String transactionId,
        @JsonProperty("success_time") String successTime) {
}
