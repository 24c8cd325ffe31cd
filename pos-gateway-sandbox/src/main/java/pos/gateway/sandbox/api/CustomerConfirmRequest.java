package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of the sandbox's own {@code POST /sandbox/confirm}: the customer confirms a pay-code
 * payment that waits in {@link TradeState#USERPAYING}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the waiting order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerConfirmRequest(@JsonProperty("out_trade_no") String outTradeNo) {
}
