package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /v1/orders/native}: the till asks for a payment QR code (R21).
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id, 6–32 characters of {@code [0-9A-Za-z_\-|*]}
 * @param description what is sold, 1–127 characters
 * @param amount what the customer pays
 * @param notifyUrl the http(s) address that receives the signed payment notification
 * @param timeExpireSeconds how long the code can be paid, 1–86400 seconds; {@code null} = 120
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NativeOrderRequest(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("description") String description,
        @JsonProperty("amount") Amount amount,
        @JsonProperty("notify_url") String notifyUrl,
        @JsonProperty("time_expire_seconds") Integer timeExpireSeconds) {
}
