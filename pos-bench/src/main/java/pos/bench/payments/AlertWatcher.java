package pos.bench.payments;

import java.io.IOException;
import pos.contract.hub.AlertsAnswer;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the hub's {@code GET /alerts} (R12) every half second for the whole run and keeps what it
 * saw, so a run can tell whether an alert was raised while MariaDB was down and cleared after.
 * Polls that find the hub down (killed, restarting) are kept as such. Thread-safe.
 */
final class AlertWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertWatcher.class);
    private static final Duration EVERY = Duration.ofMillis(500);

    /** One poll: when, and the alerts raised then (null when the hub did not answer). */
    record Observation(Instant at, Set<String> alerts) {
    }

    private final URI alertsUri;
    private final HttpClient http;
    private final List<Observation> observations = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    AlertWatcher(URI hubBaseUri) {
        this(hubBaseUri, null);
    }

    /** @param tls the trust for an {@code https://} hub, or null */
    AlertWatcher(URI hubBaseUri, javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.alertsUri = hubBaseUri.resolve("alerts");
        this.thread = new Thread(this::run, "alert-watcher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            observations.add(new Observation(Instant.now(), poll()));
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The alerts raised now, or null when the hub does not answer. */
    Set<String> poll() {
        HttpRequest request = HttpRequest.newBuilder(alertsUri).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                log.debug("{} answered {}", alertsUri, response.statusCode());
                return null;
            }
            Set<String> names = new TreeSet<>();
            Json.read(Json.TOLERANT, response.body(), AlertsAnswer.class).alerts().forEach(alert -> names.add(alert.name()));
            return names;
        } catch (MalformedJsonException e) {
            log.debug("{} answered what is not its alerts: {}", alertsUri, e.getMessage());
            return null;
        } catch (IOException e) {
            return null; // the hub is down or restarting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    List<Observation> observations() {
        return List.copyOf(observations);
    }

    /** Whether {@code alert} was seen raised at some poll between {@code from} and {@code to}. */
    boolean seenBetween(String alert, Instant from, Instant to) {
        for (Observation o : observations) {
            if (o.alerts() != null && o.alerts().contains(alert) && !o.at().isBefore(from) && !o.at().isAfter(to)) {
                return true;
            }
        }
        return false;
    }

    /** The first poll at or after {@code from} that saw {@code alert}, if any. */
    Instant firstSeen(String alert, Instant from) {
        for (Observation o : observations) {
            if (o.alerts() != null && o.alerts().contains(alert) && !o.at().isBefore(from)) {
                return o.at();
            }
        }
        return null;
    }

    /** The last poll that saw {@code alert}, if any. */
    Instant lastSeen(String alert) {
        Instant last = null;
        for (Observation o : observations) {
            if (o.alerts() != null && o.alerts().contains(alert)) {
                last = o.at();
            }
        }
        return last;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
