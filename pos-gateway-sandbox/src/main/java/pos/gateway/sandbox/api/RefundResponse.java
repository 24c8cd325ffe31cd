package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to {@code POST /v1/refunds}; a retry with the same {@code out_refund_no} gets the same one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outRefundNo the caller's refund id, echoed
 * @param refundId the gateway's id of the refund
 * @param status always {@code "SUCCESS"}: sandbox refunds complete at once
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundResponse(
        @JsonProperty("out_refund_no") String outRefundNo,
        @JsonProperty("refund_id") String refundId,
        @JsonProperty("status") String status) {
}
