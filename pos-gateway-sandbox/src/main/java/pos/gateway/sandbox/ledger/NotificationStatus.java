package pos.gateway.sandbox.ledger;

/**
 * Where a notification event stands. Immutable and thread-safe.
 */
public enum NotificationStatus {
    /** Not yet answered with 2xx; a delivery attempt is scheduled. */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Never sent, by the {@code drop_notify_permanently} knob. */
    DROPPED,
    /** Given up after the retry schedule's last attempt (24 h by default). */
    EXPIRED
}
