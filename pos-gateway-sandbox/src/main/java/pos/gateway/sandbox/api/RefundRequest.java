package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /v1/refunds}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the paid order to refund
 * @param outRefundNo the caller's refund id, the idempotency key of the refund; 1–64 characters
 *     of {@code [0-9A-Za-z_\-|*]}
 * @param amount how much to refund and the order total it refers to
 * @param reason optional, up to 80 characters
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundRequest(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("out_refund_no") String outRefundNo,
        @JsonProperty("amount") RefundAmount amount,
        @JsonProperty("reason") String reason) {
}
