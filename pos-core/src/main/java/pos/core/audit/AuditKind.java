package pos.core.audit;

/**
 * What an {@link AuditEntry} records. The audit trail names who did each of these (issue 12, point 6):
 * they are part of the journaled records, not only log lines.
 */
public enum AuditKind {
    /** A clerk signed in at the till (subject: how: PIN or FINGER). */
    SIGN_IN,
    /** A clerk signed out or was switched. */
    SIGN_OUT,
    /** A supervisor approved a guarded action (subject: the action's subject; reason: the action). */
    APPROVAL,
    /**
     * A line was removed from an open sale (subject: the line number and the product code, "3 4006381333931"; amount:
     * the line total; see {@link AuditEntries#lineVoided}).
     */
    LINE_VOIDED,
    /** A line's price was overridden (amount: the new unit price; reason: why). */
    PRICE_OVERRIDE,
    /** A line discount was given (amount: the discount; reason: why). */
    LINE_DISCOUNT,
    /** A sale discount was given (amount: the discount; reason: why). */
    SALE_DISCOUNT,
    /** The cash drawer was opened without a sale (reason: why). */
    DRAWER_OPENED,
    /** The cash drawer opened for a sale or a refund (subject: the transaction). */
    DRAWER_PULSED,
    /** Cash put into the drawer outside a sale (amount, reason). */
    PAY_IN,
    /** Cash taken out of the drawer outside a sale (amount, reason). */
    PAY_OUT,
    /** A shift was opened (amount: the float). */
    SHIFT_OPENED,
    /** A sale was parked (subject: its transaction id). */
    SALE_PARKED,
    /** A parked sale was recalled (subject: its transaction id). */
    SALE_RECALLED,
    /** A receipt was printed again (subject: its transaction id). */
    RECEIPT_REPRINTED,
    /** A payment taken without a finished sale was settled at start-up (subject: the payment; reason: finished or refunded). */
    PAYMENT_RECOVERED
}
