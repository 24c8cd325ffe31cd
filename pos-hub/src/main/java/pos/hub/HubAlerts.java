package pos.hub;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.hub.StoreAlertEntry;
import pos.contract.json.Json;
import pos.contract.redis.RedisLink;

/**
 * The hub's alerts (R12): raised and cleared by the queue monitor, each logged once when raised
 * and once when cleared, and mirrored to Redis for the tills: hash {@link HubSettings#alertsKey()}
 * (name → JSON {@code {level, message, since}}) and a message with the alert's name on
 * {@link HubSettings#alertsChannel()} when it changed. While Redis is unreachable the changes wait
 * and are written on the next successful {@link #mirror}. Thread-safe.
 */
final class HubAlerts {

    private static final Logger log = LoggerFactory.getLogger(HubAlerts.class);

    private final HubSettings settings;
    private final Clock clock;
    private final HubMetrics metrics;
    private final Map<String, Alert> active = new TreeMap<>(); // guarded by this
    private final Map<String, Long> changed = new LinkedHashMap<>(); // name → change number; guarded by this
    private long changes; // guarded by this

    HubAlerts(HubSettings settings, Clock clock, HubMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Raises {@code name} (logged the first time) or updates its message while it stays raised. */
    synchronized void raise(String name, Alert.Level level, String message) {
        Alert current = active.get(name);
        if (current == null) {
            if (level == Alert.Level.CRITICAL) {
                log.error("ALERT {} raised: {}", name, message);
            } else {
                log.warn("ALERT {} raised: {}", name, message);
            }
            active.put(name, new Alert(name, level, message, clock.instant()));
            changed.put(name, ++changes);
        } else if (!current.message().equals(message) || current.level() != level) {
            active.put(name, new Alert(name, level, message, current.since()));
            changed.put(name, ++changes);
        }
        metrics.alert(name, true, active.size());
    }

    /** Clears {@code name} if raised (logged once). */
    synchronized void clear(String name, String why) {
        Alert cleared = active.remove(name);
        if (cleared != null) {
            log.info("ALERT {} cleared after {} s: {}", name, Duration.between(cleared.since(), clock.instant())
                    .toSeconds(), why);
            changed.put(name, ++changes);
        }
        metrics.alert(name, false, active.size());
    }

    /** The alerts raised now, by name. */
    synchronized List<Alert> active() {
        return new ArrayList<>(active.values());
    }

    synchronized boolean isRaised(String name) {
        return active.containsKey(name);
    }

    /**
     * Writes the alerts to Redis: every raised one again (another hub, or a restarted Redis, may
     * have removed it), removes cleared ones and publishes the names that changed.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached; the changes stay for the next call
     */
    void mirror(RedisLink redis) {
        Map<String, String> raised = new LinkedHashMap<>();
        List<String> cleared = new ArrayList<>();
        Map<String, Long> toPublish;
        synchronized (this) {
            active.values().forEach(alert -> raised.put(alert.name(), json(alert)));
            for (String name : changed.keySet()) {
                if (!active.containsKey(name)) {
                    cleared.add(name);
                }
            }
            toPublish = new LinkedHashMap<>(changed);
        }
        try {
            var commands = redis.get().sync();
            if (!raised.isEmpty()) {
                commands.hset(settings.alertsKey(), raised);
            }
            if (!cleared.isEmpty()) {
                commands.hdel(settings.alertsKey(), cleared.toArray(String[]::new));
            }
            for (String name : toPublish.keySet()) {
                commands.publish(settings.alertsChannel(), name);
            }
        } catch (RuntimeException e) {
            throw redis.failed(e);
        }
        synchronized (this) {
            toPublish.forEach(changed::remove); // only the changes written: a newer one of the same name stays
        }
    }

    static String json(Alert alert) {
        return Json.write(new StoreAlertEntry(alert.level().name(), alert.message(), alert.since().toString()));
    }
}
