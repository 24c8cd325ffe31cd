package pos.sync.events;

import java.time.Duration;
import java.util.Map;
import pos.contract.redis.RedisConnections;
import pos.core.events.UiEvent;
import pos.sync.auth.StreamSigner;
import pos.sync.outbox.StreamOutbox;

/**
 * Hands journaled UI events (R19) on to the store's Redis events stream ({@value #DEFAULT_STREAM_KEY}):
 * a {@link StreamOutbox} over the UI event journal, on a thread of its own ("pos-ui-event-outbox").
 * Thread-safe.
 *
 * <p>One entry per event, fields {@code id}, {@code kind}, {@code client}, {@code target},
 * {@code at} = epoch milliseconds, signed by the till. The hub's UiEventArchiver writes
 * idempotently by event id. Events are not urgent: the outbox looks every {@code period} rather
 * than on each click, and backs off while Redis is unreachable; the events stay in SQLite until
 * they are handed on.
 */
public final class UiEventOutbox implements AutoCloseable {

    /** The events stream's default key. */
    public static final String DEFAULT_STREAM_KEY = pos.contract.events.EventStream.KEY;
    /** Events per round by default. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** How often an idle outbox looks for new events by default. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

    private final StreamOutbox<SqliteUiEventJournal.StoredEvent> loop;

    /**
     * An outbox from {@code journal} to {@code streamKey} on the Redis {@code redis} connects to, each entry
     * signed by {@code signer} (without a credential it holds and the journal keeps the events); it owns neither.
     */
    public UiEventOutbox(SqliteUiEventJournal journal, RedisConnections redis, String streamKey, int batchSize, Duration period,
            StreamSigner signer) {
        this.loop = new StreamOutbox<>(UiEventOutbox.class,
                new StreamOutbox.Settings("UI event outbox", "events", streamKey, batchSize, period,
                        false, false),
                journal, UiEventOutbox::entry, redis, signer, StreamOutbox.Listener.NONE);
    }

    /** The stream entry of one journaled event, before signing. */
    static Map<String, String> entry(SqliteUiEventJournal.StoredEvent stored) {
        UiEvent e = stored.event();
        return Map.of("id", e.id(), "kind", e.kind().name(), "client", e.clientId(), "target", e.targetId(),
                "at", Long.toString(e.at().toEpochMilli()));
    }

    /** Starts the thread. Once only. */
    public void start() {
        loop.start();
    }

    /** True after the last round reached Redis. */
    public boolean online() {
        return loop.status().online();
    }

    /** Stops the thread (waiting for a round in flight); events not handed on stay in the journal. Idempotent. */
    @Override
    public void close() {
        loop.close();
    }
}
