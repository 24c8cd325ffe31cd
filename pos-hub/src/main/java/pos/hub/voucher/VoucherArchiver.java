package pos.hub.voucher;

import pos.contract.voucher.Redemption;
import pos.contract.voucher.VoucherRedisKeys;
import pos.contract.voucher.RedisVoucherRedemption;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.hub.archive.ArchiveSink;
import pos.hub.archive.MalformedArchiveEntryException;
import pos.hub.archive.EntryAttribution;
import pos.hub.archive.StreamArchiver;
import pos.hub.archive.StreamArchiverSettings;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;

/**
 * Moves successful redemptions from the Redis stream {@code pos:vouchers:redeemed} into MariaDB's
 * {@code voucher_redemptions} (R4), on one thread ("pos-voucher-archiver"), in the store hub.
 * Thread-safe.
 *
 * <p>Why a stream read by the hub and not a MariaDB write from the till or the hub's HTTP: the
 * success is appended to the stream by the same atomic Lua script that redeems (so a success
 * can never be in Redis without being on its way to MariaDB), the till needs neither MariaDB nor
 * the hub to redeem, and the entries wait in Redis while the hub restarts or MariaDB is down. It
 * works like the sales archiver (R9, R10), through the same {@link StreamArchiver} loop: {@code XREADGROUP} in the group
 * {@value #CONSUMER_GROUP}, at most N per MariaDB transaction, {@code XACK} + {@code XDEL} only
 * after the commit, own pending entries replayed first after a failure, a dead hub's entries
 * taken over with {@code XAUTOCLAIM}. Writes are idempotent (a redelivered entry is harmless).
 * Only the redemption script writes the stream, so an entry that is not a redemption is logged and
 * left pending for a person to look at, never dropped.
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
    public static final Duration MAX_BACKOFF = StreamArchiver.MAX_BACKOFF;

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
    private final MariaDbVoucherStore store;
    private final Listener listener;
    private final RedisLink conflictLink;
    private final StreamArchiver<Redemption> loop;
    private final AtomicLong archivedTotal = new AtomicLong();
    private final AtomicLong conflictsTotal = new AtomicLong();

    /**
     * An archiver named {@code consumerName} in the group (keep it across restarts), reading at most
     * {@code batchSize} entries, blocking up to {@code period} per read; it owns neither {@code redis}
     * nor {@code store}.
     */
    public VoucherArchiver(RedisConnections redis, MariaDbVoucherStore store, VoucherRedisKeys keys, String consumerName,
            int batchSize, Duration period, Listener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.listener = Objects.requireNonNull(listener, "listener");
        StreamArchiverSettings settings = StreamArchiverSettings.of(keys.redeemedStream(), CONSUMER_GROUP,
                Objects.requireNonNull(consumerName, "consumerName"), batchSize, Objects.requireNonNull(period, "period"));
        this.conflictLink = new RedisLink(redis, "voucher archiver conflicts");
        this.loop = new StreamArchiver<>("Voucher archiver", VoucherArchiver.class, "pos-voucher-archiver", settings, redis,
                new RedemptionSink(), new StreamArchiver.Listener() {
                    @Override
                    public void committed(int redemptions, int entries) {
                        archivedTotal.addAndGet(redemptions);
                        listener.archived(redemptions);
                    }
                }, EntryAttribution.notChecked("redemptions are written by the redemption script in Redis, not signed by"
                        + " a till; the hub's reconciliation compares Redis's redeemed vouchers with MariaDB instead"));
    }

    /** Starts the thread. Once only. */
    public void start() {
        loop.start();
    }

    /** Redemptions committed to MariaDB by this archiver. */
    public long archivedTotal() {
        return archivedTotal.get();
    }

    /** Conflicts found (MariaDB held another redemption of the voucher). */
    public long conflictsTotal() {
        return conflictsTotal.get();
    }

    /** Redemptions into {@link MariaDbVoucherStore}, whose unique key on the voucher is the final guard of R6. */
    private final class RedemptionSink implements ArchiveSink<Redemption> {

        @Override
        public void prepare() {
            store.migrate();
        }

        @Override
        public Redemption parse(StreamMessage<String, String> entry) {
            Map<String, String> body = entry.getBody();
            try {
                return new Redemption(body.get("orderNo"), body.get("voucherId"), body.get("store"), body.get("till"),
                        body.get("tx"), Instant.ofEpochMilli(Long.parseLong(body.get("redeemedAt"))));
            } catch (RuntimeException e) {
                throw new MalformedArchiveEntryException("not a redemption (" + e.getMessage() + "): " + body);
            }
        }

        /** @return the redemptions written, without those MariaDB refused as a second redemption (reported here) */
        @Override
        public int write(List<Redemption> redemptions) {
            Map<Redemption, Redemption> conflicts = store.archive(redemptions);
            conflicts.forEach(VoucherArchiver.this::report);
            return redemptions.size() - conflicts.size();
        }

        @Override
        public String lostStreamConsequence() {
            return "successes not yet archived are lost and their vouchers may be redeemed again: MariaDB's unique key"
                    + " then refuses the second and the conflict is reported";
        }
    }

    private void report(Redemption refused, Redemption kept) {
        conflictsTotal.incrementAndGet();
        log.error("Voucher {} was redeemed twice in Redis: order {} (store {}, till {}, {}) is refused by MariaDB, which holds"
                        + " order {} (store {}, till {}, {}); MariaDB wins. Redis lost its state (persistence off?): check the"
                        + " sale {} of till {}", refused.voucherId(), refused.orderNumber(), refused.storeId(), refused.tillId(),
                refused.redeemedAt(), kept.orderNumber(), kept.storeId(), kept.tillId(), kept.redeemedAt(),
                refused.transactionId(), refused.tillId());
        RedisCommands<String, String> redis;
        try {
            redis = conflictLink.get().sync();
        } catch (RuntimeException e) {
            throw conflictLink.failed(e);
        }
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
            throw conflictLink.failed(e);
        }
        listener.conflict(refused, kept);
    }

    /** Stops reading, finishes a batch in flight and closes its connections; unacknowledged entries stay pending. Idempotent. */
    @Override
    public void close() {
        loop.close();
        conflictLink.close();
    }
}
