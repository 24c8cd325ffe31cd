package pos.sync.outbox;

import java.time.Duration;
import java.util.Map;
import pos.contract.redis.RedisConnections;
import pos.sync.auth.StreamSigner;
import pos.sync.journal.JournalEntry;
import pos.sync.journal.SqliteSaleJournal;

/**
 * Hands journaled sales on to the store's Redis archive stream: a {@link StreamOutbox} over the
 * sales journal, on a thread of its own ("pos-outbox"). Thread-safe.
 *
 * <p>Each entry's fields are {@code tx} = transaction id, {@code kind}, {@code payload} = the sale
 * record as JSON (the journal's bytes, unchanged), signed by the till. The journal never waits for
 * the outbox: an append only wakes its thread, so a sale is pushed within milliseconds while Redis
 * is up; through Sentinel a batch counts only once a replica has it. When idle it pings Redis every
 * {@link #HEARTBEAT} so the status stays true; while Redis is unreachable it retries with the
 * {@link StreamOutbox} back-off.
 */
public final class Outbox implements AutoCloseable {

    /** The archive stream's default key. */
    public static final String DEFAULT_STREAM_KEY = pos.contract.sale.SaleStream.KEY;
    /** Rows handed on per round by default. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** How often an idle outbox checks that Redis still answers. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final StreamOutbox<JournalEntry> loop;

    /**
     * An outbox from {@code journal} to the stream {@code streamKey} on the Redis that
     * {@code redis} connects to, each entry signed by {@code signer} (a till without a credential
     * holds: nothing is written, the journal keeps every sale, and the status says what to configure).
     * It does not own the journal or the connections; {@link #start()} begins the work.
     */
    public Outbox(SqliteSaleJournal journal, RedisConnections redis, String streamKey, int batchSize,
            StreamOutbox.Listener listener, StreamSigner signer) {
        this.loop = new StreamOutbox<>(Outbox.class,
                new StreamOutbox.Settings("Outbox", "sales", streamKey, batchSize, HEARTBEAT, true, true),
                journal, Outbox::entry, redis, signer, listener);
    }

    /** The stream entry of one journaled sale, before signing. */
    static Map<String, String> entry(JournalEntry row) {
        return Map.of("tx", row.transactionId(), "kind", row.kind(), "payload", row.payload());
    }

    /** Starts the background thread. Once only. */
    public void start() {
        loop.start();
    }

    /** Asks the outbox to look at the journal now (every append does). Never blocks. */
    public void wake() {
        loop.wake();
    }

    /** The latest status. */
    public StreamOutbox.Status status() {
        return loop.status();
    }

    /** Stops the thread after a round in flight; rows not handed on stay in the journal. Idempotent. */
    @Override
    public void close() {
        loop.close();
    }
}
