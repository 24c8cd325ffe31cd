package pos.sync.events;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.events.UiEvent;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;

/**
 * Hands journaled UI events (R19) on to the store's Redis events stream ({@value #DEFAULT_STREAM_KEY}),
 * on a background thread of its own ("pos-ui-event-outbox"), the way {@link pos.sync.outbox.Outbox}
 * hands on sales. Thread-safe.
 *
 * <p>Each round reads at most {@code batchSize} events after the sync position, {@code XADD}s one
 * entry per event (pipelined; fields {@code id}, {@code kind}, {@code client}, {@code target},
 * {@code at} = epoch milliseconds) and, once Redis acknowledged them all, moves the position past
 * them. Delivery is at least once; the hub's UiEventArchiver writes idempotently by event id. Events
 * are not urgent: the outbox looks every {@code period} rather than on each click, and backs off
 * (doubling to {@link #MAX_BACKOFF}) while Redis is unreachable; the events stay in SQLite until
 * they are handed on.
 */
public final class UiEventOutbox implements AutoCloseable {

    /** The events stream's default key. */
    public static final String DEFAULT_STREAM_KEY = pos.contract.events.EventStream.KEY;
    /** Events per round by default. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** How often an idle outbox looks for new events by default. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);
    /** The longest pause while Redis is unreachable. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(UiEventOutbox.class);

    private final SqliteUiEventJournal journal;
    private final RedisLink link;
    private final String streamKey;
    private final int batchSize;
    private final Duration period;
    private final pos.sync.auth.StreamSigner signer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean online;
    private String lastFailure; // outbox thread only

    /**
     * An outbox from {@code journal} to {@code streamKey} on the Redis {@code redis} connects to, each entry
     * signed by {@code signer} (without a credential it holds and the journal keeps the events); it owns neither.
     */
    public UiEventOutbox(SqliteUiEventJournal journal, RedisConnections redis, String streamKey, int batchSize, Duration period,
            pos.sync.auth.StreamSigner signer) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.link = new RedisLink(Objects.requireNonNull(redis, "redis"), "UI event outbox");
        this.streamKey = Objects.requireNonNull(streamKey, "streamKey");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.batchSize = batchSize;
        this.period = Objects.requireNonNull(period, "period");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.thread = new Thread(this::run, "pos-ui-event-outbox");
        this.thread.setDaemon(true);
    }

    /** Starts the thread. Once only. */
    public synchronized void start() {
        if (running || thread.isAlive()) {
            throw new IllegalStateException("the UI event outbox was already started");
        }
        running = true;
        thread.start();
    }

    /** True after the last round reached Redis. */
    public boolean online() {
        return online;
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            boolean more;
            try {
                more = pushOnce();
                backoffMillis = 100;
                if (!online) {
                    log.info("UI event outbox online: handing events on to redis {} stream {}", link.endpoint(), streamKey);
                }
                online = true;
                lastFailure = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                online = false;
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!reason.equals(lastFailure)) {
                    log.warn("UI event outbox offline, {} events waiting in the journal: {}", safeBacklog(), reason);
                    lastFailure = reason;
                }
                if (!pause(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
                continue;
            }
            if (!more && !pause(period.toMillis())) {
                return;
            }
        }
    }

    /** One round; true if a full batch went out. */
    private boolean pushOnce() throws InterruptedException {
        List<SqliteUiEventJournal.StoredEvent> events = journal.readAfter(journal.handedOnSeq(), batchSize);
        if (events.isEmpty()) {
            if (!online) {
                await(link.get().async().ping());
            }
            return false;
        }
        List<java.util.Map<String, String>> signed = new ArrayList<>(events.size());
        for (SqliteUiEventJournal.StoredEvent stored : events) { // all signed first: no credential, nothing written
            UiEvent e = stored.event();
            signed.add(signer.sign(java.util.Map.of("id", e.id(), "kind", e.kind().name(), "client", e.clientId(),
                    "target", e.targetId(), "at", Long.toString(e.at().toEpochMilli()))));
        }
        RedisAsyncCommands<String, String> redis = link.get().async();
        List<RedisFuture<String>> replies = new ArrayList<>(events.size());
        for (java.util.Map<String, String> fields : signed) {
            replies.add(redis.xadd(streamKey, fields));
        }
        for (RedisFuture<String> reply : replies) {
            await(reply);
        }
        long upTo = events.get(events.size() - 1).seq();
        journal.markHandedOn(upTo);
        log.debug("Handed on {} UI events up to seq {} to {}", events.size(), upTo, streamKey);
        return events.size() == batchSize;
    }

    private <T> T await(RedisFuture<T> reply) throws InterruptedException {
        try {
            return reply.get(RedisConnections.COMMAND_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw link.failed(e);
        }
    }

    private long safeBacklog() {
        try {
            return journal.backlog();
        } catch (RuntimeException e) {
            log.debug("Could not count the UI event backlog for a log line", e);
            return -1;
        }
    }

    private boolean pause(long millis) {
        try {
            return !stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the thread (waiting for a round in flight); events not handed on stay in the journal. Idempotent. */
    @Override
    public void close() {
        running = false;
        stopped.countDown();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(RedisConnections.COMMAND_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        link.close();
    }
}
