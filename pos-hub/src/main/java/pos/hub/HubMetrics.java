package pos.hub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import pos.hub.archive.ArchiverListener;
import pos.contract.pay.ResultUpdate;

/**
 * The hub's meters in a Micrometer Prometheus registry, scraped at {@code GET /metrics}. Names as
 * Prometheus shows them:
 *
 * <pre>
 * pos_pay_pending                         gauge   payments in the pending queue (R7, R12)
 * pos_pay_pending_oldest_age_seconds      gauge   age of the oldest pending payment (R11, R12)
 * pos_archive_stream_length               gauge   entries in the archive stream (XLEN; archived ones until trimmed)
 * pos_archive_group_pending               gauge   entries read by an archiver and not acknowledged (XPENDING)
 * pos_archive_backlog                     gauge   entries not yet archived: group lag + pending (R9, R12)
 * pos_archive_dead_letters                gauge   entries in the dead-letter stream
 * pos_redis_up, pos_mariadb_up            gauge   1 when the last check reached it
 * pos_hub_alerts_active                   gauge   alerts raised now
 * pos_hub_alert{name}                     gauge   1 while that alert is raised
 * pos_hub_notifications_total{outcome}    counter notifications received: accepted, held, bad_signature, malformed, unavailable
 * pos_hub_notify_seconds                  timer   time to handle a notification
 * pos_hub_results_total{source,outcome}   counter results offered to the board: stored, duplicate, refused
 * pos_hub_gateway_queries_total{trigger,outcome} counter gateway calls by the status API and the reconciler
 * pos_archive_sales_total                 counter sales committed to MariaDB by this hub's archiver
 * pos_archive_dead_lettered_total         counter entries this hub's archiver moved to the dead letters
 * pos_archive_failures_total              counter archiver rounds that failed and are retried
 * </pre>
 *
 * Thread-safe.
 */
final class HubMetrics implements ArchiverListener {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final AtomicLong streamLength = new AtomicLong();
    private final AtomicLong groupPending = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong redisUp = new AtomicLong();
    private final AtomicLong mariaDbUp = new AtomicLong();
    private final AtomicLong alertsActive = new AtomicLong();
    private final Map<String, AtomicLong> alerts = new ConcurrentHashMap<>();
    private final Timer notifyTimer;
    private final Counter archivedSales;
    private final Counter deadLettered;
    private final Counter archiveFailures;

    HubMetrics() {
        Gauge.builder("pos.pay.pending", pending, AtomicLong::get).description("payments in the pending queue").register(registry);
        TimeGauge.builder("pos.pay.pending.oldest.age", oldestPendingMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
                .description("age of the oldest pending payment").register(registry);
        Gauge.builder("pos.archive.stream.length", streamLength, AtomicLong::get).description("entries in the archive stream")
                .register(registry);
        Gauge.builder("pos.archive.group.pending", groupPending, AtomicLong::get)
                .description("archive entries read and not yet acknowledged").register(registry);
        Gauge.builder("pos.archive.backlog", backlog, AtomicLong::get).description("archive entries not yet archived")
                .register(registry);
        Gauge.builder("pos.archive.dead.letters", deadLetters, AtomicLong::get).description("entries in the dead-letter stream")
                .register(registry);
        Gauge.builder("pos.redis.up", redisUp, AtomicLong::get).description("1 when Redis answered the last check")
                .register(registry);
        Gauge.builder("pos.mariadb.up", mariaDbUp, AtomicLong::get).description("1 when MariaDB answered the last check")
                .register(registry);
        Gauge.builder("pos.hub.alerts.active", alertsActive, AtomicLong::get).description("alerts raised now").register(registry);
        for (String name : QueueMonitor.ALERT_NAMES) {
            AtomicLong value = new AtomicLong();
            alerts.put(name, value);
            Gauge.builder("pos.hub.alert", value, AtomicLong::get).tag("name", name).description("1 while the alert is raised")
                    .register(registry);
        }
        notifyTimer = Timer.builder("pos.hub.notify").description("time to handle a gateway notification").register(registry);
        archivedSales = Counter.builder("pos.archive.sales").description("sales committed to MariaDB by this hub")
                .register(registry);
        deadLettered = Counter.builder("pos.archive.dead.lettered").description("entries moved to the dead letters by this hub")
                .register(registry);
        archiveFailures = Counter.builder("pos.archive.failures").description("archiver rounds that failed and are retried")
                .register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    void notification(String outcome, long nanos) {
        registry.counter("pos.hub.notifications", "outcome", outcome).increment();
        notifyTimer.record(nanos, TimeUnit.NANOSECONDS);
    }

    void resultOffered(String source, ResultUpdate.Outcome outcome) {
        registry.counter("pos.hub.results", "source", source.replace(' ', '_'), "outcome",
                outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    void gatewayCall(String trigger, String outcome) {
        registry.counter("pos.hub.gateway.queries", "trigger", trigger, "outcome", outcome).increment();
    }

    void queues(long pendingPayments, Duration oldest, long stream, long readNotAcked, long notArchived, long dead) {
        pending.set(pendingPayments);
        oldestPendingMillis.set(oldest.toMillis());
        streamLength.set(stream);
        groupPending.set(readNotAcked);
        backlog.set(notArchived);
        deadLetters.set(dead);
    }

    void reachable(boolean redis, boolean mariaDb) {
        redisUp.set(redis ? 1 : 0);
        mariaDbUp.set(mariaDb ? 1 : 0);
    }

    void alert(String name, boolean raised, int active) {
        alerts.computeIfAbsent(name, n -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("pos.hub.alert", value, AtomicLong::get).tag("name", n).register(registry);
            return value;
        }).set(raised ? 1 : 0);
        alertsActive.set(active);
    }

    @Override
    public void batchArchived(int sales, int entries) {
        archivedSales.increment(sales);
    }

    @Override
    public void deadLettered(String entryId, String reason) {
        deadLettered.increment();
    }

    @Override
    public void failed(String detail) {
        archiveFailures.increment();
    }

    /** An entry of {@code stream} that no known till signed was refused (issue 10). */
    void unattributed(String stream) {
        registry.counter("pos.archive.unattributed", "stream", stream).increment();
    }

    /** The stored-value or voucher reconciliation found {@code kind} differences in its last pass. */
    void reconciliationDifferences(String kind, int differences) {
        registry.counter("pos.hub.reconciliation.differences", "kind", kind).increment(differences);
    }

    void close() {
        registry.close();
    }
}
