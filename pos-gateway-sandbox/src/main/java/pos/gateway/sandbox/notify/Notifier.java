package pos.gateway.sandbox.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.gateway.sandbox.api.NotificationSignature;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.ledger.Ledger;
import pos.gateway.sandbox.ledger.LedgerException;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.NotificationStatus;

/**
 * Delivers notification events: POSTs each stored event's body, signed afresh per attempt, to
 * its {@code notify_url} until a receiver answers 2xx, on the {@link RetrySchedule}. Progress is
 * written to the ledger after every attempt, so a restarted gateway resumes where it stopped.
 * Delivery is at least once: an attempt cut short by a stop is repeated after the restart, and
 * the {@code duplicate_notify_rate} knob sends some twice on purpose.
 *
 * <p>Thread-safe.
 */
public final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DUPLICATE_DELAY = Duration.ofMillis(100);
    private static final int THREADS = 2;

    private final Ledger ledger;
    private final pos.gateway.sandbox.face.NotificationWire wire;
    private final Chaos chaos;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final HttpClient http;
    private ScheduledExecutorService executor;

    /**
     * Creates a stopped notifier.
     *
     * @param ledger where the events are stored
     * @param signature signs every attempt
     * @param chaos the knobs and dice
     * @param schedule when attempts happen
     * @param clock the time source
     */
    public Notifier(Ledger ledger, NotificationSignature signature, Chaos chaos, RetrySchedule schedule, Clock clock) {
        this(ledger, signature, chaos, schedule, clock, null);
    }

    /**
     * As {@link #Notifier(Ledger, NotificationSignature, Chaos, RetrySchedule, Clock)}, trusting {@code tls} for
     * {@code https://} notify URLs (a store hub whose certificate comes from the store's own CA); null: the JVM's
     * default trust.
     */
    public Notifier(Ledger ledger, NotificationSignature signature, Chaos chaos, RetrySchedule schedule, Clock clock,
            javax.net.ssl.SSLContext tls) {
        this(ledger, new pos.gateway.sandbox.face.SandboxFace(signature).notifications(), chaos, schedule, clock, tls);
    }

    /**
     * A notifier that puts events on the wire the way {@code wire}'s protocol does (WeChat Pay v3, Alipay, the
     * sandbox's own), trusting {@code tls} for {@code https://} notify URLs (null: the JVM's default trust).
     */
    public Notifier(Ledger ledger, pos.gateway.sandbox.face.NotificationWire wire, Chaos chaos, RetrySchedule schedule,
            Clock clock, javax.net.ssl.SSLContext tls) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.chaos = Objects.requireNonNull(chaos, "chaos");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        this.http = (tls == null ? http : http.sslContext(tls)).build();
    }

    /** Starts delivering: schedules every pending event stored in the ledger. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = new ScheduledThreadPoolExecutor(THREADS, namedDaemonThreads());
        int resumed = 0;
        for (NotificationRow pending : ledger.pendingNotifications()) {
            submit(pending);
            resumed++;
        }
        if (resumed > 0) {
            log.info("resuming delivery of {} pending notification(s)", resumed);
        }
    }

    /**
     * Schedules a newly stored event; call after the transaction that stored it committed.
     *
     * @param event the stored event; ignored unless pending
     */
    public void submit(NotificationRow event) {
        if (event.status() != NotificationStatus.PENDING) {
            return;
        }
        Instant due = event.nextAttemptAt() == null ? clock.instant() : event.nextAttemptAt();
        schedule(() -> attempt(event.eventId()), Duration.between(clock.instant(), due));
    }

    /** Stops delivering; pending events stay in the ledger for the next start. */
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("a notification attempt did not finish within 5 s of the stop; it is repeated after the restart");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void schedule(Runnable task, Duration delay) {
        if (executor == null) {
            return; // stopped: the ledger still has the event, the next start picks it up
        }
        try {
            executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping at this very moment; same as above
        }
    }

    private void attempt(String eventId) {
        try {
            Optional<NotificationRow> stored = ledger.notification(eventId);
            if (stored.isEmpty() || stored.get().status() != NotificationStatus.PENDING) {
                return;
            }
            NotificationRow event = stored.get();
            int attempts = event.attempts() + 1;
            String failure;
            if (event.dropFirstAttempt() && event.attempts() == 0) {
                failure = "first attempt dropped by the drop_notify_rate knob";
            } else {
                failure = send(event);
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: leave the row as it was, the attempt is repeated after the restart
            }
            Instant now = clock.instant();
            if (failure == null) {
                ledger.markDelivered(eventId, attempts, now);
                log.debug("notification {} ({} of {}) delivered on attempt {}", eventId, event.eventType(),
                        event.outTradeNo(), attempts);
                if (chaos.roll(chaos.knobs().duplicateNotifyRate())) {
                    schedule(() -> sendDuplicate(event), DUPLICATE_DELAY);
                }
                return;
            }
            Optional<Instant> next = schedule.nextAttemptAt(attempts, event.createdAt(), now);
            if (next.isEmpty()) {
                ledger.markExpired(eventId, attempts, failure);
                log.warn("gave up notification {} ({} of {}) to {} after {} attempts: {}", eventId,
                        event.eventType(), event.outTradeNo(), event.notifyUrl(), attempts, failure);
                return;
            }
            ledger.recordFailedAttempt(eventId, attempts, next.get(), failure);
            log.debug("notification {} attempt {} failed ({}); next at {}", eventId, attempts, failure, next.get());
            schedule(() -> attempt(eventId), Duration.between(now, next.get()));
        } catch (LedgerException e) {
            if (!ledger.isClosed()) {
                log.warn("cannot record a delivery attempt of notification {}; it is retried after a restart", eventId, e);
            }
        } catch (RuntimeException e) {
            log.error("notification {} attempt failed unexpectedly; it is retried after a restart", eventId, e);
        }
    }

    private void sendDuplicate(NotificationRow event) {
        String failure = send(event);
        log.debug("duplicate of notification {} sent: {}", event.eventId(), failure == null ? "2xx" : failure);
    }

    /** Returns {@code null} when the receiver took the notification (as its protocol says), else what went wrong. */
    private String send(NotificationRow event) {
        try {
            pos.gateway.sandbox.face.NotificationWire.Delivery delivery = wire.render(event);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(event.notifyUrl()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", delivery.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
            delivery.headers().forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String body = response.body() == null ? "" : response.body();
            if (wire.acknowledged(status, body)) {
                return null;
            }
            return "receiver answered HTTP " + status + (body.isEmpty() ? "" : " '"
                    + (body.length() > 80 ? body.substring(0, 80) + "…" : body) + "'");
        } catch (IOException e) {
            return "cannot reach " + event.notifyUrl() + ": " + e;
        } catch (IllegalArgumentException e) {
            return "bad notify_url " + event.notifyUrl() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted by a stop";
        }
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-notify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
