package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One order in a {@link LedgerSummary}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id
 * @param tradeState the order's state as stored
 * @param amount the order amount
 * @param chargedMinor what was charged: 0 or the order total
 * @param refundedMinor what went back to the customer
 * @param transactionId the gateway's id of the charge; {@code null} if never paid
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerOrder(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("trade_state") TradeState tradeState,
        @JsonProperty("amount") Amount amount,
        @JsonProperty("charged_minor") long chargedMinor,
        @JsonProperty("refunded_minor") long refundedMinor,
        @JsonProperty("transaction_id") String transactionId) {
}
