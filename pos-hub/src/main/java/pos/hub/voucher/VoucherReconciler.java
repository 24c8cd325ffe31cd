package pos.hub.voucher;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.voucher.Redemption;
import pos.contract.voucher.VoucherRedisKeys;

/**
 * The hub's check that the vouchers Redis calls redeemed are the ones {@code voucher_redemptions}
 * holds (issue 10: "a forged redemption record is detected at the hub's reconciliation and
 * reported"). Redemption entries are written by the redemption script, not signed by a till, so
 * this comparison is their check:
 * <ul>
 *   <li>REDEEMED in Redis, but MariaDB has no redemption and none waits in the redeemed stream: a
 *       state set by hand (the voucher is lost to the customer);</li>
 *   <li>REDEEMED in Redis with another order number than MariaDB's;</li>
 *   <li>ISSUED in Redis while MariaDB holds its redemption: the state was put back by hand, and the
 *       voucher could be redeemed a second time.</li>
 * </ul>
 * Race-free while tills redeem: the states and the stream are read in one {@code MULTI} before
 * MariaDB, and an ISSUED voucher MariaDB calls redeemed is read again afterwards. Thread-safe
 * (one pass at a time).
 */
public final class VoucherReconciler implements AutoCloseable {

    /** The most stream entries a pass reads. */
    static final int MAX_STREAM_ENTRIES = 100_000;
    /** Vouchers read per {@code MULTI}. */
    static final int VOUCHERS_PER_ROUND = 500;

    /**
     * One voucher whose state differs.
     *
     * @param voucherId  the voucher
     * @param redis      what Redis says (state and order number)
     * @param mariaDb    what {@code voucher_redemptions} says
     * @param message    one sentence for the store's IT person
     */
    public record Difference(String voucherId, String redis, String mariaDb, String message) {
    }

    /**
     * What one pass found.
     *
     * @param checked     vouchers compared
     * @param differences vouchers whose state differs
     * @param skipped     why nothing was compared, or empty
     */
    public record Outcome(int checked, List<Difference> differences, Optional<String> skipped) {
    }

    private record State(String state, String orderNumber) {
    }

    private final RedisLink link;
    private final MariaDbVoucherStore store;
    private final VoucherRedisKeys keys;
    private final Object passLock = new Object();

    /** A reconciler of the vouchers under {@code keys}; it owns neither {@code redis} nor {@code store}. */
    public VoucherReconciler(RedisConnections redis, MariaDbVoucherStore store, VoucherRedisKeys keys) {
        this.link = new RedisLink(Objects.requireNonNull(redis, "redis"), "voucher reconciliation");
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Compares every voucher's state in Redis with {@code voucher_redemptions}.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached
     * @throws UnableToStoreVoucherException if MariaDB cannot be read
     */
    public Outcome runOnce() {
        synchronized (passLock) {
            RedisCommands<String, String> redis = link.get().sync();
            try {
                List<String> ids = voucherIds(redis);
                Map<String, State> states = new HashMap<>();
                Map<String, String> waiting = new HashMap<>(); // voucher id → order number on its way to MariaDB
                for (int from = 0; from < ids.size(); from += VOUCHERS_PER_ROUND) {
                    List<String> round = ids.subList(from, Math.min(ids.size(), from + VOUCHERS_PER_ROUND));
                    if (!snapshot(redis, round, states, waiting)) {
                        return new Outcome(0, List.of(), Optional.of(keys.redeemedStream() + " holds more than "
                                + MAX_STREAM_ENTRIES + " redemptions waiting to be archived"));
                    }
                }
                Map<String, Redemption> archived = store.redemptions(List.copyOf(states.keySet()));
                List<Difference> differences = new ArrayList<>();
                List<String> issuedButArchived = new ArrayList<>();
                for (Map.Entry<String, State> voucher : states.entrySet()) {
                    String id = voucher.getKey();
                    State state = voucher.getValue();
                    Redemption redemption = archived.get(id);
                    if ("REDEEMED".equals(state.state())) {
                        if (redemption == null && !waiting.containsKey(id)) {
                            differences.add(new Difference(id, "REDEEMED order " + state.orderNumber(), "no redemption",
                                    "SEC: voucher " + id + " is REDEEMED in Redis (order " + state.orderNumber()
                                            + ") but voucher_redemptions has no redemption of it and none is on its way"));
                        } else if (redemption != null && !redemption.orderNumber().equals(state.orderNumber())) {
                            differences.add(new Difference(id, "REDEEMED order " + state.orderNumber(),
                                    "order " + redemption.orderNumber(), "SEC: voucher " + id + " is REDEEMED in Redis by order "
                                            + state.orderNumber() + " but voucher_redemptions says order "
                                            + redemption.orderNumber()));
                        }
                    } else if (redemption != null) {
                        issuedButArchived.add(id);
                    }
                }
                for (String id : issuedButArchived) {
                    // Read again: the state hash may only have been read before a redemption that MariaDB now has.
                    String now = redis.hget(keys.state(id), "state");
                    if (now != null && !"REDEEMED".equals(now)) {
                        Redemption redemption = archived.get(id);
                        differences.add(new Difference(id, now, "order " + redemption.orderNumber(), "SEC: voucher " + id
                                + " is " + now + " in Redis but voucher_redemptions holds its redemption (order "
                                + redemption.orderNumber() + "): it could be redeemed a second time"));
                    }
                }
                return new Outcome(states.size(), List.copyOf(differences), Optional.empty());
            } catch (io.lettuce.core.RedisException e) {
                throw link.failed(e);
            }
        }
    }

    private List<String> voucherIds(RedisCommands<String, String> redis) {
        String prefix = keys.prefix() + ":voucher:";
        String resultPrefix = keys.prefix() + ":voucher:result:";
        List<String> ids = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(escape(prefix) + "*").limit(1_000));
            for (String key : page.getKeys()) {
                String id = key.substring(prefix.length());
                if (!key.startsWith(resultPrefix) && VoucherRedisKeys.isVoucherId(id)) {
                    ids.add(id);
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return ids;
    }

    private boolean snapshot(RedisCommands<String, String> redis, List<String> round, Map<String, State> states,
            Map<String, String> waiting) {
        redis.multi();
        for (String id : round) {
            redis.hmget(keys.state(id), "state", "orderNo");
        }
        redis.xrange(keys.redeemedStream(), Range.create("-", "+"), Limit.from(MAX_STREAM_ENTRIES + 1));
        TransactionResult result = redis.exec();
        if (result.wasDiscarded()) {
            throw new IllegalStateException("Redis discarded the voucher reconciliation's MULTI");
        }
        for (int i = 0; i < round.size(); i++) {
            @SuppressWarnings("unchecked")
            List<KeyValue<String, String>> fields = (List<KeyValue<String, String>>) result.get(i);
            String state = fields.get(0).getValueOrElse(null);
            if (state != null) {
                states.put(round.get(i), new State(state, fields.get(1).getValueOrElse("")));
            }
        }
        @SuppressWarnings("unchecked")
        List<StreamMessage<String, String>> entries = (List<StreamMessage<String, String>>) result.get(round.size());
        if (entries.size() > MAX_STREAM_ENTRIES) {
            return false;
        }
        for (StreamMessage<String, String> entry : entries) {
            Map<String, String> body = entry.getBody();
            if (body != null && body.get("voucherId") != null) {
                waiting.put(body.get("voucherId"), String.valueOf(body.get("orderNo")));
            }
        }
        return true;
    }

    private static String escape(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /** Closes its Redis link. Idempotent. */
    @Override
    public void close() {
        link.close();
    }
}
