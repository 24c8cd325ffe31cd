package pos.sync.pay;

/**
 * What the till does with money that arrives after it gave up on a payment (R24: timed out or
 * cancelled, the order closed, and yet the gateway or the hub reports SUCCESS). Either way the
 * payment is journaled and reported to the desk's late-payment listeners; it is never ignored.
 * Immutable.
 */
public enum LatePaymentPolicy {
    /** Give the money back at once through the gateway, once (the refund number comes from the transaction id). */
    REFUND,
    /** Keep it and report it, so the clerk can complete the sale as paid. */
    REPORT
}
