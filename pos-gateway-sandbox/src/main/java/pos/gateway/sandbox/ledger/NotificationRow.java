package pos.gateway.sandbox.ledger;

import java.time.Instant;

/**
 * One row of the {@code notifications} table: an event to deliver to a {@code notify_url}, kept
 * until delivered so retries survive a restart.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId the notification's {@code id}, primary key
 * @param outTradeNo the order it is about
 * @param eventType {@code TRANSACTION.SUCCESS} or {@code REFUND.SUCCESS}
 * @param notifyUrl where to POST it
 * @param body the exact JSON body, the same on every attempt
 * @param attempts how many attempts were made so far (dropped ones included)
 * @param createdAt when the event happened
 * @param nextAttemptAt when the next attempt is due; {@code null} unless pending
 * @param status the delivery status
 * @param dropFirstAttempt whether the {@code drop_notify_rate} knob swallows the first attempt
 * @param lastError what went wrong on the last failed attempt, may be {@code null}
 * @param deliveredAt when a receiver answered 2xx, may be {@code null}
 */
public record NotificationRow(
        String eventId,
        String outTradeNo,
        String eventType,
        String notifyUrl,
        String body,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        NotificationStatus status,
        boolean dropFirstAttempt,
        String lastError,
        Instant deliveredAt) {
}
