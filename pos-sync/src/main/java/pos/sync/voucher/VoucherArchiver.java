package pos.sync.voucher;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.sync.redis.RedisConnections;
import pos.sync.redis.RedisLink;

/**
 * Moves successful redemptions from the Redis stream {@code pos:vouchers:redeemed} into MariaDB's
 * {@code voucher_redemptions} (R4), on one thread ("pos-voucher-archiver"), in the store hub.
 * Thread-safe.
 *
 * <p>Why a stream read by the hub and not a MariaDB write from the till or the hub's HTTP: the
 * success is appended to the stream by the same atomic Lua script that redeems (so a success
 * can never be in Redis without being on its way to MariaDB), the till needs neither MariaDB nor
 * the hub to redeem, and the entries wait in Redis while the hub restarts or MariaDB is down. It
 * works like the sales archiver (R9, R10): {@code XREADGROUP} in the group
 * {@value #CONSUMER_GROUP}, at most N per MariaDB transaction, {@code XACK} + {@code XDEL} only
 * after the commit, own pending entries replayed first after a failure, a dead hub's entries
 * taken over with {@code XAUTOCLAIM}. Writes are idempotent (a redelivered entry is harmless).
 *
 * <p>MariaDB's UNIQUE key on the voucher id is the final guard of R6. If MariaDB already holds
 * another redemption of a voucher (Redis lost its state and redeemed it again), MariaDB wins:
 * the conflict is logged as an error, recorded in {@code pos:vouchers:conflicts} (voucher id →
 * both order numbers), Redis' state and result are set back to MariaDB's redemption, and the
 * listener hears of it; the entry is then acknowledged.
 */
public final class VoucherArchiver implements AutoCloseable {

    /** The archivers' consumer group on the redeemed stream. */
    public static final String CONSUMER_GROUP = "pos-voucher-archivers";
    /** N: the most redemptions per MariaDB transaction. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The longest pause between retries while MariaDB or Redis is down. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(VoucherArchiver.class);

    /** Hears what the archiver did; called on its thread. */
    public interface Listener {
        /** A batch of {@code count} redemptions was committed. */
        default void archived(int count) {
        }

        /** MariaDB held {@code kept} for a voucher Redis redeemed as {@code refused}; MariaDB won. */
        default void conflict(Redemption refused, Redemption kept) {
        }

        /** A listener that does nothing. */
        Listener NONE = new Listener() {
        };
    }

    private final VoucherRedisKeys keys;
    private final String consumerName;
    private final int batchSize;
    private final Duration period;
    private final Duration claimMinIdle;
    private final MariaDbVoucherStore store;
    private final Listener listener;
    private final RedisLink readLink;
    private final RedisLink commandLink;
    private final Consumer<String> consumer;
    private final Thread thread;
    private final Object pauseLock = new Object();
    private final AtomicLong archivedTotal = new AtomicLong();
    private final AtomicLong conflictsTotal = new AtomicLong();
    private volatile boolean running;
    private boolean groupReady; // archiver thread only
    private long nextClaimNanos; // archiver thread only
    private String lastFailure; // archiver thread only

    /**
     * An archiver named {@code consumerName} in the group (keep it across restarts), reading at most
     * {@code batchSize} entries, blocking up to {@code period} per read; it owns neither {@code redis}
     * nor {@code store}.
     */
    public VoucherArchiver(RedisConnections redis, MariaDbVoucherStore store, VoucherRedisKeys keys, String consumerName,
            int batchSize, Duration period, Listener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.consumerName = Objects.requireNonNull(consumerName, "consumerName");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.batchSize = batchSize;
        this.period = Objects.requireNonNull(period, "period");
        this.claimMinIdle = Duration.ofSeconds(60);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.readLink = new RedisLink(redis, "voucher archiver reads");
        this.commandLink = new RedisLink(redis, "voucher archiver commands");
        this.consumer = Consumer.from(CONSUMER_GROUP, consumerName);
        this.thread = new Thread(this::run, "pos-voucher-archiver");
        this.thread.setDaemon(true);
    }

    /** Starts the thread. Once only. */
    public synchronized void start() {
        if (running || thread.isAlive()) {
            throw new IllegalStateException("the voucher archiver was already started");
        }
        running = true;
        thread.start();
        log.info("Voucher archiver {} reading {} (group {}, N {})", consumerName, keys.redeemedStream(), CONSUMER_GROUP,
                batchSize);
    }

    /** Redemptions committed to MariaDB by this archiver. */
    public long archivedTotal() {
        return archivedTotal.get();
    }

    /** Conflicts found (MariaDB held another redemption of the voucher). */
    public long conflictsTotal() {
        return conflictsTotal.get();
    }

    private void run() {
        boolean replayOwnPending = true;
        long backoffMillis = period.toMillis();
        while (running) {
            try {
                prepare();
                if (replayOwnPending) {
                    replayOwnPending();
                    replayOwnPending = false;
                }
                claimStale();
                List<StreamMessage<String, String>> fresh = readNew();
                if (!fresh.isEmpty()) {
                    archive(fresh);
                }
                backoffMillis = period.toMillis();
                if (lastFailure != null) {
                    log.info("Voucher archiver {} is archiving again", consumerName);
                    lastFailure = null;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                replayOwnPending = true;
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!reason.equals(lastFailure)) {
                    log.warn("Voucher archiver {}: {}; redemptions stay in the stream and are retried", consumerName, reason);
                    lastFailure = reason;
                }
                if (!pause(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, Math.max(MAX_BACKOFF.toMillis(), period.toMillis()));
            }
        }
    }

    private void prepare() {
        store.migrate();
        if (!groupReady) {
            try {
                commands().xgroupCreate(XReadArgs.StreamOffset.from(keys.redeemedStream(), "0"), CONSUMER_GROUP,
                        XGroupCreateArgs.Builder.mkstream());
                log.info("Created consumer group {} on stream {}", CONSUMER_GROUP, keys.redeemedStream());
            } catch (RedisBusyException e) {
                log.debug("Consumer group {} exists", CONSUMER_GROUP);
            } catch (RuntimeException e) {
                throw commandLink.failed(e);
            }
            groupReady = true;
        }
    }

    @SuppressWarnings("unchecked") // Lettuce's StreamOffset varargs
    private void replayOwnPending() {
        String after = "0";
        while (running) {
            List<StreamMessage<String, String>> page;
            try {
                page = commands().xreadgroup(consumer, XReadArgs.Builder.count(batchSize),
                        XReadArgs.StreamOffset.from(keys.redeemedStream(), after));
            } catch (RuntimeException e) {
                throw failedRead(commandLink, e);
            }
            if (page == null || page.isEmpty()) {
                return;
            }
            archive(page);
            after = page.get(page.size() - 1).getId();
        }
    }

    private void claimStale() {
        long now = System.nanoTime();
        if (now - nextClaimNanos < 0) {
            return;
        }
        nextClaimNanos = now + claimMinIdle.toNanos() / 2;
        String cursor = "0-0";
        do {
            ClaimedMessages<String, String> page;
            try {
                page = commands().xautoclaim(keys.redeemedStream(),
                        XAutoClaimArgs.Builder.xautoclaim(consumer, claimMinIdle, cursor).count(batchSize));
            } catch (RuntimeException e) {
                throw failedRead(commandLink, e);
            }
            if (!page.getMessages().isEmpty()) {
                log.warn("Voucher archiver {} took over {} redemptions another hub left unacknowledged", consumerName,
                        page.getMessages().size());
                archive(page.getMessages());
            }
            cursor = page.getId();
        } while (running && cursor != null && !"0-0".equals(cursor));
    }

    @SuppressWarnings("unchecked") // Lettuce's StreamOffset varargs
    private List<StreamMessage<String, String>> readNew() {
        long blockMillis = Math.min(period.toMillis(), RedisConnections.MAX_BLOCK.toMillis());
        try {
            List<StreamMessage<String, String>> messages = readLink.get().sync().xreadgroup(consumer,
                    XReadArgs.Builder.count(batchSize).block(blockMillis), XReadArgs.StreamOffset.lastConsumed(keys.redeemedStream()));
            return messages == null ? List.of() : messages;
        } catch (RuntimeException e) {
            throw failedRead(readLink, e);
        }
    }

    private RuntimeException failedRead(RedisLink link, RuntimeException e) {
        RuntimeException failure = link.failed(e);
        if (failure instanceof RedisCommandExecutionException reply && String.valueOf(reply.getMessage()).startsWith("NOGROUP")) {
            groupReady = false;
            log.error("Voucher stream {} or its group {} is gone from redis {}; creating them again. If Redis lost data,"
                    + " successes not yet archived are lost and their vouchers may be redeemed again: MariaDB's unique key"
                    + " then refuses the second and the conflict is reported", keys.redeemedStream(), CONSUMER_GROUP,
                    link.endpoint());
        }
        return failure;
    }

    /** One batch: parse, write in one transaction, report conflicts, then XACK + XDEL. */
    private void archive(List<StreamMessage<String, String>> messages) {
        List<Redemption> redemptions = new ArrayList<>(messages.size());
        List<String> ids = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            ids.add(message.getId());
            Map<String, String> body = message.getBody();
            if (body == null || body.isEmpty()) {
                continue; // deleted between the read and now: nothing to keep
            }
            try {
                redemptions.add(new Redemption(body.get("orderNo"), body.get("voucherId"), body.get("store"), body.get("till"),
                        body.get("tx"), Instant.ofEpochMilli(Long.parseLong(body.get("redeemedAt")))));
            } catch (RuntimeException e) {
                // Only the redemption script writes this stream; keep the entry for a person, never drop it silently.
                log.error("Voucher stream entry {} is not a redemption ({}); it stays pending for a person to look at: {}",
                        message.getId(), e.getMessage(), body);
                ids.remove(message.getId());
            }
        }
        Map<Redemption, Redemption> conflicts = store.archive(redemptions);
        conflicts.forEach(this::report);
        archivedTotal.addAndGet(redemptions.size() - conflicts.size());
        listener.archived(redemptions.size() - conflicts.size());
        if (!ids.isEmpty()) {
            String[] array = ids.toArray(String[]::new);
            try {
                commands().xack(keys.redeemedStream(), CONSUMER_GROUP, array);
                commands().xdel(keys.redeemedStream(), array);
            } catch (RuntimeException e) {
                // Committed but not acknowledged: the entries come round again and are harmless duplicates.
                throw commandLink.failed(e);
            }
        }
    }

    private void report(Redemption refused, Redemption kept) {
        conflictsTotal.incrementAndGet();
        log.error("Voucher {} was redeemed twice in Redis: order {} (store {}, till {}, {}) is refused by MariaDB, which holds"
                        + " order {} (store {}, till {}, {}); MariaDB wins. Redis lost its state (persistence off?): check the"
                        + " sale {} of till {}", refused.voucherId(), refused.orderNumber(), refused.storeId(), refused.tillId(),
                refused.redeemedAt(), kept.orderNumber(), kept.storeId(), kept.tillId(), kept.redeemedAt(),
                refused.transactionId(), refused.tillId());
        RedisCommands<String, String> redis = commands();
        try {
            redis.hset(keys.conflicts(), refused.voucherId(), "refused " + refused.orderNumber() + " (" + refused.storeId() + "/"
                    + refused.tillId() + " " + refused.transactionId() + " " + refused.redeemedAt() + "), kept "
                    + kept.orderNumber() + " (" + kept.storeId() + "/" + kept.tillId() + " " + kept.transactionId() + " "
                    + kept.redeemedAt() + ")");
            String millis = Long.toString(kept.redeemedAt().toEpochMilli());
            redis.hset(keys.state(kept.voucherId()), Map.of("state", "REDEEMED", "orderNo", kept.orderNumber(),
                    "redeemedAt", millis, "redeemStore", kept.storeId(), "redeemTill", kept.tillId(), "tx", kept.transactionId()));
            String result = keys.result(kept.voucherId());
            redis.del(result);
            redis.hset(result, Map.of("status", "SUCCESS", "reason", "", "orderNo", kept.orderNumber(), "at", millis,
                    "store", kept.storeId(), "till", kept.tillId(), "tx", kept.transactionId()));
            redis.pexpire(result, RedisVoucherRedemption.DEFAULT_RESULT_TTL.toMillis());
            redis.publish(keys.resultsChannel(), kept.voucherId());
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
        listener.conflict(refused, kept);
    }

    private RedisCommands<String, String> commands() {
        return commandLink.get().sync();
    }

    private boolean pause(long millis) {
        synchronized (pauseLock) {
            long deadline = System.currentTimeMillis() + millis;
            long left = millis;
            while (running && left > 0) {
                try {
                    pauseLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                left = deadline - System.currentTimeMillis();
            }
            return running;
        }
    }

    /** Stops reading, finishes a batch in flight and closes its connections; unacknowledged entries stay pending. Idempotent. */
    @Override
    public void close() {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        readLink.close();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(RedisConnections.COMMAND_TIMEOUT.plus(MAX_BACKOFF).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        commandLink.close();
    }
}
