package pos.sync.outbox;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.loop.BackgroundLoop;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;
import pos.core.retry.Backoff;
import pos.sync.auth.MissingTillCredentialException;
import pos.sync.auth.StreamSigner;
import pos.sync.journal.HandOverJournal;

/**
 * The one loop that hands a till's journaled rows on to a Redis stream, on a background thread of
 * its own; what it carries is the {@link HandOverJournal} it reads and the mapping from a row to
 * a stream entry's fields. The sales {@link Outbox} and the UI event outbox are both one.
 * Thread-safe.
 *
 * <p>Each round reads at most {@link Settings#batchSize()} rows after the sync position, signs
 * them all (no credential: nothing is written, the rows stay in the journal and the status says
 * what to configure), {@code XADD}s one entry per row (pipelined) and, only once Redis has
 * acknowledged every one (and, with {@link Settings#awaitReplication()}, a replica has them),
 * moves the sync position past them. Delivery is at least once: a crash or an outage between the
 * XADDs and the move sends those rows again, and the hub's archivers write idempotently. The
 * stream is never trimmed here: a MAXLEN cap could drop rows not yet archived.
 *
 * <p>When a round finds nothing more, the loop waits up to {@link Settings#idleWait()}; an append
 * to a journal that tells of its appends ({@link HandOverJournal#onAppend}) or a call to
 * {@link #wake()} ends the wait at once. While idle it pings Redis when offline, and, with
 * {@link Settings#heartbeat()}, whenever {@code idleWait} has passed since the last contact, so
 * the status stays true. While Redis is unreachable it reports offline with a plain reason and
 * retries after a {@link Backoff} from {@link #FIRST_BACKOFF} doubling to {@link #MAX_BACKOFF}. The
 * thread, the waits and the pauses are a {@link BackgroundLoop}'s.
 *
 * @param <R> one journal row
 */
public final class StreamOutbox<R extends HandOverJournal.Row> implements AutoCloseable {

    /** The pause after the first failed round. */
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** The longest wait between attempts while Redis is unreachable. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** What an outbox tells its listener. Calls come from the outbox's thread and must return quickly. */
    public interface Listener {

        /** A listener that ignores everything. */
        Listener NONE = new Listener() {
        };

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

    /**
     * How one outbox behaves. Immutable.
     *
     * @param name             what the log calls it, e.g. "Outbox", "UI event outbox"; its thread is
     *                         "pos-" and the name in lower case with dashes
     * @param rowsName         what its rows are called in the log, e.g. "sales"
     * @param streamKey        the stream it writes to
     * @param batchSize        the most rows per round (at least 1)
     * @param idleWait         how long an idle outbox waits before it looks again
     * @param heartbeat        whether an idle outbox pings Redis every {@code idleWait} while online
     * @param awaitReplication whether a round counts only once a replica has it (Sentinel)
     */
    public record Settings(String name, String rowsName, String streamKey, int batchSize, Duration idleWait,
            boolean heartbeat, boolean awaitReplication) {
        public Settings {
            if (name == null || rowsName == null || streamKey == null || idleWait == null) {
                throw new NullPointerException("an outbox needs a name, a name for its rows, a stream key and an idle wait");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
            }
        }

        String threadName() {
            return "pos-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        }
    }

    private final Logger log;
    private final Settings settings;
    private final HandOverJournal<R> journal;
    private final Function<R, Map<String, String>> toEntry;
    private final RedisLink link;
    private final StreamSigner signer;
    private final Listener listener;
    private final long heartbeatNanos; // 0: no heartbeat
    private final long awaitMillis;
    private final BackgroundLoop loop;
    private volatile Status status;
    private AutoCloseable appendSubscription; // guarded by this
    private long lastContactNanos; // outbox thread only

    /**
     * An outbox from {@code journal} to {@code settings.streamKey()} on the Redis {@code redis}
     * connects to, each row's entry made by {@code toEntry} (the fields before signing) and signed
     * by {@code signer}. It owns neither the journal nor the connections; {@link #start()} begins.
     *
     * @param owner the class whose logger it logs with (the outbox that uses it)
     */
    public StreamOutbox(Class<?> owner, Settings settings, HandOverJournal<R> journal,
            Function<R, Map<String, String>> toEntry, RedisConnections redis, StreamSigner signer, Listener listener) {
        this.log = LoggerFactory.getLogger(Objects.requireNonNull(owner, "owner"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.toEntry = Objects.requireNonNull(toEntry, "toEntry");
        this.link = new RedisLink(Objects.requireNonNull(redis, "redis"), settings.name());
        this.signer = Objects.requireNonNull(signer, "signer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.heartbeatNanos = settings.heartbeat() ? settings.idleWait().toNanos() : 0;
        // The command itself times out after COMMAND_TIMEOUT; this bound is only a backstop.
        this.awaitMillis = RedisConnections.COMMAND_TIMEOUT.toMillis() * 2;
        this.status = new Status(false, "connecting to redis " + redis.endpoint());
        this.loop = new BackgroundLoop(settings.name(), settings.threadName(), new Backoff(FIRST_BACKOFF, MAX_BACKOFF),
                settings.idleWait(), new BackgroundLoop.Rounds() {
                    @Override
                    public boolean round() throws InterruptedException {
                        return pushOnce();
                    }

                    @Override
                    public void succeeded() {
                        changeStatus(new Status(true, ""));
                    }

                    @Override
                    public void failed(RuntimeException failure) {
                        goOffline(failure);
                    }
                });
    }

    /** Starts the background thread and listens for appends. Once only. */
    public synchronized void start() {
        loop.start();
        appendSubscription = journal.onAppend(loop::wake);
    }

    /** Asks the outbox to look at the journal now. Never blocks. */
    public void wake() {
        loop.wake();
    }

    /** The latest status. */
    public Status status() {
        return status;
    }

    /**
     * Stops the thread, waiting for a round in flight (up to twice the Redis command timeout); rows
     * not handed on stay in the journal for next time. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            loop.stop();
            if (appendSubscription != null) {
                try {
                    appendSubscription.close();
                } catch (Exception e) {
                    log.warn("Could not remove the {}'s journal listener", settings.name(), e);
                }
                appendSubscription = null;
            }
        }
        loop.join(Duration.ofMillis(awaitMillis));
        link.close();
    }

    /** One round; true if a full batch went out (so more may be waiting). */
    private boolean pushOnce() throws InterruptedException {
        List<R> rows = journal.readAfter(journal.handedOnSeq(), settings.batchSize());
        if (rows.isEmpty()) {
            boolean heartbeatDue = heartbeatNanos > 0 && System.nanoTime() - lastContactNanos >= heartbeatNanos;
            if (heartbeatDue || !status.online()) {
                await(link.get().async().ping());
                lastContactNanos = System.nanoTime();
            }
            return false;
        }
        List<Map<String, String>> signed = new ArrayList<>(rows.size());
        for (R row : rows) { // all signed before any is written: no credential, nothing written
            signed.add(signer.sign(toEntry.apply(row)));
        }
        RedisAsyncCommands<String, String> redis = link.get().async();
        List<RedisFuture<String>> replies = new ArrayList<>(rows.size());
        for (Map<String, String> fields : signed) {
            replies.add(redis.xadd(settings.streamKey(), fields));
        }
        for (RedisFuture<String> reply : replies) {
            await(reply);
        }
        long upTo = rows.get(rows.size() - 1).seq();
        if (settings.awaitReplication()) {
            // Through Sentinel, a batch counts only once a replica has it: a failover must not forget
            // rows the journal already marked as handed on (a batch sent twice is archived once).
            link.awaitReplication("the " + settings.rowsName() + " up to journal entry " + upTo);
        }
        journal.markHandedOn(upTo);
        lastContactNanos = System.nanoTime();
        log.debug("Handed on {} {} up to seq {} to {}", rows.size(), settings.rowsName(), upTo, settings.streamKey());
        listener.handedOn(upTo, rows.size());
        return rows.size() == settings.batchSize();
    }

    private <T> T await(RedisFuture<T> reply) throws InterruptedException {
        try {
            return reply.get(awaitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw link.failed(e);
        }
    }

    private void goOffline(RuntimeException failure) {
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (status.online() || !status.detail().equals(detail)) {
            long backlog = safeBacklog();
            if (failure instanceof UnableToReachRedisException || failure instanceof MissingTillCredentialException) {
                log.warn("{} offline, {} {} waiting in the journal: {}", settings.name(), backlog, settings.rowsName(), detail);
            } else {
                log.warn("{} offline, {} {} waiting in the journal: {}", settings.name(), backlog, settings.rowsName(), detail,
                        failure);
            }
        }
        changeStatus(new Status(false, detail));
    }

    private long safeBacklog() {
        try {
            return journal.backlog();
        } catch (RuntimeException e) {
            log.debug("Could not count the {}'s backlog for a log line", settings.name(), e);
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
            log.info("{} online: handing {} on to redis {} stream {}", settings.name(), settings.rowsName(), link.endpoint(),
                    settings.streamKey());
        }
        try {
            listener.statusChanged(next);
        } catch (RuntimeException e) {
            log.error("{} status listener failed", settings.name(), e);
        }
    }
}
