package pos.sync;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.sync.SyncMonitor;
import pos.core.sync.SyncState;
import pos.core.sync.SyncStatus;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.outbox.Outbox;
import pos.sync.outbox.StreamOutbox;
import pos.contract.redis.RedisConnections;

/**
 * pos-sync's root service: runs the outbox from the till's journal to Redis (the store hub's
 * archivers take the sales on into MariaDB) and reports sync for the status bar.
 * Thread-safe. Start once; stop is idempotent.
 *
 * <p>Wiring (in the app): open the journal, hand it to the sale screens as their
 * {@link pos.core.journal.SaleJournal}, and to this service:
 * <pre>{@code
 * SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
 * SyncService sync = new SyncService(SyncSettings.standalone("till-1").withRedis("redis://hub:6379/0"), journal);
 * sync.onChange(status -> UiThread.run(() -> statusBar.show(status)));
 * sync.start();
 * ...
 * sync.stop();
 * journal.close();
 * }</pre>
 *
 * <p>Status: {@link SyncState#OFF} when no Redis is configured (the backlog still counts the
 * sales never handed on); otherwise {@link SyncState#ONLINE} once the outbox has reached Redis and
 * {@link SyncState#OFFLINE} with a plain reason while it cannot. The backlog is the number of
 * journaled sales not yet handed on to Redis. Listeners run on one background thread
 * ("pos-sync-status"), in order, and only when the status changed.
 */
public final class SyncService implements SyncMonitor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final SyncSettings settings;
    private final SqliteSaleJournal journal;
    private final CopyOnWriteArrayList<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile SyncStatus current;

    private boolean started; // guarded by this
    private volatile boolean stopped;
    private AutoCloseable appendSubscription; // guarded by this
    private RedisConnections redis; // guarded by this
    /** The till's Redis client when the caller shares it (the caller closes it), else null: this service opens its own. */
    private final RedisConnections sharedRedis;
    private volatile Outbox outbox;

    /**
     * A service for {@code journal}, which the caller keeps and closes after {@link #stop()}; it opens a Redis client of
     * its own from {@code settings} and closes it on {@link #stop()}.
     */
    public SyncService(SyncSettings settings, SqliteSaleJournal journal) {
        this(settings, journal, null);
    }

    /**
     * A service for {@code journal} handing sales on through the till's one Redis client {@code redis} (issue 11: one
     * client per till), which the caller opened and closes after {@link #stop()}; this service closes only the
     * connections it dials. {@code redis} may be null (sync off, or the service opens its own from {@code settings}).
     */
    public SyncService(SyncSettings settings, SqliteSaleJournal journal, RedisConnections redis) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.sharedRedis = redis;
        this.notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pos-sync-status");
            t.setDaemon(true);
            return t;
        });
        this.current = settings.syncEnabled()
                ? new SyncStatus(SyncState.OFFLINE, journal.backlog(), "sync not started")
                : SyncStatus.off(journal.backlog());
    }

    /**
     * Starts handing sales on. Never blocks on the network: a Redis that is down only makes the status OFFLINE until it is back.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the sync service was already started");
        }
        started = true;
        appendSubscription = journal.onAppend(this::refresh);
        if (settings.syncEnabled()) {
            redis = sharedRedis != null ? sharedRedis : settings.connectRedis();
            outbox = new Outbox(journal, redis, settings.archiveStreamKey(), Outbox.DEFAULT_BATCH_SIZE, new StreamOutbox.Listener() {
                @Override
                public void statusChanged(StreamOutbox.Status status) {
                    refresh();
                }

                @Override
                public void handedOn(long upToSeq, int count) {
                    refresh();
                }
            }, settings.signer());
            outbox.start();
            log.info("Sync started for till {}: {}", settings.tillId(), settings);
        } else {
            log.info("Sync is off for till {}: sales stay in the journal {}", settings.tillId(), journal.file());
        }
        refresh();
    }

    /** Stops the outbox; what was not handed on stays in the journal. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        closeQuietly(appendSubscription, "journal listener");
        if (outbox != null) {
            outbox.close();
        }
        if (redis != null && redis != sharedRedis) {
            redis.close();
        }
        if (started) {
            refresh();
        }
        notifier.shutdown();
        try {
            notifier.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Sync stopped for till {}", settings.tillId());
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The latest status (refreshed in the background on every change). */
    @Override
    public SyncStatus current() {
        return current;
    }

    /**
     * Registers a listener for status changes. It is also called once soon with the current status,
     * so it cannot miss a change that happens while it registers. Calls come on the
     * "pos-sync-status" thread.
     */
    @Override
    public AutoCloseable onChange(Consumer<SyncStatus> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        submit(() -> deliver(listener, current));
        return () -> listeners.remove(listener);
    }

    /** The settings this service runs with. */
    public SyncSettings settings() {
        return settings;
    }

    private void refresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            submit(this::publish);
        }
    }

    private void submit(Runnable task) {
        try {
            notifier.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopped: nobody is told any more.
            log.debug("Sync status update after stop ignored");
            refreshQueued.set(false);
        }
    }

    private void publish() {
        refreshQueued.set(false);
        SyncStatus next;
        try {
            next = compute();
        } catch (RuntimeException e) {
            log.error("Could not compute the sync status", e);
            return;
        }
        if (next.equals(current)) {
            return;
        }
        current = next;
        for (Consumer<SyncStatus> listener : listeners) {
            deliver(listener, next);
        }
    }

    private SyncStatus compute() {
        long backlog = journal.backlog();
        if (!settings.syncEnabled()) {
            return SyncStatus.off(backlog);
        }
        Outbox running = outbox;
        if (running == null) {
            return new SyncStatus(SyncState.OFFLINE, backlog, "sync not started");
        }
        if (stopped) {
            return new SyncStatus(SyncState.OFFLINE, backlog, "sync stopped");
        }
        StreamOutbox.Status status = running.status();
        return status.online()
                ? new SyncStatus(SyncState.ONLINE, backlog, "")
                : new SyncStatus(SyncState.OFFLINE, backlog, status.detail());
    }

    private static void deliver(Consumer<SyncStatus> listener, SyncStatus status) {
        try {
            listener.accept(status);
        } catch (RuntimeException e) {
            log.error("Sync status listener failed", e);
        }
    }

    private static void closeQuietly(AutoCloseable resource, String what) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Could not close the {}", what, e);
        }
    }
}
