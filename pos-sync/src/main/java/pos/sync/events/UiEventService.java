package pos.sync.events;

import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.events.ConversionReports;
import pos.core.events.EventSink;
import pos.sync.SyncSettings;
import pos.contract.redis.RedisConnections;

/**
 * The till's buried points (R19) end to end: the {@link JournaledEventSink} the screens record
 * into, the {@link SqliteUiEventJournal} it writes, the {@link UiEventOutbox} to the Redis events
 * stream when sync is on (the store hub archives them into MariaDB), and the {@link ConversionReports} over the journal. Thread-safe. Open, {@link #start()}, {@link #close()}.
 *
 * <pre>{@code
 * UiEventService events = UiEventService.open(syncSettings, dataDir);
 * events.start();
 * EventRecorder recorder = new EventRecorder(events.sink(), tillId, clock);
 * recorder.pageShown(PageIds.TENDER_CARD);
 * ConversionReport today = events.reports().between(from, to);   // off the FX thread
 * events.close();                                                   // flushes queued events first
 * }</pre>
 *
 * <p>Path of an event: {@code record} (never blocks) → in-memory queue → SQLite {@code ui_events}
 * (batches, fsynced) → Redis stream {@value UiEventOutbox#DEFAULT_STREAM_KEY} → MariaDB
 * {@code ui_events} (≤ N per transaction, upserts by event id, XACK after commit). Events wait in
 * SQLite while Redis is down and in the stream while MariaDB is down.
 */
public final class UiEventService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UiEventService.class);

    private final SyncSettings settings;
    private final String streamKey;
    private final SqliteUiEventJournal journal;
    private final JournaledEventSink sink;
    private final SqliteConversionReports reports;
    private boolean started; // guarded by this
    private boolean closed; // guarded by this
    private RedisConnections redis; // guarded by this
    /** The till's Redis client when the caller shares it (the caller closes it), else null: this service opens its own. */
    private final RedisConnections sharedRedis;
    private UiEventOutbox outbox; // guarded by this

    private UiEventService(SyncSettings settings, String streamKey, SqliteUiEventJournal journal, RedisConnections sharedRedis) {
        this.settings = settings;
        this.sharedRedis = sharedRedis;
        this.streamKey = streamKey;
        this.journal = journal;
        this.sink = new JournaledEventSink(journal);
        this.reports = new SqliteConversionReports(journal);
    }

    /**
     * Opens the event journal in {@code dataDir} (the till's journal file) and starts the sink's
     * writer; sync begins with {@link #start()}.
     *
     * @throws pos.core.journal.JournalWriteException if the journal cannot be opened
     */
    public static UiEventService open(SyncSettings settings, Path dataDir) {
        return open(settings, dataDir, UiEventOutbox.DEFAULT_STREAM_KEY);
    }

    /** As {@link #open(SyncSettings, Path)}, on the events stream {@code streamKey}. */
    public static UiEventService open(SyncSettings settings, Path dataDir, String streamKey) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(streamKey, "streamKey");
        return new UiEventService(settings, streamKey, SqliteUiEventJournal.open(dataDir), null);
    }

    /**
     * As {@link #open(SyncSettings, Path)}, handing events on through the till's one Redis client {@code redis}
     * (issue 11: one client per till), which the caller opened and closes after {@link #close()}; this service
     * closes only the connections it dials. {@code redis} may be null (sync off, or the service opens its own).
     */
    public static UiEventService open(SyncSettings settings, Path dataDir, RedisConnections redis) {
        Objects.requireNonNull(settings, "settings");
        return new UiEventService(settings, UiEventOutbox.DEFAULT_STREAM_KEY, SqliteUiEventJournal.open(dataDir), redis);
    }

    /** Starts handing events on . Never blocks on the network. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("the UI event service was already started or closed");
        }
        started = true;
        if (!settings.syncEnabled()) {
            log.info("UI events stay in the journal {} (sync off)", journal.file());
            return;
        }
        redis = sharedRedis != null ? sharedRedis : settings.connectRedis();
        outbox = new UiEventOutbox(journal, redis, streamKey, UiEventOutbox.DEFAULT_BATCH_SIZE, UiEventOutbox.DEFAULT_PERIOD,
                settings.signer());
        outbox.start();
    }

    /** Where the screens record events; never blocks, never throws. */
    public EventSink sink() {
        return sink;
    }

    /** The conversion report over this till's journal (disk reads: call off the FX thread). */
    public ConversionReports reports() {
        return reports;
    }

    /** The event journal (for the status bar, tests and support). */
    public SqliteUiEventJournal journal() {
        return journal;
    }

    /** Events dropped because the queue was full or closed (should stay 0). */
    public long lost() {
        return sink.lost();
    }

    /** Writes the queued events, stops sync and closes the journal; events not yet handed on stay in it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sink.close();
        if (outbox != null) {
            outbox.close();
        }
        if (redis != null && redis != sharedRedis) {
            redis.close();
        }
        journal.close();
        if (sink.lost() > 0) {
            log.error("{} UI events were lost in this run (queue full or closed)", sink.lost());
        }
    }
}
