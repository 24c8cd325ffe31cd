package pos.sync.events;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.events.UiEvent;
import pos.sync.archive.MalformedArchiveEntryException;
import pos.sync.redis.RedisConnections;
import pos.sync.redis.RedisLink;

/**
 * Moves UI events (R19) from the Redis events stream into MariaDB's {@code ui_events}, the way
 * {@link pos.sync.archive.Archiver} moves sales (R9, R10), on one thread ("pos-ui-event-archiver").
 * Thread-safe.
 *
 * <p>Why a sibling of the sales archiver and not the same one: events are many, small and
 * not money; one reader thread writing batches is plenty, and keeping them on their own stream
 * and consumer group ({@value #DEFAULT_CONSUMER_GROUP}) means a backlog of clicks can never delay
 * a sale on its way to the database, nor a malformed event block one.
 *
 * <p>Each read takes at most N entries ({@code XREADGROUP … COUNT N BLOCK period}); they are
 * written in one MariaDB transaction with idempotent upserts keyed by the event id, then
 * acknowledged and deleted ({@code XACK}, {@code XDEL}) only after the commit. A failed write
 * acknowledges nothing: after a pause (doubling to {@link #MAX_BACKOFF}) the archiver re-reads its
 * own pending entries from id 0 before anything new. Entries another consumer left pending for
 * {@code claimMinIdle} are taken over with {@code XAUTOCLAIM}. An entry that is not a valid event
 * goes to {@value #DEFAULT_DEAD_LETTER_KEY} with the reason and is acknowledged: logged, never
 * silently dropped, never blocking the rest. The stream has one consumer group, so an
 * acknowledged entry is deleted at once and the stream stays as short as the backlog.
 */
public final class UiEventArchiver implements AutoCloseable {

    /** The archivers' consumer group on the events stream. */
    public static final String DEFAULT_CONSUMER_GROUP = "pos-event-archivers";
    /** Where entries that are not events go. */
    public static final String DEFAULT_DEAD_LETTER_KEY = "pos:events:dead";
    /** N: the most events per MariaDB transaction by default. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The longest pause between retries while MariaDB or Redis is down. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final int MAX_ID = 32;
    private static final int MAX_NAME = 64;
    private static final Logger log = LoggerFactory.getLogger(UiEventArchiver.class);

    /**
     * How the event archiver runs. Immutable.
     *
     * @param streamKey     the events stream
     * @param consumerGroup the archivers' group
     * @param consumerName  this archiver's name in the group (keep it across restarts)
     * @param batchSize     N, the most events per MariaDB transaction
     * @param period        how long a read blocks, and the first retry pause
     * @param claimMinIdle  how long another consumer's entry stays pending before it is taken over
     * @param deadLetterKey where entries that are not events go
     */
    public record Settings(String streamKey, String consumerGroup, String consumerName, int batchSize, Duration period,
            Duration claimMinIdle, String deadLetterKey) {

        public Settings {
            Objects.requireNonNull(streamKey, "streamKey");
            Objects.requireNonNull(consumerGroup, "consumerGroup");
            Objects.requireNonNull(consumerName, "consumerName");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(claimMinIdle, "claimMinIdle");
            Objects.requireNonNull(deadLetterKey, "deadLetterKey");
            if (batchSize < 1) {
                throw new IllegalArgumentException("the UI event batch size must be at least 1: " + batchSize);
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("the UI event archiver's period must be positive: " + period);
            }
        }

        /** The defaults for the consumer {@code consumerName}. */
        public static Settings defaults(String consumerName) {
            return new Settings(UiEventOutbox.DEFAULT_STREAM_KEY, DEFAULT_CONSUMER_GROUP, consumerName, DEFAULT_BATCH_SIZE,
                    Duration.ofSeconds(1), Duration.ofSeconds(60), DEFAULT_DEAD_LETTER_KEY);
        }

        public Settings withStreamKey(String key) {
            return new Settings(key, consumerGroup, consumerName, batchSize, period, claimMinIdle, key + ":dead");
        }

        public Settings withBatchSize(int size) {
            return new Settings(streamKey, consumerGroup, consumerName, size, period, claimMinIdle, deadLetterKey);
        }

        public Settings withPeriod(Duration p) {
            return new Settings(streamKey, consumerGroup, consumerName, batchSize, p, claimMinIdle, deadLetterKey);
        }

        public Settings withClaimMinIdle(Duration idle) {
            return new Settings(streamKey, consumerGroup, consumerName, batchSize, period, idle, deadLetterKey);
        }
    }

    /** What the archiver tells its listener, on its own thread; calls must return quickly. */
    @FunctionalInterface
    public interface Listener {
        /** A listener that ignores everything. */
        Listener NONE = events -> { };

        /** {@code events} events were committed to MariaDB in one transaction. */
        void batchArchived(int events);
    }

    private final Settings settings;
    private final MariaDbUiEventArchive archive;
    private final Listener listener;
    private final RedisLink readLink;
    private final RedisLink commandLink;
    private final Consumer<String> consumer;
    private final Thread thread;
    private final Object pauseLock = new Object();
    private volatile boolean running;
    private boolean groupReady; // archiver thread only
    private boolean schemaReady; // archiver thread only
    private long nextClaimNanos; // archiver thread only
    private String lastFailure; // archiver thread only

    /** An archiver from the stream on {@code redis} into {@code archive}; it owns neither. */
    public UiEventArchiver(Settings settings, RedisConnections redis, MariaDbUiEventArchive archive, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.readLink = new RedisLink(redis, "UI event archiver reads");
        this.commandLink = new RedisLink(redis, "UI event archiver commands");
        this.consumer = Consumer.from(settings.consumerGroup(), settings.consumerName());
        this.thread = new Thread(this::run, "pos-ui-event-archiver");
        this.thread.setDaemon(true);
    }

    /** Starts the thread. Once only. */
    public synchronized void start() {
        if (running || thread.isAlive()) {
            throw new IllegalStateException("the UI event archiver was already started");
        }
        running = true;
        thread.start();
        log.info("UI event archiver {} reading {} (group {}, N {}, period {} ms)", settings.consumerName(),
                settings.streamKey(), settings.consumerGroup(), settings.batchSize(), settings.period().toMillis());
    }

    private void run() {
        boolean replayOwnPending = true;
        long backoffMillis = settings.period().toMillis();
        while (running) {
            try {
                prepare();
                if (replayOwnPending) {
                    replayOwnPending();
                    replayOwnPending = false;
                }
                claimStale();
                List<StreamMessage<String, String>> fresh = readNew();
                if (!fresh.isEmpty()) {
                    archive(fresh);
                }
                backoffMillis = settings.period().toMillis();
                if (lastFailure != null) {
                    log.info("UI event archiver {} is archiving again", settings.consumerName());
                    lastFailure = null;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                replayOwnPending = true;
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!reason.equals(lastFailure)) {
                    log.warn("UI event archiver {}: {}; events stay in the stream and are retried", settings.consumerName(),
                            reason);
                    lastFailure = reason;
                }
                if (!pause(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, Math.max(MAX_BACKOFF.toMillis(), settings.period().toMillis()));
            }
        }
    }

    private void prepare() {
        if (!schemaReady) {
            archive.migrate();
            schemaReady = true;
        }
        if (!groupReady) {
            try {
                commands().xgroupCreate(XReadArgs.StreamOffset.from(settings.streamKey(), "0"), settings.consumerGroup(),
                        XGroupCreateArgs.Builder.mkstream());
                log.info("Created consumer group {} on stream {}", settings.consumerGroup(), settings.streamKey());
            } catch (RedisBusyException e) {
                log.debug("Consumer group {} exists", settings.consumerGroup());
            } catch (RuntimeException e) {
                throw commandLink.failed(e);
            }
            groupReady = true;
        }
    }

    @SuppressWarnings("unchecked") // Lettuce's StreamOffset varargs
    private void replayOwnPending() {
        String after = "0";
        while (running) {
            List<StreamMessage<String, String>> page;
            try {
                page = commands().xreadgroup(consumer, XReadArgs.Builder.count(settings.batchSize()),
                        XReadArgs.StreamOffset.from(settings.streamKey(), after));
            } catch (RuntimeException e) {
                throw failedRead(commandLink, e);
            }
            if (page == null || page.isEmpty()) {
                return;
            }
            archive(page);
            after = page.get(page.size() - 1).getId();
        }
    }

    private void claimStale() {
        long now = System.nanoTime();
        if (now - nextClaimNanos < 0) {
            return;
        }
        nextClaimNanos = now + Math.max(settings.claimMinIdle().toNanos() / 2, settings.period().toNanos());
        String cursor = "0-0";
        do {
            ClaimedMessages<String, String> page;
            try {
                page = commands().xautoclaim(settings.streamKey(),
                        XAutoClaimArgs.Builder.xautoclaim(consumer, settings.claimMinIdle(), cursor).count(settings.batchSize()));
            } catch (RuntimeException e) {
                throw failedRead(commandLink, e);
            }
            if (!page.getMessages().isEmpty()) {
                log.warn("UI event archiver {} took over {} entries another consumer left unacknowledged",
                        settings.consumerName(), page.getMessages().size());
                archive(page.getMessages());
            }
            cursor = page.getId();
        } while (running && cursor != null && !"0-0".equals(cursor));
    }

    @SuppressWarnings("unchecked") // Lettuce's StreamOffset varargs
    private List<StreamMessage<String, String>> readNew() {
        long blockMillis = Math.min(settings.period().toMillis(), RedisConnections.MAX_BLOCK.toMillis());
        try {
            List<StreamMessage<String, String>> messages = readLink.get().sync().xreadgroup(consumer,
                    XReadArgs.Builder.count(settings.batchSize()).block(blockMillis),
                    XReadArgs.StreamOffset.lastConsumed(settings.streamKey()));
            return messages == null ? List.of() : messages;
        } catch (RuntimeException e) {
            throw failedRead(readLink, e);
        }
    }

    private RuntimeException failedRead(RedisLink link, RuntimeException e) {
        RuntimeException failure = link.failed(e);
        if (failure instanceof RedisCommandExecutionException reply && String.valueOf(reply.getMessage()).startsWith("NOGROUP")) {
            groupReady = false;
            log.error("Events stream {} or its consumer group {} is gone from redis {}; creating them again. If Redis lost "
                    + "data, events handed on but not archived are only in the tills' journals.", settings.streamKey(),
                    settings.consumerGroup(), link.endpoint());
        }
        return failure;
    }

    /** One batch (at most N entries): dead-letter what is not an event, write the rest in one transaction, then XACK + XDEL. */
    private void archive(List<StreamMessage<String, String>> messages) {
        List<UiEvent> events = new ArrayList<>(messages.size());
        List<String> ids = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            if (message.getBody() == null || message.getBody().isEmpty()) {
                ids.add(message.getId()); // deleted by someone between the read and now: nothing to keep
                continue;
            }
            try {
                events.add(parse(message.getBody()));
                ids.add(message.getId());
            } catch (MalformedArchiveEntryException e) {
                deadLetter(message, e.getMessage());
            }
        }
        if (!events.isEmpty()) {
            archive.store(events);
            listener.batchArchived(events.size());
        }
        if (!ids.isEmpty()) {
            acknowledge(ids);
        }
    }

    /** An entry's fields as an event, checked against the column limits of {@code V4__ui_events.sql}. */
    static UiEvent parse(Map<String, String> body) {
        String id = required(body, "id", MAX_ID);
        String kind = required(body, "kind", 16);
        String client = required(body, "client", MAX_NAME);
        String target = required(body, "target", MAX_NAME);
        String at = required(body, "at", 20);
        UiEvent.Kind parsedKind;
        try {
            parsedKind = UiEvent.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new MalformedArchiveEntryException("unknown UI event kind '" + kind + "'");
        }
        if (!id.chars().allMatch(c -> c < 128)) {
            throw new MalformedArchiveEntryException("UI event id is not ASCII: " + id);
        }
        long atMillis;
        try {
            atMillis = Long.parseLong(at);
        } catch (NumberFormatException e) {
            throw new MalformedArchiveEntryException("UI event time is not epoch milliseconds: '" + at + "'");
        }
        return new UiEvent(id, parsedKind, client, target, Instant.ofEpochMilli(atMillis));
    }

    private static String required(Map<String, String> body, String field, int maxLength) {
        String value = body.get(field);
        if (value == null || value.isBlank()) {
            throw new MalformedArchiveEntryException("UI event field '" + field + "' is missing");
        }
        if (value.length() > maxLength) {
            throw new MalformedArchiveEntryException("UI event field '" + field + "' is longer than " + maxLength
                    + " characters");
        }
        return value;
    }

    private void deadLetter(StreamMessage<String, String> message, String reason) {
        log.error("Events stream entry {} is not a UI event and goes to {}: {}", message.getId(), settings.deadLetterKey(),
                reason);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("entry", message.getId());
        body.put("reason", reason);
        body.put("consumer", settings.consumerName());
        message.getBody().forEach(body::putIfAbsent);
        try {
            commands().xadd(settings.deadLetterKey(), body);
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
        acknowledge(List.of(message.getId()));
    }

    private void acknowledge(List<String> ids) {
        String[] array = ids.toArray(String[]::new);
        try {
            commands().xack(settings.streamKey(), settings.consumerGroup(), array);
            commands().xdel(settings.streamKey(), array);
        } catch (RuntimeException e) {
            // Committed but not acknowledged: the entries come round again and are rewritten idempotently.
            throw commandLink.failed(e);
        }
    }

    private RedisCommands<String, String> commands() {
        return commandLink.get().sync();
    }

    private boolean pause(long millis) {
        synchronized (pauseLock) {
            long deadline = System.currentTimeMillis() + millis;
            long left = millis;
            while (running && left > 0) {
                try {
                    pauseLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                left = deadline - System.currentTimeMillis();
            }
            return running;
        }
    }

    /** Stops reading, finishes a batch in flight and closes its connections; unacknowledged entries stay pending. Idempotent. */
    @Override
    public void close() {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        readLink.close(); // ends a blocking read at once
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(RedisConnections.COMMAND_TIMEOUT.plus(MAX_BACKOFF).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        commandLink.close();
    }
}
