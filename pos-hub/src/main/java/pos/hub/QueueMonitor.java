package pos.hub;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessages;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.MariaDbSaleArchive;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;

/**
 * R12: measures the queues every {@link HubSettings#monitorEvery()} — pending payments and the age
 * of the oldest, the archive stream's length, its consumer group's pending count (XPENDING) and
 * unarchived backlog (the group's lag plus its pending entries), the dead letters — checks that
 * Redis and MariaDB answer, publishes the figures as gauges ({@link HubMetrics}) and raises or
 * clears alerts against {@link HubSettings#alerts()}. Thread-safe ({@link #runOnce()} runs on the
 * hub's scheduler thread).
 */
final class QueueMonitor {

    static final String PENDING_QUEUE = "pending-queue";
    static final String PENDING_AGE = "pending-age";
    static final String ARCHIVE_BACKLOG = "archive-backlog";
    static final String DEAD_LETTERS = "archive-dead-letters";
    static final String MARIADB_UNREACHABLE = "mariadb-unreachable";
    static final String REDIS_UNREACHABLE = "redis-unreachable";
    /** Every alert the monitor may raise. */
    static final List<String> ALERT_NAMES = List.of(PENDING_QUEUE, PENDING_AGE, ARCHIVE_BACKLOG, DEAD_LETTERS,
            MARIADB_UNREACHABLE, REDIS_UNREACHABLE);

    private static final Logger log = LoggerFactory.getLogger(QueueMonitor.class);

    private final HubSettings settings;
    private final RedisPendingPayments pending;
    private final RedisLink redis;
    private final MariaDbSaleArchive archive;
    private final HubAlerts alerts;
    private final HubMetrics metrics;
    private final Clock clock;
    private volatile Snapshot last = new Snapshot(false, false, 0, Duration.ZERO, 0, 0, 0, 0, null);
    private Instant mariaDbDownSince; // scheduler thread only
    private String mariaDbProblem; // scheduler thread only

    QueueMonitor(HubSettings settings, RedisPendingPayments pending, RedisLink redis, MariaDbSaleArchive archive,
            HubAlerts alerts, HubMetrics metrics, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The last measurement. Immutable.
     *
     * @param redisUp        Redis answered
     * @param mariaDbUp      MariaDB answered
     * @param pending        payments pending
     * @param oldestPending  age of the oldest pending payment
     * @param streamLength   XLEN of the archive stream
     * @param groupPending   entries read by an archiver and not acknowledged
     * @param backlog        entries not archived yet
     * @param deadLetters    XLEN of the dead-letter stream
     * @param measuredAt     when; null before the first round
     */
    record Snapshot(boolean redisUp, boolean mariaDbUp, long pending, Duration oldestPending, long streamLength,
            long groupPending, long backlog, long deadLetters, Instant measuredAt) {
    }

    Snapshot last() {
        return last;
    }

    /** One round; never throws (a scheduled task that throws is never run again). */
    void runOnce() {
        try {
            measure();
        } catch (RuntimeException e) {
            log.error("Queue monitor round failed; measuring again in {} ms", settings.monitorEvery().toMillis(), e);
        }
    }

    private void measure() {
        AlertThresholds limits = settings.alerts();
        boolean mariaDbUp = checkMariaDb();
        Snapshot previous = last;
        Snapshot now;
        try {
            now = measureRedis(mariaDbUp);
            alerts.clear(REDIS_UNREACHABLE, "Redis " + redis.endpoint() + " answers again");
        } catch (UnableToReachRedisException e) {
            alerts.raise(REDIS_UNREACHABLE, Alert.Level.CRITICAL, "Redis at " + e.endpoint() + " cannot be reached ("
                    + e.reason() + "): payments cannot be confirmed and sales are not archived");
            now = new Snapshot(false, mariaDbUp, previous.pending(), previous.oldestPending(), previous.streamLength(),
                    previous.groupPending(), previous.backlog(), previous.deadLetters(), clock.instant());
        }
        last = now;
        metrics.reachable(now.redisUp(), mariaDbUp);
        metrics.queues(now.pending(), now.oldestPending(), now.streamLength(), now.groupPending(), now.backlog(),
                now.deadLetters());

        if (mariaDbUp) {
            if (mariaDbDownSince != null) {
                log.info("MariaDB at {} answers again after {} s", archive.endpoint(),
                        Duration.between(mariaDbDownSince, clock.instant()).toSeconds());
                alerts.clear(MARIADB_UNREACHABLE, "MariaDB " + archive.endpoint() + " answers again");
                mariaDbDownSince = null;
            }
        } else {
            Duration down = Duration.between(mariaDbDownSince, clock.instant());
            if (down.compareTo(limits.mariaDbDown()) >= 0) {
                alerts.raise(MARIADB_UNREACHABLE, Alert.Level.CRITICAL, "MariaDB at " + archive.endpoint()
                        + " has not answered for " + down.toSeconds() + " s (" + mariaDbProblem
                        + "): sales wait in the archive stream");
            }
        }
        if (!now.redisUp()) {
            return; // the queue figures are unknown: leave their alerts as they are
        }
        check(PENDING_QUEUE, now.pending() > limits.pendingPayments(), Alert.Level.WARNING,
                now.pending() + " payments pending, over the threshold of " + limits.pendingPayments());
        check(PENDING_AGE, now.oldestPending().compareTo(limits.oldestPending()) > 0, Alert.Level.WARNING,
                "the oldest pending payment has waited " + now.oldestPending().toSeconds() + " s, over the threshold of "
                        + limits.oldestPending().toSeconds() + " s");
        check(ARCHIVE_BACKLOG, now.backlog() > limits.archiveBacklog(), Alert.Level.WARNING,
                now.backlog() + " sales wait in " + settings.archiver().streamKey() + " to be archived, over the threshold of "
                        + limits.archiveBacklog());
        check(DEAD_LETTERS, now.deadLetters() > limits.deadLetters(), Alert.Level.CRITICAL,
                now.deadLetters() + " entries in " + settings.archiver().deadLetterKey()
                        + " could not be archived and need a person, over the threshold of " + limits.deadLetters());
        try {
            alerts.mirror(redis);
        } catch (UnableToReachRedisException e) {
            log.debug("Alerts not written to Redis yet: {}", e.getMessage());
        }
    }

    private void check(String name, boolean over, Alert.Level level, String message) {
        if (over) {
            alerts.raise(name, level, message);
        } else {
            alerts.clear(name, message.replace(", over the threshold of", ", within the threshold of"));
        }
    }

    private Snapshot measureRedis(boolean mariaDbUp) {
        long pendingPayments = pending.size();
        Duration oldest = pending.oldestAge().orElse(Duration.ZERO);
        ArchiverSettings archiver = settings.archiver();
        RedisCommands<String, String> commands;
        long streamLength;
        long deadLetters;
        long groupPending = 0;
        Long lag = null;
        boolean groupFound = false;
        try {
            commands = redis.get().sync();
            streamLength = commands.xlen(archiver.streamKey());
            deadLetters = commands.xlen(archiver.deadLetterKey());
            if (streamLength > 0) {
                for (Object group : commands.xinfoGroups(archiver.streamKey())) {
                    Map<String, Object> info = fields(group);
                    if (archiver.consumerGroup().equals(String.valueOf(info.get("name")))) {
                        groupFound = true;
                        lag = info.get("lag") instanceof Number n ? n.longValue() : null;
                    }
                }
                if (groupFound) {
                    PendingMessages summary = commands.xpending(archiver.streamKey(), archiver.consumerGroup());
                    groupPending = summary.getCount();
                }
            }
        } catch (RedisCommandExecutionException e) {
            throw new IllegalStateException("redis " + redis.endpoint() + " refused a queue measurement: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw redis.failed(e);
        }
        // Without a group (no archiver ran yet) or a known lag (Redis cannot tell after deletions), all entries count.
        long backlog = groupFound && lag != null ? lag + groupPending : streamLength;
        return new Snapshot(true, mariaDbUp, pendingPayments, oldest, streamLength, groupPending, backlog, deadLetters,
                clock.instant());
    }

    private boolean checkMariaDb() {
        DataSource dataSource = archive.dataSource();
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                return true;
            }
            noteMariaDbDown("the connection did not validate");
        } catch (SQLException e) {
            noteMariaDbDown(MariaDbSaleArchive.describe(e));
        }
        return false;
    }

    private void noteMariaDbDown(String problem) {
        if (mariaDbDownSince == null) {
            mariaDbDownSince = clock.instant();
            log.warn("MariaDB at {} does not answer: {}", archive.endpoint(), problem);
        }
        mariaDbProblem = problem;
    }

    private static Map<String, Object> fields(Object group) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (group instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                map.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        } else if (group instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(String.valueOf(k), v));
        }
        return map;
    }
}
