package pos.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * When the store hub's queue monitor raises an alert (R12). Each alert is raised when its
 * measurement goes over the threshold and cleared when it is back at or under it. Immutable.
 *
 * @param pendingPayments  more payments than this in the pending queue: alert {@code pending-queue}
 * @param oldestPending    the oldest pending payment older than this: alert {@code pending-age}
 * @param archiveBacklog   more archive stream entries than this not yet archived (not yet read by
 *                         the archivers' group, or read and not acknowledged): alert {@code archive-backlog}
 * @param deadLetters      more entries than this in the archive's dead-letter stream: alert
 *                         {@code archive-dead-letters} (0: any dead letter alerts)
 * @param mariaDbDown      MariaDB unreachable for longer than this: alert {@code mariadb-unreachable}
 */
public record AlertThresholds(long pendingPayments, Duration oldestPending, long archiveBacklog, long deadLetters,
        Duration mariaDbDown) {

    /** 1,000 pending, 5 min oldest pending, 10,000 unarchived entries, any dead letter, MariaDB down 30 s. */
    public static final AlertThresholds DEFAULTS = new AlertThresholds(1_000, Duration.ofMinutes(5), 10_000, 0,
            Duration.ofSeconds(30));

    public AlertThresholds {
        Objects.requireNonNull(oldestPending, "oldestPending");
        Objects.requireNonNull(mariaDbDown, "mariaDbDown");
        if (pendingPayments < 0 || archiveBacklog < 0 || deadLetters < 0) {
            throw new IllegalArgumentException("alert thresholds must not be negative: pending " + pendingPayments
                    + ", archive backlog " + archiveBacklog + ", dead letters " + deadLetters);
        }
        if (oldestPending.isNegative() || mariaDbDown.isNegative()) {
            throw new IllegalArgumentException("alert durations must not be negative: oldest pending " + oldestPending
                    + ", MariaDB down " + mariaDbDown);
        }
    }

    public AlertThresholds withPendingPayments(long count) {
        return new AlertThresholds(count, oldestPending, archiveBacklog, deadLetters, mariaDbDown);
    }

    public AlertThresholds withOldestPending(Duration age) {
        return new AlertThresholds(pendingPayments, age, archiveBacklog, deadLetters, mariaDbDown);
    }

    public AlertThresholds withArchiveBacklog(long entries) {
        return new AlertThresholds(pendingPayments, oldestPending, entries, deadLetters, mariaDbDown);
    }

    public AlertThresholds withDeadLetters(long entries) {
        return new AlertThresholds(pendingPayments, oldestPending, archiveBacklog, entries, mariaDbDown);
    }

    public AlertThresholds withMariaDbDown(Duration down) {
        return new AlertThresholds(pendingPayments, oldestPending, archiveBacklog, deadLetters, down);
    }
}
