package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to {@code POST /v1/orders/{out_trade_no}/reverse}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id, echoed
 * @param recall whether the caller must call reverse again; the sandbox always answers {@code false}
 * @param tradeState always {@link TradeState#REVOKED}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReverseResponse(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("recall") boolean recall,
        @JsonProperty("trade_state") TradeState tradeState) {
}
