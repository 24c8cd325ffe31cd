package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The refund a {@code REFUND.SUCCESS} {@link Notification} reports.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outRefundNo the caller's refund id; {@code reverse:<out_trade_no>} for the refund a
 *     reverse of a paid order makes
 * @param refundId the gateway's id of the refund
 * @param refund the amount of this refund in minor units
 * @param refundedTotal everything refunded on the order so far, this refund included
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundDetail(
        @JsonProperty("out_refund_no") String outRefundNo,
        @JsonProperty("refund_id") String refundId,
        @JsonProperty("refund") long refund,
        @JsonProperty("refunded_total") long refundedTotal) {
}
