package pos.gateway.sandbox.ledger;

import java.time.Instant;

/**
 * One row of the {@code charges} table: money taken from a customer. At most one per
 * out_trade_no (a unique key).
 *
 * <p>Immutable and thread-safe.
 *
 * @param transactionId the gateway's id of the charge, primary key
 * @param outTradeNo the order charged, unique
 * @param amount minor units, the order total
 * @param currency ISO 4217
 * @param payer {@code scan} for a native code, else the pay-code
 * @param chargedAt when the money was taken
 */
public record ChargeRow(String transactionId, String outTradeNo, long amount, String currency, String payer,
                        Instant chargedAt) {
}
