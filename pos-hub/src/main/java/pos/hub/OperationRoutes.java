package pos.hub;

import static pos.hub.HttpAnswers.JSON;
import static pos.hub.HttpAnswers.answer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.redis.RedisLink;

/**
 * GET /alerts, /health, /metrics: what the people who run the store see (R12). Thread-safe.
 */
final class OperationRoutes {

    private static final Logger log = LoggerFactory.getLogger(OperationRoutes.class);

    private final HubSettings settings;
    private final HubAlerts alerts;
    private final QueueMonitor monitor;
    private final HubMetrics metrics;
    private final RedisLink redis;

    OperationRoutes(HubSettings settings, HubAlerts alerts, QueueMonitor monitor, HubMetrics metrics, RedisLink redis) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.get("/alerts", this::alerts);
        javalin.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        javalin.get("/health", this::health);
    }
    private void alerts(Context ctx) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("alerts");
        for (Alert alert : alerts.active()) {
            ObjectNode node = list.addObject();
            node.put("name", alert.name());
            node.put("level", alert.level().name());
            node.put("message", alert.message());
            node.put("since", alert.since().toString());
        }
        answer(ctx, 200, root);
    }
    private void health(Context ctx) {
        boolean redisUp;
        String redisProblem = null;
        try {
            redisUp = "PONG".equals(redis.get().sync().ping());
        } catch (RuntimeException e) {
            RuntimeException failure = redis.failed(e);
            redisUp = false;
            redisProblem = failure.getMessage();
        }
        QueueMonitor.Snapshot last = monitor.last();
        ObjectNode root = JSON.createObjectNode();
        root.put("status", redisUp ? (last.mariaDbUp() ? "UP" : "DEGRADED") : "DOWN");
        root.put("redis", redisUp ? "UP" : "DOWN");
        if (redisProblem != null) {
            root.put("redisProblem", redisProblem);
        }
        root.put("mariadb", last.measuredAt() == null ? "UNKNOWN" : last.mariaDbUp() ? "UP" : "DOWN");
        root.put("alerts", alerts.active().size());
        root.put("consumer", settings.archiver().consumerName());
        answer(ctx, redisUp ? 200 : 503, root);
    }
}
