package pos.hub.people;

import pos.contract.people.PeopleRedisKeys;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.people.LedgerEntry;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;

/**
 * The hub's restore of the members' stored value into a Redis that lost it (restarted without
 * persistence, flushed): every balance and every ledger hash (the applied transaction ids the
 * debit script needs for idempotency) are rebuilt from MariaDB's {@code member_ledger}.
 *
 * <p>How it stays safe while tills keep paying:
 * <ul>
 *   <li>the debit and top-up script answers UNAVAILABLE while the marker {@link PeopleRedisKeys#restored()}
 *       is missing, so nothing moves on a balance that only looks empty;</li>
 *   <li>a pass writes a token of its own to {@link PeopleRedisKeys#restoring()}, restores each member in one
 *       script that writes only if the member's balance key is missing (a member another hub restored, or one
 *       that moved since, is left alone), and sets the marker in one script only if its token is still there:
 *       a Redis that restarted again in the middle lost the token, so that pass ends without a marker and the
 *       next pass starts over;</li>
 *   <li>a balance is the sum of the member's top-ups minus debits in MariaDB, and each transaction id gets
 *       back its {@code "KIND amount balanceAfter"} entry, so a repeated id answers ALREADY_DONE as before.</li>
 * </ul>
 * Movements Redis accepted but the hub had not archived yet when Redis lost its data are not in
 * MariaDB and cannot come back from there (the tills' SQLite {@code member_ledger} keeps their own).
 * Thread-safe; {@link #restoreIfNeeded()} may run on several hubs at once.
 */
public final class StoredValueRestorer implements AutoCloseable {

    /** How many members one MariaDB page brings. */
    static final int MEMBERS_PER_PAGE = 200;
    /** A restore pass that died leaves its token this long at most. */
    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(StoredValueRestorer.class);

    /** KEYS: balance, ledger. ARGV: balance, then transaction id and ledger entry pairs. Answers 1 restored, 0 left alone. */
    private static final Script RESTORE_MEMBER = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            for i = 2, #ARGV, 2 do
              redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
            end
            return 1
            """);
    /** KEYS: restoring, restored. ARGV: token, marker value. Answers 1 when the marker was set. */
    private static final Script FINISH = new Script("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[2], ARGV[2])
            redis.call('DEL', KEYS[1])
            return 1
            """);

    /**
     * What one call did.
     *
     * @param needed           whether the marker was missing (false: Redis has its balances, nothing was read)
     * @param restored         members whose balance and ledger were written back
     * @param alreadyThere     members whose balance key existed (another hub restored them, or they moved since)
     * @param finished         whether this pass set the marker (debits run again)
     */
    public record Outcome(boolean needed, int restored, int alreadyThere, boolean finished) {
    }

    private final RedisLink link;
    private final MariaDbPeopleStore store;
    private final PeopleRedisKeys keys;
    private final String hubName;
    private final Clock clock;
    private final Object passLock = new Object();
    private String lastFailure; // guarded by passLock

    /** A restorer named {@code hubName} (in the marker, for a person reading Redis); it owns neither {@code redis} nor {@code store}. */
    public StoredValueRestorer(RedisConnections redis, MariaDbPeopleStore store, PeopleRedisKeys keys, String hubName,
            Clock clock) {
        this.link = new RedisLink(Objects.requireNonNull(redis, "redis"), "stored-value restore");
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.hubName = Objects.requireNonNull(hubName, "hubName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Restores every member's balance and ledger from MariaDB if the marker is missing, then sets it.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached (the marker stays missing)
     * @throws UnableToStorePeopleException if MariaDB cannot be read (the marker stays missing)
     */
    public Outcome restoreIfNeeded() {
        synchronized (passLock) {
            RedisCommands<String, String> redis = commands();
            try {
                if (redis.exists(keys.restored()) == 1) {
                    return new Outcome(false, 0, 0, false);
                }
                String token = hubName + "/" + UUID.randomUUID();
                redis.set(keys.restoring(), token, SetArgs.Builder.px(TOKEN_TTL.toMillis()));
                log.warn("Redis holds no stored-value marker {}: restoring the members' balances from MariaDB (pass {});"
                        + " debits answer UNAVAILABLE until it is done", keys.restored(), token);
                int restored = 0;
                int alreadyThere = 0;
                String after = "";
                while (true) {
                    SortedMap<String, List<LedgerEntry>> page = store.ledgersAfter(after, MEMBERS_PER_PAGE);
                    if (page.isEmpty()) {
                        break;
                    }
                    for (Map.Entry<String, List<LedgerEntry>> member : page.entrySet()) {
                        if (restoreMember(redis, member.getKey(), member.getValue())) {
                            restored++;
                        } else {
                            alreadyThere++;
                        }
                    }
                    after = page.lastKey();
                }
                String marker = "restored by " + hubName + " at " + clock.instant() + " (" + restored + " members)";
                boolean finished = ((Number) FINISH.run(redis, ScriptOutputType.INTEGER,
                        new String[] {keys.restoring(), keys.restored()}, token, marker)).longValue() == 1;
                if (finished) {
                    log.info("Stored value restored from MariaDB: {} members written back, {} already in Redis; debits run"
                            + " again", restored, alreadyThere);
                } else {
                    log.warn("Stored-value restore pass {} ended without its token in Redis (Redis restarted again, or another"
                            + " hub started a pass): {} members written back; the marker is left to the next pass", token,
                            restored);
                }
                lastFailure = null;
                return new Outcome(true, restored, alreadyThere, finished);
            } catch (io.lettuce.core.RedisException e) {
                throw link.failed(e);
            }
        }
    }

    /**
     * {@link #restoreIfNeeded()} for a scheduler: a failure is logged (once per distinct reason) and
     * left for the next call, when Redis or MariaDB may be back.
     */
    public void restoreQuietly() {
        try {
            restoreIfNeeded();
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            synchronized (passLock) {
                if (!reason.equals(lastFailure)) {
                    log.warn("Stored value not restored yet ({}); debits answer UNAVAILABLE and the restore is tried again",
                            reason);
                    lastFailure = reason;
                }
            }
        }
    }

    private boolean restoreMember(RedisCommands<String, String> redis, String memberId, List<LedgerEntry> ledger) {
        long balance = 0;
        List<String> args = new ArrayList<>(1 + 2 * ledger.size());
        args.add(""); // the balance, once summed
        for (LedgerEntry e : ledger) {
            balance = e.kind() == LedgerEntry.Kind.DEBIT ? Math.subtractExact(balance, e.amountMinor())
                    : Math.addExact(balance, e.amountMinor());
            args.add(e.transactionId());
            args.add(e.kind().name() + " " + e.amountMinor() + " " + e.balanceAfterMinor());
        }
        if (!ledger.isEmpty() && ledger.get(ledger.size() - 1).balanceAfterMinor() != balance) {
            // Movements from several tills in the same millisecond may sort in another order than Redis ran them;
            // the sum does not depend on the order, so it is what is restored.
            log.debug("Member {}: the newest ledger row says {} after it, the sum of the ledger is {}", memberId,
                    ledger.get(ledger.size() - 1).balanceAfterMinor(), balance);
        }
        args.set(0, Long.toString(balance));
        return ((Number) RESTORE_MEMBER.run(redis, ScriptOutputType.INTEGER,
                new String[] {keys.balance(memberId), keys.ledger(memberId)}, args.toArray(String[]::new))).longValue() == 1;
    }

    private RedisCommands<String, String> commands() {
        return link.get().sync();
    }

    /** Closes its Redis link. Idempotent. */
    @Override
    public void close() {
        link.close();
    }

    /** A Lua script run by SHA-1 and sent in full to a Redis that does not know it (one that just restarted). */
    private record Script(String source, String sha1) {

        Script(String source) {
            this(source, sha1Of(source));
        }

        Object run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
            try {
                return redis.evalsha(sha1, type, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.eval(source, type, keys, args);
            }
        }

        private static String sha1Of(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-1", e);
            }
        }
    }
}
