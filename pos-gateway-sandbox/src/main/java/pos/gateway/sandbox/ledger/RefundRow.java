package pos.gateway.sandbox.ledger;

import java.time.Instant;

/**
 * One row of the {@code refunds} table: money given back. The database refuses refunds whose sum
 * exceeds the order's charge.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outRefundNo the caller's refund id, primary key
 * @param refundId the gateway's id of the refund, unique
 * @param outTradeNo the charged order
 * @param amount minor units
 * @param reason why, may be {@code null}
 * @param refundedAt when the money went back
 */
public record RefundRow(String outRefundNo, String refundId, String outTradeNo, long amount, String reason,
                        Instant refundedAt) {
}
