package pos.sync.alert;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.sync.AlertFeed;
import pos.core.sync.StoreAlert;
import pos.contract.hub.StoreAlertEntry;
import pos.contract.json.Json;
import pos.contract.redis.RedisConnections;

/**
 * Reads the store hub's alerts (R12) from the Redis hash {@code pos:alerts} (name → JSON
 * {@code {level, message, since}}, written by the hub's queue monitor) every {@code period}, so
 * every till's status bar shows them. A poll rather than the change channel: a hint can be lost,
 * the hash cannot. While Redis is unreachable the last known set stays. Thread-safe.
 */
public final class RedisAlertFeed implements AlertFeed, AutoCloseable {

    public static final String DEFAULT_KEY = "pos:alerts";
    private static final Logger LOG = LoggerFactory.getLogger(RedisAlertFeed.class);

    private final RedisConnections redis;
    private final String key;
    private final ScheduledExecutorService poller;
    private final CopyOnWriteArrayList<Consumer<List<StoreAlert>>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<StoreAlert> current = List.of();
    private StatefulRedisConnection<String, String> connection; // poller thread only
    private boolean unreachableLogged; // poller thread only

    public RedisAlertFeed(RedisConnections redis, String key, Duration period) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = Objects.requireNonNull(key, "key");
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pos-alert-feed");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public List<StoreAlert> current() {
        return current;
    }

    @Override
    public AutoCloseable onChange(Consumer<List<StoreAlert>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void poll() {
        Map<String, String> raw;
        try {
            if (connection == null || !connection.isOpen()) {
                connection = redis.connect();
            }
            raw = connection.sync().hgetall(key);
            unreachableLogged = false;
        } catch (RuntimeException e) {
            if (!unreachableLogged) {
                LOG.warn("Cannot read the store's alerts from {} ({}); showing the last known ones",
                        redis.safeUri(), RedisConnections.describe(e));
                unreachableLogged = true;
            }
            return;
        }
        List<StoreAlert> alerts = new ArrayList<>();
        raw.forEach((name, json) -> alerts.add(parse(name, json)));
        alerts.sort(Comparator.comparing(StoreAlert::since).thenComparing(StoreAlert::name));
        if (!alerts.equals(current)) {
            current = List.copyOf(alerts);
            for (Consumer<List<StoreAlert>> listener : listeners) {
                try {
                    listener.accept(current);
                } catch (RuntimeException e) {
                    LOG.error("An alert listener failed", e);
                }
            }
        }
    }

    /** An entry that cannot be read is still shown (as critical, with its raw text): never hidden. */
    static StoreAlert parse(String name, String json) {
        try {
            StoreAlertEntry entry = Json.read(Json.TOLERANT, json, StoreAlertEntry.class);
            return new StoreAlert(name, "CRITICAL".equals(entry.level()), entry.message(), Instant.parse(entry.since()));
        } catch (Exception e) {
            LOG.warn("Alert {} has a malformed entry: {}", name, json, e);
            return new StoreAlert(name, true, name + ": " + json, Instant.EPOCH);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        if (connection != null) {
            connection.close();
        }
    }
}
