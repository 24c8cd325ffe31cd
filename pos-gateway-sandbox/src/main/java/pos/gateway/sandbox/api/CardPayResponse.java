package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to {@code POST /v1/orders/card} when the card was charged (a refusal is an
 * {@link ErrorResponse} with {@code WRONG_PIN}, {@code DECLINED}, {@code INSUFFICIENT_FUNDS},
 * {@code EXPIRED_CARD} or {@code CARD_INVALID}). A repeated request with the same
 * out_trade_no gets the same answer and is never charged again.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id, echoed
 * @param tradeState {@code SUCCESS} (or the order's current state on a repeat, e.g. {@code REVOKED})
 * @param transactionId the gateway's id of the charge
 * @param successTime when the charge happened, RFC 3339 in UTC
 * @param card the masked card number (first six, last four)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CardPayResponse(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("trade_state") TradeState tradeState,
        @JsonProperty("transaction_id") String transactionId,
        @JsonProperty("success_time") String successTime,
        @JsonProperty("card") String card) {
}
