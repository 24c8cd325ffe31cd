package pos.sync.journal;

/**
 * What happened to a payment, as the journal's {@code kind} column says. A transaction has at most
 * one row of each kind (the first is kept), so each kind is one step of the payment's life. Immutable.
 */
public enum PaymentEventKind {
    /** The payment was started; journaled before the gateway is asked (R7). */
    PAYMENT_PENDING,
    /** The gateway made the QR order, or took the pay-code request. */
    PAYMENT_ORDERED,
    /** The customer must confirm the pay-code payment on the phone. */
    PAYMENT_USERPAYING,
    /** The till's session reached its final state (paid, failed, timed out, cancelled, unreachable). */
    PAYMENT_RESULT,
    /** A close or reversal the session had to leave unconfirmed was confirmed later. */
    PAYMENT_CLOSED,
    /** Money arrived after the till gave up (R24); the payload says whether it is refunded or honoured. */
    PAYMENT_LATE_SUCCESS,
    /** The late payment went back to the customer. */
    PAYMENT_REFUNDED,
    /** The till will not act on this payment again; restart recovery skips it. */
    PAYMENT_SETTLED
}
