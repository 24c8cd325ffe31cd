package pos.sync.archive;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.sale.SaleRecord;
import pos.sync.journal.MalformedSaleRecordException;
import pos.sync.journal.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.redis.RedisConnections;
import pos.sync.redis.RedisLink;
import pos.sync.redis.UnableToReachRedisException;

/**
 * Moves sales from the Redis archive stream into MariaDB (R9, R10). Thread-safe: one reader
 * thread and a pool of {@code workers} writer threads.
 *
 * <p>The reader takes entries with a consumer group ({@code XGROUP CREATE … MKSTREAM} from id 0,
 * then {@code XREADGROUP … COUNT N BLOCK P1 … >}) and hands each read of at most N entries to a
 * worker. A worker writes the batch to MariaDB in one transaction with idempotent upserts and
 * acknowledges the entries ({@code XACK}) only after the commit (R10). N bounds each
 * transaction; when a read comes back full more are waiting, so the next read starts at once
 * rather than a period later (otherwise a backlog after an outage would drain at only N per
 * period).
 *
 * <p>A failed write acknowledges nothing. The reader then waits for the other workers, pauses
 * (P1, doubling up to {@link #MAX_BACKOFF}) and re-reads its own pending entries from id 0
 * before reading anything new, so the batch is retried in the next period. Entries another
 * consumer has left unacknowledged for {@code claimMinIdle} (a dead archiver) are taken over with
 * {@code XAUTOCLAIM}. An entry that cannot be archived (not a sale record, a field too long for
 * its column, or a value MariaDB refuses: then the batch is written again one sale at a time to
 * find it) is logged with its id, copied to the dead-letter stream
 * ({@link ArchiverSettings#deadLetterKey()}) with the reason, and acknowledged: it is never
 * silently dropped and never blocks the entries behind it. Entries acknowledged by every group
 * are deleted from the stream every {@code trimInterval}; nothing unacknowledged is ever trimmed.
 */
public final class Archiver implements AutoCloseable {

    /** The longest pause between retries while MariaDB or Redis is down. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Archiver.class);

    private final ArchiverSettings settings;
    private final MariaDbSaleArchive archive;
    private final ArchiverListener listener;
    private final RedisLink readLink;
    private final RedisLink commandLink;
    private final Consumer<String> consumer;
    private final ThreadPoolExecutor workers;
    private final Semaphore freeWorkers;
    private final AtomicReference<RuntimeException> workerFailure = new AtomicReference<>();
    private final Thread reader;
    private final Object pauseLock = new Object();
    private volatile boolean running;
    private boolean started; // guarded by this
    private boolean groupReady; // reader thread only
    private boolean schemaReady; // reader thread only
    private long nextClaimNanos; // reader thread only
    private long nextTrimNanos; // reader thread only
    private String lastFailure; // reader thread only

    /**
     * An archiver reading the stream on the Redis behind {@code redis} into {@code archive}. It
     * does not own either; {@link #start()} begins the work.
     */
    public Archiver(ArchiverSettings settings, RedisConnections redis, MariaDbSaleArchive archive,
            ArchiverListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.listener = Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(redis, "redis");
        this.readLink = new RedisLink(redis, "archiver blocking read");
        this.commandLink = new RedisLink(redis, "archiver");
        this.consumer = Consumer.from(settings.consumerGroup(), settings.consumerName());
        AtomicInteger threadNo = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "pos-archiver-worker-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.freeWorkers = new Semaphore(settings.workers());
        this.reader = new Thread(this::run, "pos-archiver");
        this.reader.setDaemon(true);
    }

    /** Starts the reader thread. Once only. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the archiver was already started");
        }
        started = true;
        running = true;
        reader.start();
        log.info("Archiver {} started: stream {} group {} batches of at most {} sales, {} workers, period {} ms",
                settings.consumerName(), settings.streamKey(), settings.consumerGroup(), settings.batchSize(),
                settings.workers(), settings.period().toMillis());
    }

    /**
     * Stops reading, lets batches being written finish (up to ~10 s) and closes the connections.
     * Entries read but not acknowledged stay pending for this consumer name, or for another
     * archiver to claim. Idempotent.
     */
    @Override
    public void close() {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        readLink.close(); // ends a blocking read at once
        if (reader.isAlive() && Thread.currentThread() != reader) {
            try {
                reader.join(RedisConnections.COMMAND_TIMEOUT.plus(MAX_BACKOFF).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Archiver {}: batches still being written after 10 s; they stay pending", settings.consumerName());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        commandLink.close();
    }

    private void run() {
        boolean replayOwnPending = true; // a restarted consumer first finishes what it had read
        long backoffMillis = settings.period().toMillis();
        while (running) {
            try {
                prepare();
                if (replayOwnPending) {
                    replayOwnPending();
                    replayOwnPending = false;
                }
                claimStale();
                trimArchived();
                List<StreamMessage<String, String>> fresh = readNew();
                throwWorkerFailure(); // entries just read stay pending and are replayed
                if (!fresh.isEmpty()) {
                    dispatch(fresh);
                }
                backoffMillis = settings.period().toMillis();
                recovered();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                replayOwnPending = true;
                if (!awaitIdleWorkers()) {
                    return;
                }
                workerFailure.set(null);
                reportFailure(e);
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
            RedisCommands<String, String> redis = commands();
            try {
                redis.xgroupCreate(XReadArgs.StreamOffset.from(settings.streamKey(), "0"), settings.consumerGroup(),
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

    /** Re-processes this consumer's own pending entries (read before, never acknowledged), oldest first. */
    @SuppressWarnings("unchecked") // Lettuce's StreamOffset varargs
    private void replayOwnPending() throws InterruptedException {
        String after = "0";
        int replayed = 0;
        while (running) {
            List<StreamMessage<String, String>> page;
            try {
                page = commands().xreadgroup(consumer, XReadArgs.Builder.count(settings.batchSize()),
                        XReadArgs.StreamOffset.from(settings.streamKey(), after));
            } catch (RuntimeException e) {
                throw failedRead(commandLink, e);
            }
            if (page == null || page.isEmpty()) {
                break;
            }
            dispatch(page);
            replayed += page.size();
            after = page.get(page.size() - 1).getId();
        }
        if (!awaitIdleWorkers()) {
            throw new InterruptedException("stopped while re-processing pending entries");
        }
        throwWorkerFailure();
        if (replayed > 0) {
            log.info("Archiver {} re-processed {} entries it had read but not acknowledged", settings.consumerName(), replayed);
        }
    }

    /** Takes over entries that another (dead or stuck) consumer left unacknowledged for claimMinIdle. */
    private void claimStale() throws InterruptedException {
        long now = System.nanoTime();
        if (now - nextClaimNanos < 0) {
            return;
        }
        nextClaimNanos = now + Math.max(settings.claimMinIdle().toNanos() / 2, settings.period().toNanos());
        String cursor = "0-0";
        int claimed = 0;
        do {
            ClaimedMessages<String, String> page;
            try {
                page = commands().xautoclaim(settings.streamKey(),
                        XAutoClaimArgs.Builder.xautoclaim(consumer, settings.claimMinIdle(), cursor).count(settings.batchSize()));
            } catch (RuntimeException e) {
                throw failedRead(commandLink, e);
            }
            List<StreamMessage<String, String>> messages = page.getMessages();
            if (!messages.isEmpty()) {
                dispatch(messages);
                claimed += messages.size();
            }
            cursor = page.getId();
        } while (running && cursor != null && !"0-0".equals(cursor));
        if (claimed > 0) {
            log.warn("Archiver {} took over {} entries left unacknowledged for over {} ms by another consumer",
                    settings.consumerName(), claimed, settings.claimMinIdle().toMillis());
        }
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
            // The stream or the group is gone: Redis restarted without its data, or someone deleted the key.
            groupReady = false;
            log.error("Archive stream {} or its consumer group {} is gone from redis {}; creating them again. "
                    + "If Redis lost data, sales handed on but not yet archived must be re-sent from the tills' journals.",
                    settings.streamKey(), settings.consumerGroup(), link.endpoint());
        }
        return failure;
    }

    /** Deletes entries that every consumer group has acknowledged; never an unacknowledged one. */
    private void trimArchived() {
        long now = System.nanoTime();
        if (now - nextTrimNanos < 0) {
            return;
        }
        nextTrimNanos = now + settings.trimInterval().toNanos();
        RedisCommands<String, String> redis = commands();
        try {
            String safe = null;
            for (Object group : redis.xinfoGroups(settings.streamKey())) {
                Map<String, Object> info = fields(group);
                String name = String.valueOf(info.get("name"));
                String lastDelivered = String.valueOf(info.get("last-delivered-id"));
                long pending = info.get("pending") instanceof Number n ? n.longValue() : -1;
                // Every entry up to last-delivered-id was delivered; those not pending were acknowledged.
                String groupSafe = nextId(lastDelivered);
                if (pending != 0) {
                    PendingMessages summary = redis.xpending(settings.streamKey(), name);
                    if (summary.getCount() > 0 && summary.getMessageIds().getLower().getValue() != null) {
                        groupSafe = summary.getMessageIds().getLower().getValue();
                    }
                }
                if (safe == null || compareIds(groupSafe, safe) < 0) {
                    safe = groupSafe;
                }
            }
            if (safe != null && compareIds(safe, "0-1") > 0) {
                long deleted = redis.xtrim(settings.streamKey(), XTrimArgs.Builder.minId(safe).exactTrimming());
                log.debug("Trimmed {} archived entries below {} from {}", deleted, safe, settings.streamKey());
            }
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
    }

    private static Map<String, Object> fields(Object group) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (group instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                map.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        } else if (group instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(String.valueOf(k), v));
        }
        return map;
    }

    /** The smallest stream id after {@code id} ("ms-seq"). */
    static String nextId(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseLong(dash < 0 ? id : id.substring(0, dash));
        long seq = dash < 0 ? 0 : Long.parseLong(id.substring(dash + 1));
        return ms + "-" + (seq + 1);
    }

    /** Orders stream ids ("ms-seq") numerically. */
    static int compareIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        long msA = Long.parseLong(da < 0 ? a : a.substring(0, da));
        long msB = Long.parseLong(db < 0 ? b : b.substring(0, db));
        if (msA != msB) {
            return Long.compare(msA, msB);
        }
        long seqA = da < 0 ? 0 : Long.parseLong(a.substring(da + 1));
        long seqB = db < 0 ? 0 : Long.parseLong(b.substring(db + 1));
        return Long.compare(seqA, seqB);
    }

    private void dispatch(List<StreamMessage<String, String>> messages) throws InterruptedException {
        freeWorkers.acquire();
        if (workerFailure.get() != null) {
            // A batch failed while this one waited: leave it pending; it is replayed after the pause.
            freeWorkers.release();
            throwWorkerFailure();
        }
        try {
            workers.execute(() -> {
                try {
                    archive(messages);
                } catch (RuntimeException e) {
                    if (!workerFailure.compareAndSet(null, e)) {
                        workerFailure.get().addSuppressed(e);
                    }
                } finally {
                    freeWorkers.release();
                }
            });
        } catch (RuntimeException e) {
            freeWorkers.release();
            throw e;
        }
    }

    /** One batch: dead-letter what cannot be archived, write the rest in one transaction, then XACK. */
    private void archive(List<StreamMessage<String, String>> messages) {
        // By transaction id: a batch may hold the same sale more than once (the outbox re-sent it).
        Map<String, SaleRecord> sales = new LinkedHashMap<>();
        Map<String, List<StreamMessage<String, String>>> entriesByTx = new LinkedHashMap<>();
        for (StreamMessage<String, String> message : messages) {
            try {
                SaleRecord sale = parse(message);
                sales.putIfAbsent(sale.transactionId(), sale);
                entriesByTx.computeIfAbsent(sale.transactionId(), tx -> new ArrayList<>()).add(message);
            } catch (MalformedArchiveEntryException e) {
                deadLetter(message, e.getMessage());
            }
        }
        if (sales.isEmpty()) {
            return;
        }
        try {
            int written = archive.store(sales.values());
            List<String> ids = entriesByTx.values().stream().flatMap(List::stream).map(StreamMessage::getId).toList();
            listener.batchArchived(written, ids.size());
            acknowledge(ids);
        } catch (UnableToArchiveException batchFailure) {
            if (!MariaDbSaleArchive.isRefusedData(batchFailure)) {
                throw batchFailure;
            }
            archiveOneByOne(sales, entriesByTx, batchFailure);
        }
    }

    /**
     * MariaDB refused the batch's data (not a lost connection): writes its sales one at a time so
     * that only the one it refuses goes to the dead-letter stream and the rest are archived.
     */
    private void archiveOneByOne(Map<String, SaleRecord> sales, Map<String, List<StreamMessage<String, String>>> entriesByTx,
            UnableToArchiveException batchFailure) {
        log.warn("Archiver {}: MariaDB refused a batch of {} sales ({}); writing them one by one to find the bad one",
                settings.consumerName(), sales.size(), batchFailure.getMessage());
        for (Map.Entry<String, SaleRecord> sale : sales.entrySet()) {
            List<StreamMessage<String, String>> entries = entriesByTx.get(sale.getKey());
            List<String> ids = entries.stream().map(StreamMessage::getId).toList();
            try {
                archive.store(List.of(sale.getValue()));
            } catch (UnableToArchiveException failure) {
                if (!MariaDbSaleArchive.isRefusedData(failure)) {
                    throw failure;
                }
                for (StreamMessage<String, String> entry : entries) {
                    deadLetter(entry, "refused by MariaDB: " + failure.getMessage());
                }
                continue;
            }
            listener.batchArchived(1, ids.size());
            acknowledge(ids);
        }
    }

    private void deadLetter(StreamMessage<String, String> message, String reason) {
        log.error("Archive entry {} cannot be archived and goes to {}: {}", message.getId(), settings.deadLetterKey(), reason);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("id", message.getId());
        body.put("reason", reason);
        body.put("consumer", settings.consumerName());
        if (message.getBody() != null) {
            message.getBody().forEach((k, v) -> body.putIfAbsent(k, v));
        }
        try {
            commands().xadd(settings.deadLetterKey(), body);
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
        acknowledge(List.of(message.getId()));
        listener.deadLettered(message.getId(), reason);
    }

    private void acknowledge(List<String> ids) {
        try {
            commands().xack(settings.streamKey(), settings.consumerGroup(), ids.toArray(String[]::new));
        } catch (RuntimeException e) {
            // Committed but not acknowledged: the entries come round again and are rewritten idempotently.
            throw commandLink.failed(e);
        }
    }

    /** Column limits of V1__sales.sql: a longer value would fail its whole batch forever. */
    static SaleRecord parse(StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        if (body == null || body.isEmpty()) {
            throw new MalformedArchiveEntryException("the entry has no fields");
        }
        String kind = body.get("kind");
        if (!SqliteSaleJournal.SALE_FINISHED.equals(kind)) {
            throw new MalformedArchiveEntryException("unknown kind '" + kind + "'");
        }
        SaleRecord sale;
        try {
            sale = SaleRecordJson.read(body.get("payload"));
        } catch (MalformedSaleRecordException e) {
            throw new MalformedArchiveEntryException(e.getMessage());
        }
        if (!sale.transactionId().equals(body.get("tx"))) {
            throw new MalformedArchiveEntryException("field tx '" + body.get("tx") + "' is not the payload's transaction id '"
                    + sale.transactionId() + "'");
        }
        requireLength("transaction id", sale.transactionId(), 32, true);
        requireLength("till id", sale.tillId(), 64, false);
        requireLength("currency", sale.currency(), 3, true);
        for (SaleRecord.Line line : sale.lines()) {
            requireLength("line " + line.lineNo() + " product code", line.productCode(), 64, false);
            requireLength("line " + line.lineNo() + " name", line.name(), 255, false);
            requireLength("line " + line.lineNo() + " tax class", line.taxClass(), 16, false);
        }
        for (SaleRecord.Payment payment : sale.tenders()) {
            if (payment.type() == null) {
                throw new MalformedArchiveEntryException("a tender has no type");
            }
            if (payment.reference() != null) {
                requireLength("tender reference", payment.reference(), 32, true);
            }
        }
        return sale;
    }

    private static void requireLength(String what, String value, int max, boolean ascii) {
        if (value == null) {
            throw new MalformedArchiveEntryException(what + " is missing");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new MalformedArchiveEntryException(what + " is longer than " + max + " characters");
        }
        if (ascii && !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new MalformedArchiveEntryException(what + " '" + value + "' is not printable ASCII");
        }
    }

    private RedisCommands<String, String> commands() {
        return commandLink.get().sync();
    }

    private void throwWorkerFailure() {
        RuntimeException failure = workerFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits until no batch is being written; false if interrupted. */
    private boolean awaitIdleWorkers() {
        try {
            freeWorkers.acquire(settings.workers());
            freeWorkers.release(settings.workers());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (pauseLock) {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pauseLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return running;
    }

    private void reportFailure(RuntimeException failure) {
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (!detail.equals(lastFailure)) {
            boolean expected = failure instanceof UnableToReachRedisException || failure instanceof UnableToArchiveException;
            if (expected) {
                log.warn("Archiver {}: {}; nothing of the round was acknowledged, retrying", settings.consumerName(), detail);
            } else {
                log.warn("Archiver {}: {}; nothing of the round was acknowledged, retrying", settings.consumerName(), detail,
                        failure);
            }
            lastFailure = detail;
        }
        try {
            listener.failed(detail);
        } catch (RuntimeException e) {
            log.error("Archiver listener failed", e);
        }
    }

    private void recovered() {
        if (lastFailure != null) {
            log.info("Archiver {} is archiving again (after: {})", settings.consumerName(), lastFailure);
            lastFailure = null;
        }
    }
}
