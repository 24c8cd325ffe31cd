package pos.app.start;

import java.nio.file.Path;
import pos.contract.redis.RedisConnections;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.sync.events.UiEventService;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The till's sync (R7–R10, R19): the sale outbox and the UI events, both through the till's one Redis client.
 * Opened with the journal and the client it is given (their owner closes them); {@link #start()} starts handing
 * on; {@link #close()} lets queued events be written and stops both. Start and close on one thread.
 */
public final class SyncModule implements AutoCloseable {

    private final SyncService sales;
    private final UiEventService events;

    /**
     * Opens the event journal in {@code dataDir}; sales and events go through {@code redis} (null: sync off).
     *
     * @throws pos.core.journal.JournalWriteException if the event journal cannot be opened
     */
    public SyncModule(SyncSettings settings, SqliteSaleJournal journal, RedisConnections redis, Path dataDir) {
        this.sales = new SyncService(settings, journal, redis);
        try {
            this.events = UiEventService.open(settings, dataDir, redis);
        } catch (RuntimeException e) {
            sales.stop();
            throw e;
        }
    }

    /** Starts handing sales and events on (never blocks on the network). */
    public void start() {
        sales.start();
        events.start();
    }

    public SyncService sales() {
        return sales;
    }

    public UiEventService events() {
        return events;
    }

    @Override
    public void close() {
        events.close();
        sales.stop();
    }
}
