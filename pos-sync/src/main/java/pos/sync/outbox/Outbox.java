package pos.sync.outbox;

import pos.sync.auth.MissingTillCredentialException;
import pos.sync.auth.StreamSigner;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.sync.journal.JournalEntry;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;

/**
 * Hands journaled sales on to the store's Redis archive stream, on a background thread of its
 * own. Thread-safe.
 *
 * <p>Each round reads the journal rows after the sync position (at most {@code batchSize}),
 * {@code XADD}s each one to the stream (pipelined; fields {@code tx} = transaction id,
 * {@code kind}, {@code payload} = the sale record as JSON) and, once Redis has acknowledged them
 * all, moves the sync position past them. Delivery is at least once: a crash or an outage between
 * the XADDs and the move sends those rows again, and the archiver's writes are idempotent by
 * transaction id. The stream is never trimmed here: a MAXLEN cap could drop unarchived sales.
 *
 * <p>The journal never waits for the outbox: an append only releases a permit that wakes this
 * thread, so a sale is pushed within milliseconds while Redis is up. While Redis is unreachable
 * the outbox reports offline with a plain reason and retries with exponential back-off (100 ms
 * doubling to {@link #MAX_BACKOFF}); when idle it pings Redis every {@link #HEARTBEAT} so the
 * status stays true.
 */
public final class Outbox implements AutoCloseable {

    /** The archive stream's default key. */
    public static final String DEFAULT_STREAM_KEY = pos.contract.sale.SaleStream.KEY;
    /** Rows handed on per round by default. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The longest wait between attempts while Redis is unreachable. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How often an idle outbox checks that Redis still answers. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** What the outbox tells its listener. Calls come from the outbox's thread and must return quickly. */
    public interface Listener {
        /** Redis became reachable or unreachable. */
        default void statusChanged(Status status) {
        }

        /** Rows up to {@code upToSeq} were handed on ({@code count} of them in this round). */
        default void handedOn(long upToSeq, int count) {
        }
    }

    /**
     * Whether the outbox can reach Redis. Immutable.
     *
     * @param online true after a successful round trip, false after a failure or before the first try
     * @param detail the reason when offline, e.g. "redis 127.0.0.1:6379: connection refused"; empty when online
     */
    public record Status(boolean online, String detail) {
        public Status {
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final SqliteSaleJournal journal;
    private final RedisLink link;
    private final String streamKey;
    private final int batchSize;
    private final Listener listener;
    private final StreamSigner signer;
    private final Semaphore wakeUps = new Semaphore(0);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile Status status;
    private volatile boolean running;
    private AutoCloseable appendSubscription;
    private long lastContactNanos;

    /**
     * An outbox from {@code journal} to the stream {@code streamKey} on the Redis that
     * {@code redis} connects to, each entry signed by {@code signer} (a till without a credential
     * holds: nothing is written, the journal keeps every sale, and the status says what to configure).
     * It does not own the journal or the connections; {@link #start()} begins the work.
     */
    public Outbox(SqliteSaleJournal journal, RedisConnections redis, String streamKey, int batchSize, Listener listener,
            StreamSigner signer) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.link = new RedisLink(Objects.requireNonNull(redis, "redis"), "outbox");
        this.streamKey = Objects.requireNonNull(streamKey, "streamKey");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.batchSize = batchSize;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.status = new Status(false, "connecting to redis " + redis.endpoint());
        this.thread = new Thread(this::run, "pos-outbox");
        this.thread.setDaemon(true);
    }

    /** Starts the background thread. Once only. */
    public synchronized void start() {
        if (appendSubscription != null) {
            throw new IllegalStateException("the outbox was already started");
        }
        appendSubscription = journal.onAppend(this::wake);
        running = true;
        thread.start();
    }

    /** Asks the outbox to look at the journal now (called on every append). Never blocks. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** The latest status. */
    public Status status() {
        return status;
    }

    /**
     * Stops the thread, waiting up to a few seconds for a round in flight; rows it had not handed
     * on stay in the journal for next time. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
            if (appendSubscription != null) {
                try {
                    appendSubscription.close();
                } catch (Exception e) {
                    log.warn("Could not remove the outbox's journal listener", e);
                }
            }
        }
        stopped.countDown();
        wakeUps.release();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(RedisConnections.COMMAND_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        link.close();
    }

    private void run() {
        long backoffMillis = FIRST_BACKOFF.toMillis();
        while (running) {
            boolean more;
            try {
                more = pushOnce();
                backoffMillis = FIRST_BACKOFF.toMillis();
                changeStatus(new Status(true, ""));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                goOffline(e);
                if (!pause(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
                continue;
            }
            if (!more) {
                try {
                    wakeUps.tryAcquire(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round; true if a full batch went out (so more may be waiting). */
    private boolean pushOnce() throws InterruptedException {
        long position = journal.handedOnSeq();
        List<JournalEntry> entries = journal.readAfter(position, batchSize);
        if (entries.isEmpty()) {
            if (System.nanoTime() - lastContactNanos >= HEARTBEAT.toNanos() || !status.online()) {
                ping();
            }
            return false;
        }
        List<Map<String, String>> signed = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) { // all signed before any is written: no credential, nothing written
            signed.add(signer.sign(Map.of("tx", entry.transactionId(), "kind", entry.kind(), "payload", entry.payload())));
        }
        RedisAsyncCommands<String, String> redis = link.get().async();
        List<RedisFuture<String>> replies = new ArrayList<>(entries.size());
        for (Map<String, String> fields : signed) {
            replies.add(redis.xadd(streamKey, fields));
        }
        for (RedisFuture<String> reply : replies) {
            await(reply);
        }
        long upTo = entries.get(entries.size() - 1).seq();
        // Through Sentinel, a batch counts only once a replica has it: a failover must not forget
        // sales the journal already marked as handed on (a batch sent twice is archived once).
        link.awaitReplication("the sales up to journal entry " + upTo);
        journal.markHandedOn(upTo);
        lastContactNanos = System.nanoTime();
        log.debug("Handed on {} sales up to seq {} to {}", entries.size(), upTo, streamKey);
        listener.handedOn(upTo, entries.size());
        return entries.size() == batchSize;
    }

    private void ping() throws InterruptedException {
        await(link.get().async().ping());
        lastContactNanos = System.nanoTime();
    }

    private <T> T await(RedisFuture<T> reply) throws InterruptedException {
        try {
            // The command itself times out after COMMAND_TIMEOUT; this bound is only a backstop.
            return reply.get(RedisConnections.COMMAND_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw link.failed(e);
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

    private void goOffline(RuntimeException failure) {
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (status.online() || !status.detail().equals(detail)) {
            long backlog = safeBacklog();
            if (failure instanceof UnableToReachRedisException || failure instanceof MissingTillCredentialException) {
                log.warn("Outbox offline, {} sales waiting in the journal: {}", backlog, detail);
            } else {
                log.warn("Outbox offline, {} sales waiting in the journal: {}", backlog, detail, failure);
            }
        }
        changeStatus(new Status(false, detail));
    }

    private long safeBacklog() {
        try {
            return journal.backlog();
        } catch (RuntimeException e) {
            log.debug("Could not count the backlog for a log line", e);
            return -1;
        }
    }

    private void changeStatus(Status next) {
        Status previous = status;
        if (previous.equals(next)) {
            return;
        }
        status = next;
        if (next.online() && !previous.online()) {
            log.info("Outbox online: handing sales on to redis {} stream {}", link.endpoint(), streamKey);
        }
        try {
            listener.statusChanged(next);
        } catch (RuntimeException e) {
            log.error("Outbox status listener failed", e);
        }
    }
}
