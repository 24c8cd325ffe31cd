package pos.sync.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.events.EventSink;
import pos.core.events.UiEvent;
import pos.core.retry.Backoff;

/**
 * The till's {@link EventSink} (R19): {@link #record} only offers the event to a bounded in-memory
 * queue and returns, so the JavaFX thread never waits for a disk; a background thread
 * ("pos-ui-events") takes what has queued up and writes it to the {@link SqliteUiEventJournal} in
 * batches of at most {@link #MAX_BATCH} (one transaction, one fsync each). Thread-safe.
 *
 * <p>Loss: the queue holds {@value #DEFAULT_CAPACITY} events, minutes of clicks at any human
 * rate; a batch write takes milliseconds. Only if the disk stalls for that long does the queue
 * fill; then further events are dropped, counted ({@link #lost()}) and logged (the first one and
 * every {@value #LOG_EVERY_LOST}th), rather than blocking the till. A batch that cannot be written
 * is kept in memory and retried (back-off up to {@link #MAX_RETRY_PAUSE}); it is given up, and
 * counted as lost, only when the sink is closed while the journal still refuses it.
 *
 * <p>{@link #close()} stops accepting events and writes everything queued before it returns.
 */
public final class JournaledEventSink implements EventSink, AutoCloseable {

    /** Events the queue holds by default. */
    public static final int DEFAULT_CAPACITY = 16_384;
    /** The most events per SQLite transaction. */
    public static final int MAX_BATCH = 500;
    /** The first pause before a batch the journal refused is tried again. */
    public static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(50);
    /** The longest pause between retries of a batch the journal refused. */
    public static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);
    /** How long {@link #close()} waits for the queue to drain. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final int LOG_EVERY_LOST = 1_000;
    private static final Logger log = LoggerFactory.getLogger(JournaledEventSink.class);

    private final SqliteUiEventJournal journal;
    private final BlockingQueue<UiEvent> queue;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    /** A sink into {@code journal} with the default capacity; the thread starts at once. */
    public JournaledEventSink(SqliteUiEventJournal journal) {
        this(journal, DEFAULT_CAPACITY);
    }

    /** As {@link #JournaledEventSink(SqliteUiEventJournal)} with a queue of {@code capacity} events. */
    public JournaledEventSink(SqliteUiEventJournal journal, int capacity) {
        this.journal = Objects.requireNonNull(journal, "journal");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::run, "pos-ui-events");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues the event; never blocks, never throws. A null event is ignored. */
    @Override
    public void record(UiEvent event) {
        if (event == null) {
            return;
        }
        if (!accepting || !queue.offer(event)) {
            long total = lost.incrementAndGet();
            if (total == 1 || total % LOG_EVERY_LOST == 0) {
                log.error("UI event {} {} of {} not kept: {} ({} UI events lost so far)", event.kind(), event.targetId(),
                        event.clientId(), accepting ? "the event queue of " + (queue.size() + queue.remainingCapacity())
                                + " is full (is the journal's disk stalled?)" : "the event sink is closed", total);
            }
        }
    }

    /** Events dropped because the queue was full or the sink closed. */
    public long lost() {
        return lost.get();
    }

    /** Events committed to the journal by this sink (duplicates of stored ids not counted). */
    public long written() {
        return written.get();
    }

    /** Events queued and not yet written. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        List<UiEvent> batch = new ArrayList<>(MAX_BATCH);
        Backoff backoff = new Backoff(FIRST_RETRY_PAUSE, MAX_RETRY_PAUSE);
        while (true) {
            if (batch.isEmpty()) {
                try {
                    UiEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (!running) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    giveUp(batch, "interrupted");
                    return;
                }
                queue.drainTo(batch, MAX_BATCH - 1);
            }
            try {
                written.addAndGet(journal.appendAll(batch));
                batch.clear();
                backoff.reset();
            } catch (RuntimeException e) {
                if (!running) {
                    giveUp(batch, e.getMessage());
                    return;
                }
                long pauseMillis = backoff.next().toMillis();
                log.error("Could not journal {} UI events (kept in memory, retrying in {} ms; {} more queued)",
                        batch.size(), pauseMillis, queue.size(), e);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    giveUp(batch, "interrupted");
                    return;
                }
            }
        }
    }

    private void giveUp(List<UiEvent> batch, String reason) {
        List<UiEvent> dropped = new ArrayList<>(batch);
        queue.drainTo(dropped);
        if (!dropped.isEmpty()) {
            long total = lost.addAndGet(dropped.size());
            log.error("{} UI events not journaled at shutdown ({}); {} UI events lost in all", dropped.size(), reason, total);
        }
    }

    /**
     * Stops accepting events, writes those queued (waiting up to {@link #CLOSE_TIMEOUT}) and stops
     * the thread. Idempotent. It does not close the journal.
     */
    @Override
    public void close() {
        accepting = false;
        running = false;
        if (Thread.currentThread() == writer) {
            return;
        }
        try {
            writer.join(CLOSE_TIMEOUT.toMillis());
            if (writer.isAlive()) {
                log.error("The UI event writer is still busy after {} ms with {} events queued; they may be lost",
                        CLOSE_TIMEOUT.toMillis(), queue.size());
                writer.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
