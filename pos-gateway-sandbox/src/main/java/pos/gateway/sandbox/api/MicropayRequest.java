package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /v1/orders/micropay}: the clerk scanned the customer's pay-code.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id, 6–32 characters of {@code [0-9A-Za-z_\-|*]}
 * @param authCode the scanned pay-code: 18 digits starting 10–15
 * @param description what is sold, 1–127 characters
 * @param amount what the customer pays
 * @param notifyUrl optional http(s) address for the signed notification; {@code null} = none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MicropayRequest(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("auth_code") String authCode,
        @JsonProperty("description") String description,
        @JsonProperty("amount") Amount amount,
        @JsonProperty("notify_url") String notifyUrl) {
}
