package pos.hub.people;

import io.lettuce.core.KeyScanCursor;
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
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.auth.EntrySignature;
import pos.contract.auth.TillKeys;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.core.people.LedgerEntry;

/**
 * The hub's check that every member's balance in Redis is what the store's ledger says (issue 10:
 * "a forged balance is detected at the hub's reconciliation and reported"). Balances move only
 * through the stored-value script, which records each movement in the member's ledger hash and
 * appends the till-signed entry to {@code pos:people:changes} in the same step; so a balance is
 * right when it equals the sum of the movements its ledger hash lists, each taken from MariaDB's
 * {@code member_ledger} or, not archived yet, from a signed entry still in the stream. A balance set
 * by hand ({@code SET}), a movement written into the ledger hash by hand, or one whose entry no known
 * till signed, makes a difference, reported with the member and both values.
 *
 * <p>Race-free while tills pay: the balances, ledger hashes and the stream are read in one
 * {@code MULTI}; a movement in that snapshot is in the stream or was archived before (the archiver
 * commits MariaDB before it deletes the entry), and MariaDB is read after. Movements after the
 * snapshot are in neither side's sum. Thread-safe (one pass at a time).
 */
public final class StoredValueReconciler implements AutoCloseable {

    /** The most stream entries a pass reads; a longer backlog waits for the archiver (the pass says so). */
    static final int MAX_STREAM_ENTRIES = 100_000;
    /** Members read from Redis per {@code MULTI}. */
    static final int MEMBERS_PER_ROUND = 500;
    private static final Logger log = LoggerFactory.getLogger(StoredValueReconciler.class);

    /**
     * One member whose balance differs.
     *
     * @param memberId       the member
     * @param redisBalance   the balance in Redis (minor units)
     * @param ledgerBalance  what the store's ledger makes it (MariaDB, plus signed movements not archived yet)
     * @param unexplained    movements in the Redis ledger hash that neither MariaDB nor a signed stream entry has
     * @param message        one sentence for the store's IT person
     */
    public record Difference(String memberId, long redisBalance, long ledgerBalance, List<String> unexplained, String message) {
    }

    /**
     * What one pass found.
     *
     * @param checked     members compared
     * @param differences the members whose balance differs
     * @param skipped     why nothing was compared (the balances are being restored, the backlog is too long), or empty
     */
    public record Outcome(int checked, List<Difference> differences, Optional<String> skipped) {
    }

    private final RedisLink link;
    private final MariaDbPeopleStore store;
    private final PeopleRedisKeys keys;
    private final TillKeys tillKeys;
    private final Object passLock = new Object();

    /** A reconciler of the balances under {@code keys}; it owns neither {@code redis} nor {@code store}. */
    public StoredValueReconciler(RedisConnections redis, MariaDbPeopleStore store, PeopleRedisKeys keys, TillKeys tillKeys) {
        this.link = new RedisLink(Objects.requireNonNull(redis, "redis"), "stored-value reconciliation");
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.tillKeys = Objects.requireNonNull(tillKeys, "tillKeys");
    }

    /**
     * Compares every member's balance in Redis with the store's ledger.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached
     * @throws UnableToStorePeopleException if MariaDB cannot be read
     */
    public Outcome runOnce() {
        synchronized (passLock) {
            RedisCommands<String, String> redis = link.get().sync();
            try {
                if (redis.exists(keys.restored()) == 0) {
                    return new Outcome(0, List.of(), Optional.of("the balances are being restored from MariaDB"));
                }
                List<String> members = memberIds(redis);
                Map<String, Long> balances = new HashMap<>();
                Map<String, Map<String, String>> ledgers = new HashMap<>();
                Map<String, Long> waiting = new HashMap<>(); // "member tx" → signed amount not archived yet
                for (int from = 0; from < members.size(); from += MEMBERS_PER_ROUND) {
                    List<String> round = members.subList(from, Math.min(members.size(), from + MEMBERS_PER_ROUND));
                    Optional<String> tooLong = snapshot(redis, round, balances, ledgers, waiting);
                    if (tooLong.isPresent()) {
                        return new Outcome(0, List.of(), tooLong);
                    }
                }
                Map<String, Map<String, Long>> archived = archivedLedgers();
                List<Difference> differences = new ArrayList<>();
                for (String member : members) {
                    Long balance = balances.get(member);
                    if (balance == null) {
                        continue; // gone between the scan and the snapshot
                    }
                    compare(member, balance, ledgers.getOrDefault(member, Map.of()),
                            archived.getOrDefault(member, Map.of()), waiting).ifPresent(differences::add);
                }
                return new Outcome(balances.size(), List.copyOf(differences), Optional.empty());
            } catch (io.lettuce.core.RedisException e) {
                throw link.failed(e);
            }
        }
    }

    private Optional<Difference> compare(String member, long balance, Map<String, String> ledgerHash,
            Map<String, Long> archived, Map<String, Long> waiting) {
        long expected = 0;
        List<String> unexplained = new ArrayList<>();
        for (String tx : ledgerHash.keySet()) {
            Long signed = archived.get(tx);
            if (signed == null) {
                signed = waiting.get(member + " " + tx);
            }
            if (signed == null) {
                unexplained.add(tx);
            } else {
                expected = Math.addExact(expected, signed);
            }
        }
        if (balance == expected && unexplained.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("SEC: member ").append(member).append("'s balance in Redis is ")
                .append(balance).append(" but the store's ledger (MariaDB and signed movements on their way) makes it ")
                .append(expected);
        if (!unexplained.isEmpty()) {
            message.append("; Redis lists ").append(unexplained.size()).append(" movement(s) no till's signed entry brought: ")
                    .append(String.join(", ", unexplained.subList(0, Math.min(5, unexplained.size()))));
        }
        return Optional.of(new Difference(member, balance, expected, List.copyOf(unexplained), message.toString()));
    }

    private List<String> memberIds(RedisCommands<String, String> redis) {
        String prefix = keys.balance("");
        List<String> members = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(escape(prefix) + "*").limit(1_000));
            for (String key : page.getKeys()) {
                members.add(key.substring(prefix.length()));
            }
            cursor = page;
        } while (!cursor.isFinished());
        return members;
    }

    /** One {@code MULTI}: the round's balances and ledger hashes, and the stream's ledger entries, at one moment. */
    private Optional<String> snapshot(RedisCommands<String, String> redis, List<String> round, Map<String, Long> balances,
            Map<String, Map<String, String>> ledgers, Map<String, Long> waiting) {
        redis.multi();
        for (String member : round) {
            redis.get(keys.balance(member));
            redis.hgetall(keys.ledger(member));
        }
        redis.xrange(keys.changes(), Range.create("-", "+"), Limit.from(MAX_STREAM_ENTRIES + 1));
        TransactionResult result = redis.exec();
        if (result.wasDiscarded()) {
            throw new IllegalStateException("Redis discarded the reconciliation's MULTI");
        }
        for (int i = 0; i < round.size(); i++) {
            Object balance = result.get(2 * i);
            if (balance != null) {
                balances.put(round.get(i), Long.parseLong(balance.toString()));
                @SuppressWarnings("unchecked")
                Map<String, String> ledger = (Map<String, String>) result.get(2 * i + 1);
                ledgers.put(round.get(i), ledger);
            }
        }
        @SuppressWarnings("unchecked")
        List<StreamMessage<String, String>> entries = (List<StreamMessage<String, String>>) result.get(2 * round.size());
        if (entries.size() > MAX_STREAM_ENTRIES) {
            return Optional.of(keys.changes() + " holds more than " + MAX_STREAM_ENTRIES + " entries waiting to be archived");
        }
        for (StreamMessage<String, String> entry : entries) {
            Map<String, String> body = entry.getBody();
            if (body == null || !"ledger".equals(body.get("type")) || !signedByKnownTill(body)) {
                continue; // only a movement a known till signed explains a balance
            }
            try {
                long amount = Long.parseLong(body.get("amount"));
                long signedAmount = LedgerEntry.Kind.DEBIT.name().equals(body.get("kind")) ? -amount : amount;
                waiting.put(body.get("member") + " " + body.get("tx"), signedAmount);
            } catch (NumberFormatException e) {
                log.debug("Ledger entry {} has no amount; it explains no balance", entry.getId());
            }
        }
        return Optional.empty();
    }

    private boolean signedByKnownTill(Map<String, String> body) {
        Optional<byte[]> key = tillKeys.streamSigningKey(body.get(EntrySignature.TILL_FIELD));
        if (key.isEmpty()) {
            return false;
        }
        Map<String, String> signed = new HashMap<>(body);
        signed.remove(PeopleArchiver.UNSIGNED_BALANCE_AFTER);
        return EntrySignature.verify(key.get(), signed);
    }

    /** member → transaction id → signed amount (top-ups positive), from MariaDB. */
    private Map<String, Map<String, Long>> archivedLedgers() {
        Map<String, Map<String, Long>> all = new HashMap<>();
        String after = "";
        while (true) {
            SortedMap<String, List<LedgerEntry>> page = store.ledgersAfter(after, StoredValueRestorer.MEMBERS_PER_PAGE);
            if (page.isEmpty()) {
                return all;
            }
            page.forEach((member, entries) -> {
                Map<String, Long> byTx = all.computeIfAbsent(member, m -> new HashMap<>());
                for (LedgerEntry e : entries) {
                    byTx.put(e.transactionId(), e.kind() == LedgerEntry.Kind.DEBIT ? -e.amountMinor() : e.amountMinor());
                }
            });
            after = page.lastKey();
        }
    }

    /** {@code text} with the glob characters of SCAN MATCH escaped. */
    private static String escape(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /** Closes its Redis link. Idempotent. */
    @Override
    public void close() {
        link.close();
    }
}
