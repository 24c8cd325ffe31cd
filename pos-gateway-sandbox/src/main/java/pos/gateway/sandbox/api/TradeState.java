package pos.gateway.sandbox.api;

/**
 * Where an order stands, with the names WeChat Pay uses. Every order ends {@link #SUCCESS}
 * (possibly followed by {@link #REFUND}), {@link #CLOSED} or {@link #REVOKED}.
 *
 * <p>Immutable and thread-safe.
 */
public enum TradeState {
    /** A native order waits for the customer to scan and pay. */
    NOTPAY,
    /** A pay-code charge waits for the customer to confirm on the phone; query again. */
    USERPAYING,
    /** Paid. */
    SUCCESS,
    /** Closed unpaid by the till or expired; can no longer be paid. */
    CLOSED,
    /** Reversed: cancelled unpaid, or paid and then refunded in full by a reverse. */
    REVOKED,
    /** Paid, and at least part of it refunded through {@code /v1/refunds}. */
    REFUND,
    /** A pay-code charge failed (declined, not enough balance); nothing was charged. */
    PAYERROR;

    /**
     * Tells whether the customer's money reached the merchant, even if some of it went back.
     *
     * @return {@code true} for {@link #SUCCESS} and {@link #REFUND}
     */
    public boolean isPaid() {
        return this == SUCCESS || this == REFUND;
    }

    /**
     * Tells whether the state can still change without the till doing anything.
     *
     * @return {@code true} for {@link #NOTPAY} and {@link #USERPAYING}
     */
    public boolean isPending() {
        return this == NOTPAY || this == USERPAYING;
    }
}
