package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to {@code POST /v1/orders/native}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id, echoed
 * @param codeUrl what the QR code encodes, {@code sandbox://pay/<token>}; the same for every
 *     retry of the same order
 * @param expiresAt when the code stops being payable, RFC 3339 in UTC ({@code 2026-11-22T07:09:50Z})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NativeOrderResponse(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("code_url") String codeUrl,
        @JsonProperty("expires_at") String expiresAt) {
}
