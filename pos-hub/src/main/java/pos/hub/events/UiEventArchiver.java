package pos.hub.events;

import pos.contract.events.EventStream;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pos.core.events.UiEvent;
import pos.hub.archive.ArchiveSink;
import pos.hub.archive.MalformedArchiveEntryException;
import pos.hub.archive.StreamArchiver;
import pos.hub.archive.StreamArchiverSettings;
import pos.contract.redis.RedisConnections;

/**
 * Moves UI events (R19) from the Redis events stream into MariaDB's {@code ui_events}, the way
 * {@link pos.hub.archive.Archiver} moves sales (R9, R10), on one thread ("pos-ui-event-archiver").
 * Thread-safe.
 *
 * <p>Why a sibling of the sales archiver and not the same one: events are many, small and
 * not money; one reader thread writing batches is plenty, and keeping them on their own stream
 * and consumer group ({@value #DEFAULT_CONSUMER_GROUP}) means a backlog of clicks can never delay
 * a sale on its way to the database, nor a malformed event block one.
 *
 * <p>The consumer-group loop is {@link StreamArchiver}'s: each read takes at most N entries
 * ({@code XREADGROUP … COUNT N BLOCK period}); they are written in one MariaDB transaction with
 * idempotent upserts keyed by the event id, then acknowledged and deleted ({@code XACK}, {@code
 * XDEL}) only after the commit. A failed write acknowledges nothing: after a pause (doubling to
 * {@link #MAX_BACKOFF}) the archiver re-reads its own pending entries from id 0 before anything
 * new. Entries another consumer left pending for {@code claimMinIdle} are taken over with {@code
 * XAUTOCLAIM}. An entry that is not a valid event goes to {@value #DEFAULT_DEAD_LETTER_KEY} (its
 * id in the field {@code entry}) with the reason and is acknowledged: logged, never silently
 * dropped, never blocking the rest. The stream has one consumer group, so an acknowledged entry is
 * deleted at once and the stream stays as short as the backlog.
 */
public final class UiEventArchiver implements AutoCloseable {

    /** The archivers' consumer group on the events stream. */
    public static final String DEFAULT_CONSUMER_GROUP = "pos-event-archivers";
    /** Where entries that are not events go. */
    public static final String DEFAULT_DEAD_LETTER_KEY = "pos:events:dead";
    /** N: the most events per MariaDB transaction by default. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The longest pause between retries while MariaDB or Redis is down. */
    public static final Duration MAX_BACKOFF = StreamArchiver.MAX_BACKOFF;

    private static final int MAX_ID = 32;
    private static final int MAX_NAME = 64;

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
            return new Settings(EventStream.KEY, DEFAULT_CONSUMER_GROUP, consumerName, DEFAULT_BATCH_SIZE,
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

    private final StreamArchiver<UiEvent> loop;

    /**
     * An archiver from the stream on {@code redis} into {@code archive}, archiving only events that
     * {@code attribution} attributes to a till; it owns neither.
     */
    public UiEventArchiver(Settings settings, RedisConnections redis, MariaDbUiEventArchive archive, Listener listener,
            pos.hub.archive.EntryAttribution attribution) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(listener, "listener");
        StreamArchiverSettings streamSettings = StreamArchiverSettings
                .of(settings.streamKey(), settings.consumerGroup(), settings.consumerName(), settings.batchSize(),
                        settings.period())
                .withClaimMinIdle(settings.claimMinIdle())
                .deadLetteredTo(settings.deadLetterKey(), "entry"); // "id" is the event's own field
        this.loop = new StreamArchiver<>("UI event archiver", UiEventArchiver.class, "pos-ui-event-archiver", streamSettings,
                redis, new UiEventSink(archive), new StreamArchiver.Listener() {
                    @Override
                    public void committed(int events, int entries) {
                        listener.batchArchived(events);
                    }
                }, attribution);
    }

    /** Starts the thread. Once only. */
    public void start() {
        loop.start();
    }

    /** Stops reading, finishes a batch in flight and closes its connections; unacknowledged entries stay pending. Idempotent. */
    @Override
    public void close() {
        loop.close();
    }

    /** Events into {@link MariaDbUiEventArchive}. */
    private record UiEventSink(MariaDbUiEventArchive archive) implements ArchiveSink<UiEvent> {

        @Override
        public void prepare() {
            archive.migrate();
        }

        @Override
        public UiEvent parse(StreamMessage<String, String> entry) {
            return UiEventArchiver.parse(entry.getBody());
        }

        /** @return the events in the batch, as the listener counts them */
        @Override
        public int write(List<UiEvent> events) {
            archive.store(events);
            return events.size();
        }

        @Override
        public String lostStreamConsequence() {
            return "events handed on but not archived are only in the tills' journals";
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
}
