package pos.hub.archive;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.loop.BackgroundLoop;
import pos.core.retry.Backoff;
import pos.hub.PosHubException;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;

/**
 * Moves the entries of one Redis stream into a store through a consumer group, at least once and
 * never acknowledging before the commit (R9, R10); what an entry means and how a batch is written
 * is the {@link ArchiveSink}'s business. Thread-safe: one reading thread, plus a pool of writer
 * threads when {@link StreamArchiverSettings#writers()} is more than 1.
 *
 * <p>The loop: {@code XGROUP CREATE … MKSTREAM} from id 0; this consumer's own pending entries
 * (read before, never acknowledged) are re-read from id 0 before anything new; entries another
 * consumer left pending for {@code claimMinIdle} (a dead archiver) are taken over with {@code
 * XAUTOCLAIM}; then {@code XREADGROUP … COUNT N BLOCK period … >}. Each read of at most N entries
 * is one batch: an entry no known till signed ({@link EntryAttribution}: no {@code till}/{@code sig}, an
 * unknown or revoked till, a bad signature, or a record naming another till) is never archived but
 * copied with the reason to {@link #unattributedKey(String)}, reported and acknowledged; entries the sink
 * cannot parse are handled as {@link StreamArchiverSettings#malformed()}
 * says, the rest are written in one transaction, and only after it returns are they acknowledged
 * ({@code XACK}, plus {@code XDEL} or a later trim as {@link StreamArchiverSettings#cleanup()} says).
 * When a read comes back full, the next one starts at once, so a backlog drains at full speed. With writer
 * threads, the reading thread checks and parses a batch while the writers' transactions for the earlier ones
 * run, and hands it to the next free writer (at most one batch waits); a writer only writes and acknowledges.
 *
 * <p>A failed round acknowledges nothing of what failed: the archiver waits for batches being
 * written, pauses (period, doubling up to {@link #MAX_BACKOFF}), prepares the sink again, makes
 * sure the group exists (a stream or group that vanished because Redis restarted without its data
 * is created again) and re-reads its own pending entries first. If the store refuses a record's data (the sink says so), the
 * batch is written again one record at a time so that only the refused one is malformed.
 *
 * @param <T> one parsed entry
 */
public final class StreamArchiver<T> implements AutoCloseable {

    /** The longest pause between retries while the store or Redis is down (unless the period is longer). */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How often an idle archiver looks for entries delivered to it but never seen. */
    static final Duration ORPHAN_CHECK = Duration.ofSeconds(2);

    /**
     * What the archiver reports, for metrics, status and tests. Calls come from its threads
     * (several at once with more than one writer) and must return quickly.
     */
    public interface Listener {

        /** A listener that ignores everything. */
        Listener NONE = new Listener() {
        };

        /** One transaction committed; {@code written} as the sink counts them, from {@code entries} entries, acknowledged next. */
        default void committed(int written, int entries) {
        }

        /** {@code entries} archived entries (or entries already deleted from the stream) were acknowledged. */
        default void acknowledged(int entries) {
        }

        /** An entry that can never be archived was moved to the dead-letter stream and acknowledged. */
        default void deadLettered(String entryId, String reason) {
        }

        /** A round failed and nothing of what failed was acknowledged; it is retried after a pause. */
        default void failed(String detail) {
        }

        /**
         * An entry no known till signed ({@link EntryAttribution}) was moved to the unattributed stream
         * ({@link StreamArchiver#unattributedKey(String)}) and acknowledged; it was not archived.
         */
        default void unattributed(String entryId, String claimedTill, String reason) {
        }
    }

    /** The most entries kept in an unattributed stream (approximately): a flood of forged entries cannot fill Redis. */
    static final long UNATTRIBUTED_MAX_LENGTH = 100_000;
    /** The most characters of one field copied to the unattributed stream. */
    static final int UNATTRIBUTED_MAX_FIELD = 4_096;

    /** Where entries of {@code streamKey} that no known till signed are kept for a person: {@code <streamKey>:unattributed}. */
    public static String unattributedKey(String streamKey) {
        return streamKey + ":unattributed";
    }

    /** An entry and what the sink made of it. */
    private record Parsed<T>(StreamMessage<String, String> entry, T record) {
    }

    private final String name;
    private final Logger log;
    private final StreamArchiverSettings settings;
    private final ArchiveSink<T> sink;
    private final Listener listener;
    private final EntryAttribution attribution;
    private final RedisLink readLink;
    private final RedisLink commandLink;
    private final Consumer<String> consumer;
    private final ThreadPoolExecutor writers; // null: the reading thread writes
    private final Semaphore freeWriters;
    private final AtomicReference<RuntimeException> writerFailure = new AtomicReference<>();
    private final BackgroundLoop loop;
    private boolean replayOwnPending = true; // reader thread only: a restarted consumer first finishes what it had read
    private boolean prepared; // reader thread only
    private boolean groupReady; // reader thread only
    private long nextClaimNanos; // reader thread only
    private long nextOrphanCheckNanos; // reader thread only
    /** Malformed entries left pending on purpose ({@code Malformed.LEAVE_PENDING}): not orphans. */
    private final Set<String> leftPending = ConcurrentHashMap.newKeySet();
    private long nextTrimNanos; // reader thread only
    private String lastFailure; // reader thread only

    /**
     * An archiver of {@code settings.streamKey()} on the Redis behind {@code redis} into {@code
     * sink}; it owns neither. {@link #start()} begins the work.
     *
     * @param name       what the log calls it, e.g. "UI event archiver"
     * @param owner      the class whose logger it logs with (the public archiver that uses it)
     * @param threadName the reading thread's name; writer threads add "-worker-n"
     * @param attribution whose entries are archived: entries it refuses are never archived
     */
    public StreamArchiver(String name, Class<?> owner, String threadName, StreamArchiverSettings settings,
            RedisConnections redis, ArchiveSink<T> sink, Listener listener, EntryAttribution attribution) {
        this.name = Objects.requireNonNull(name, "name");
        this.log = LoggerFactory.getLogger(Objects.requireNonNull(owner, "owner"));
        Objects.requireNonNull(threadName, "threadName");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.attribution = Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(redis, "redis");
        this.readLink = new RedisLink(redis, name + " blocking reads");
        this.commandLink = new RedisLink(redis, name + " commands");
        this.consumer = Consumer.from(settings.consumerGroup(), settings.consumerName());
        if (settings.writers() > 1) {
            AtomicInteger threadNo = new AtomicInteger();
            this.writers = new ThreadPoolExecutor(settings.writers(), settings.writers(), 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, threadName + "-worker-" + threadNo.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        } else {
            this.writers = null;
        }
        this.freeWriters = new Semaphore(settings.writers());
        // A round ends after a blocking read of at most the period: it is never idle, so it runs again at once.
        this.loop = new BackgroundLoop(name, threadName, new Backoff(settings.period(),
                settings.period().compareTo(MAX_BACKOFF) > 0 ? settings.period() : MAX_BACKOFF), settings.period(),
                new BackgroundLoop.Rounds() {
                    @Override
                    public boolean round() throws InterruptedException {
                        archiveOnce();
                        return true;
                    }

                    @Override
                    public void succeeded() {
                        recovered();
                    }

                    @Override
                    public void failed(RuntimeException failure) throws InterruptedException {
                        roundFailed(failure);
                    }
                });
    }

    /** Starts the reading thread. Once only. */
    public synchronized void start() {
        loop.start();
        log.info("{} {} started: stream {} group {}, batches of at most {}, {} writer(s), period {} ms", name,
                settings.consumerName(), settings.streamKey(), settings.consumerGroup(), settings.batchSize(),
                settings.writers(), settings.period().toMillis());
    }

    /**
     * Stops reading, lets batches being written finish (up to ~10 s) and closes the connections.
     * Entries read but not acknowledged stay pending for this consumer name, or for another
     * archiver to claim. Idempotent.
     */
    @Override
    public void close() {
        loop.stop();
        readLink.close(); // ends a blocking read at once
        loop.join(RedisConnections.COMMAND_TIMEOUT.plus(MAX_BACKOFF));
        if (writers != null) {
            writers.shutdown();
            try {
                if (!writers.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("{} {}: batches still being written after 10 s; they stay pending", name,
                            settings.consumerName());
                    writers.shutdownNow();
                }
            } catch (InterruptedException e) {
                writers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        commandLink.close();
    }

    /** One round: ready the sink and the group, finish what this consumer had read, take over, trim, read and write. */
    private void archiveOnce() throws InterruptedException {
        prepare();
        if (replayOwnPending) {
            replayOwnPending();
            replayOwnPending = false;
        }
        claimStale();
        trimArchived();
        List<StreamMessage<String, String>> fresh = readNew();
        throwWriterFailure(); // entries just read stay pending and are replayed
        if (!fresh.isEmpty()) {
            dispatch(fresh);
        } else {
            replayOrphans();
        }
    }

    /** After a failed round nothing of what failed is acknowledged: batches in flight finish, then all is read again. */
    private void roundFailed(RuntimeException failure) throws InterruptedException {
        replayOwnPending = true;
        prepared = false;
        groupReady = false; // cheap (BUSYGROUP) if it exists; at once again if Redis came back empty
        if (!awaitIdleWriters()) {
            throw new InterruptedException("stopped while batches were being written");
        }
        writerFailure.set(null);
        reportFailure(failure);
    }

    private void prepare() {
        if (!prepared) {
            sink.prepare();
            prepared = true;
        }
        if (!groupReady) {
            try {
                commands().xgroupCreate(XReadArgs.StreamOffset.from(settings.streamKey(), "0"), settings.consumerGroup(),
                        XGroupCreateArgs.Builder.mkstream());
                log.info("Created consumer group {} on stream {}", settings.consumerGroup(), settings.streamKey());
            } catch (RedisBusyException e) {
                log.debug("Consumer group {} on stream {} exists", settings.consumerGroup(), settings.streamKey());
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
        while (loop.running()) {
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
        if (!awaitIdleWriters()) {
            throw new InterruptedException("stopped while re-processing pending entries");
        }
        throwWriterFailure();
        if (replayed > 0) {
            log.info("{} {} re-processed {} entries of {} it had read but not acknowledged", name, settings.consumerName(),
                    replayed, settings.streamKey());
        }
    }

    /**
     * Entries delivered to this consumer that it never saw: a blocking read in flight when Redis restarted is sent
     * again by the client after the reconnect, Redis had already put the first read's entries in this consumer's
     * pending list, and that reply was lost. Nothing else would read them before the stale-entry claim (minutes).
     * When a read brought nothing new and no batch is being written, every entry still pending here (but the
     * malformed ones left for a person) is such an orphan: it is archived now. At most every {@link #ORPHAN_CHECK}.
     */
    @SuppressWarnings("unchecked") // Lettuce's varargs
    private void replayOrphans() throws InterruptedException {
        long now = System.nanoTime();
        if (now - nextOrphanCheckNanos < 0) {
            return;
        }
        nextOrphanCheckNanos = now + ORPHAN_CHECK.toNanos();
        if (!awaitIdleWriters()) {
            throw new InterruptedException("stopped while looking for orphaned entries");
        }
        throwWriterFailure();
        List<String> orphans;
        try {
            orphans = commands().xpending(settings.streamKey(), consumer, Range.create("-", "+"),
                    Limit.from(settings.batchSize())).stream()
                    .map(PendingMessage::getId).filter(id -> !leftPending.contains(id)).toList();
        } catch (RuntimeException e) {
            throw failedRead(commandLink, e);
        }
        if (orphans.isEmpty()) {
            return;
        }
        List<StreamMessage<String, String>> messages;
        try {
            messages = commands().xclaim(settings.streamKey(), consumer, XClaimArgs.Builder.minIdleTime(0),
                    orphans.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw failedRead(commandLink, e);
        }
        log.warn("{} {}: {} entries of {} were delivered to it but never seen (a read repeated after a reconnect); "
                + "archiving them now", name, settings.consumerName(), orphans.size(), settings.streamKey());
        if (messages != null && !messages.isEmpty()) {
            dispatch(messages);
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
        } while (loop.running() && cursor != null && !"0-0".equals(cursor));
        if (claimed > 0) {
            log.warn("{} {} took over {} entries of {} left unacknowledged for over {} ms by another consumer", name,
                    settings.consumerName(), claimed, settings.streamKey(), settings.claimMinIdle().toMillis());
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
            log.error("Stream {} or its consumer group {} is gone from redis {}; creating them again. If Redis lost data, {}",
                    settings.streamKey(), settings.consumerGroup(), link.endpoint(), sink.lostStreamConsequence());
        }
        return failure;
    }

    /** Deletes entries that every consumer group has acknowledged; never an unacknowledged one. */
    private void trimArchived() {
        if (settings.cleanup() != StreamArchiverSettings.Cleanup.TRIM) {
            return;
        }
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
                String groupName = String.valueOf(info.get("name"));
                String lastDelivered = String.valueOf(info.get("last-delivered-id"));
                long pending = info.get("pending") instanceof Number n ? n.longValue() : -1;
                // Every entry up to last-delivered-id was delivered; those not pending were acknowledged.
                String groupSafe = nextId(lastDelivered);
                if (pending != 0) {
                    PendingMessages summary = redis.xpending(settings.streamKey(), groupName);
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

    /**
     * Writes a batch on the reading thread (one writer), or checks and parses it here and hands the write to a free
     * writer thread: the reading thread reads, checks signatures and parses the next batch while the writers'
     * transactions run. At most one parsed batch waits for a writer, and its entries are acknowledged only by that
     * writer after its commit; a batch that cannot be handed on (a writer failed) stays pending and is read again.
     */
    private void dispatch(List<StreamMessage<String, String>> messages) throws InterruptedException {
        if (writers == null) {
            write(sort(messages));
            return;
        }
        throwWriterFailure(); // a batch failed: leave this one pending; it is replayed after the pause
        Batch<T> batch = sort(messages);
        freeWriters.acquire();
        if (writerFailure.get() != null) {
            // A batch failed while this one waited: leave it pending; it is replayed after the pause.
            freeWriters.release();
            throwWriterFailure();
        }
        try {
            writers.execute(() -> {
                try {
                    write(batch);
                } catch (RuntimeException e) {
                    if (!writerFailure.compareAndSet(null, e)) {
                        writerFailure.get().addSuppressed(e);
                    }
                } finally {
                    freeWriters.release();
                }
            });
        } catch (RuntimeException e) {
            freeWriters.release();
            throw e;
        }
    }

    /** A batch sorted: the entries to archive, parsed, and those already deleted from the stream. */
    private record Batch<T>(List<Parsed<T>> parsed, List<String> alreadyDeleted) {
    }

    /**
     * Sorts a batch: what cannot be archived (no known till's, malformed) is handled and acknowledged now,
     * whatever happens to the rest; the rest is parsed for {@link #write}.
     */
    private Batch<T> sort(List<StreamMessage<String, String>> messages) {
        List<Parsed<T>> parsed = new ArrayList<>(messages.size());
        List<String> alreadyDeleted = new ArrayList<>();
        for (StreamMessage<String, String> message : messages) {
            Map<String, String> body = message.getBody();
            if ((body == null || body.isEmpty()) && settings.cleanup() == StreamArchiverSettings.Cleanup.DELETE) {
                alreadyDeleted.add(message.getId()); // deleted between the read and now: nothing to keep
                continue;
            }
            Optional<String> refusal = attribution.refusal(settings.streamKey(), message);
            if (refusal.isPresent()) {
                unattributed(message, refusal.get());
                continue;
            }
            T record;
            try {
                record = sink.parse(message);
            } catch (MalformedArchiveEntryException e) {
                malformed(message, e.getMessage());
                continue;
            }
            Optional<String> mismatch = attribution.payloadMismatch(settings.streamKey(), message, sink.tillNamedIn(record));
            if (mismatch.isPresent()) {
                unattributed(message, mismatch.get());
                continue;
            }
            parsed.add(new Parsed<>(message, record));
        }
        return new Batch<>(parsed, alreadyDeleted);
    }

    /** Writes a sorted batch in one transaction, then acknowledges it. */
    private void write(Batch<T> batch) {
        List<Parsed<T>> parsed = batch.parsed();
        if (!parsed.isEmpty()) {
            try {
                int written = sink.write(parsed.stream().map(Parsed::record).toList());
                acknowledgeArchived(written, parsed.stream().map(p -> p.entry().getId()).toList());
            } catch (RuntimeException batchFailure) {
                if (!sink.refusedData(batchFailure)) {
                    throw batchFailure;
                }
                archiveOneByOne(parsed, batchFailure);
            }
        }
        if (!batch.alreadyDeleted().isEmpty()) {
            acknowledge(batch.alreadyDeleted());
            listener.acknowledged(batch.alreadyDeleted().size());
        }
    }

    /**
     * The store refused the batch's data (not a lost connection): writes its records one at a time
     * (a record in several entries once) so that only the refused one is handled as malformed.
     */
    private void archiveOneByOne(List<Parsed<T>> parsed, RuntimeException batchFailure) {
        Map<T, List<StreamMessage<String, String>>> entriesByRecord = new LinkedHashMap<>();
        for (Parsed<T> p : parsed) {
            entriesByRecord.computeIfAbsent(p.record(), r -> new ArrayList<>()).add(p.entry());
        }
        log.warn("{} {}: the store refused a batch of {} records ({}); writing them one by one to find the bad one", name,
                settings.consumerName(), entriesByRecord.size(), batchFailure.getMessage());
        for (Map.Entry<T, List<StreamMessage<String, String>>> record : entriesByRecord.entrySet()) {
            int written;
            try {
                written = sink.write(List.of(record.getKey()));
            } catch (RuntimeException failure) {
                if (!sink.refusedData(failure)) {
                    throw failure;
                }
                for (StreamMessage<String, String> entry : record.getValue()) {
                    malformed(entry, "refused by MariaDB: " + failure.getMessage());
                }
                continue;
            }
            acknowledgeArchived(written, record.getValue().stream().map(StreamMessage::getId).toList());
        }
    }

    private void acknowledgeArchived(int written, List<String> ids) {
        listener.committed(written, ids.size());
        acknowledge(ids);
        listener.acknowledged(ids.size());
    }

    private void malformed(StreamMessage<String, String> message, String reason) {
        if (settings.malformed() == StreamArchiverSettings.Malformed.LEAVE_PENDING) {
            // Never dropped silently; the body is not logged (it may hold secrets).
            log.error("{} {}: entry {} of {} cannot be archived ({}); it stays pending for a person to look at", name,
                    settings.consumerName(), message.getId(), settings.streamKey(), reason);
            leftPending.add(message.getId());
            return;
        }
        log.error("{} {}: entry {} of {} cannot be archived and goes to {}: {}", name, settings.consumerName(),
                message.getId(), settings.streamKey(), settings.deadLetterKey(), reason);
        Map<String, String> body = new LinkedHashMap<>();
        body.put(settings.deadLetterIdField(), message.getId());
        body.put("reason", reason);
        body.put("consumer", settings.consumerName());
        if (message.getBody() != null) {
            message.getBody().forEach(body::putIfAbsent);
        }
        try {
            commands().xadd(settings.deadLetterKey(), body);
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
        acknowledge(List.of(message.getId()));
        listener.deadLettered(message.getId(), reason);
    }

    /**
     * An entry no known till wrote: logged (without its body), counted and reported, copied with the
     * reason to the unattributed stream, and acknowledged, whatever {@link StreamArchiverSettings#malformed()}
     * says (a forger must not be able to fill this consumer's pending list either).
     */
    private void unattributed(StreamMessage<String, String> message, String reason) {
        String key = unattributedKey(settings.streamKey());
        log.error("{} {}: {}; not archived, kept in {}", name, settings.consumerName(), reason, key);
        String claimedTill = EntryAttribution.claimedTill(message);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("entry", message.getId());
        body.put("reason", reason);
        body.put("claimedTill", claimedTill);
        body.put("consumer", settings.consumerName());
        if (message.getBody() != null) {
            message.getBody().forEach((field, value) -> body.putIfAbsent(field,
                    value != null && value.length() > UNATTRIBUTED_MAX_FIELD ? value.substring(0, UNATTRIBUTED_MAX_FIELD) : value));
        }
        try {
            commands().xadd(key, XAddArgs.Builder.maxlen(UNATTRIBUTED_MAX_LENGTH).approximateTrimming(), body);
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
        acknowledge(List.of(message.getId()));
        attribution.report(settings.streamKey(), message, reason); // once kept and acknowledged: counted once
        try {
            listener.unattributed(message.getId(), claimedTill, reason);
        } catch (RuntimeException e) {
            log.error("{} {}: its listener failed on an unattributed entry", name, settings.consumerName(), e);
        }
    }

    private void acknowledge(List<String> ids) {
        String[] array = ids.toArray(String[]::new);
        try {
            commands().xack(settings.streamKey(), settings.consumerGroup(), array);
            if (settings.cleanup() == StreamArchiverSettings.Cleanup.DELETE) {
                commands().xdel(settings.streamKey(), array);
            }
        } catch (RuntimeException e) {
            // Committed but not acknowledged: the entries come round again and are rewritten idempotently.
            throw commandLink.failed(e);
        }
    }

    private RedisCommands<String, String> commands() {
        return commandLink.get().sync();
    }

    private void throwWriterFailure() {
        RuntimeException failure = writerFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits until no batch is being written; false if interrupted. */
    private boolean awaitIdleWriters() {
        if (writers == null) {
            return true;
        }
        try {
            freeWriters.acquire(settings.writers());
            freeWriters.release(settings.writers());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void reportFailure(RuntimeException failure) {
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (!detail.equals(lastFailure)) {
            if (failure instanceof PosHubException || failure instanceof pos.contract.PosContractException) {
                // Named failures (Redis or the store unreachable) carry their context; a stack trace adds nothing.
                log.warn("{} {}: {}; nothing of what failed was acknowledged, retrying", name, settings.consumerName(),
                        detail);
            } else {
                log.warn("{} {}: {}; nothing of what failed was acknowledged, retrying", name, settings.consumerName(),
                        detail, failure);
            }
            lastFailure = detail;
        }
        try {
            listener.failed(detail);
        } catch (RuntimeException e) {
            log.error("{} {}: its listener failed on a failure report", name, settings.consumerName(), e);
        }
    }

    private void recovered() {
        if (lastFailure != null) {
            log.info("{} {} is archiving again (after: {})", name, settings.consumerName(), lastFailure);
            lastFailure = null;
        }
    }
}
