package pos.sync.people;

import pos.contract.people.PeopleRedisKeys;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one Lua script that moves a member's stored value, run by SHA-1 ({@code EVALSHA}) and sent
 * in full to a Redis that does not know it. Atomic: two tills spending the same balance at the
 * same moment are serialised by Redis, so at most the balance is spent. Immutable; thread-safe.
 *
 * <p>KEYS: balance, ledger hash, changes stream, restored marker. ARGV: memberId, transactionId, kind (DEBIT or
 * TOP_UP), amount, tillId, atMillis, sig (the till's {@link pos.contract.auth.EntrySignature} over the
 * ledger entry's fields but {@code balanceAfter}, which only the script knows). Answers {outcome, balance}:
 * <ul>
 *   <li>the restored marker ({@link PeopleRedisKeys#restored()}) is missing → UNAVAILABLE and -1:
 *       Redis came back without its data and the hub has not yet restored the balances from MariaDB,
 *       so a missing balance does not mean 0 and a missing ledger entry does not mean "not applied";</li>
 *   <li>the transaction id is in the ledger hash with the same kind and amount → ALREADY_DONE and
 *       the balance right after it (a retry; nothing moves); with another kind or amount →
 *       CONFLICTING_RETRY;</li>
 *   <li>a debit above the balance (no balance key = 0) → INSUFFICIENT_BALANCE;</li>
 *   <li>else the balance moves, the ledger hash keeps {@code "KIND amount balanceAfter"} under the
 *       transaction id, and the movement is appended to the changes stream for MariaDB → DONE.</li>
 * </ul>
 */
final class StoredValueScript {

    private static final String SOURCE = """
            if redis.call('EXISTS', KEYS[4]) == 0 then return {'UNAVAILABLE', -1} end
            local prev = redis.call('HGET', KEYS[2], ARGV[2])
            local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
            if prev then
              local kind, amount, after = string.match(prev, '^(%S+) (%d+) (%-?%d+)$')
              if kind ~= ARGV[3] or amount ~= ARGV[4] then return {'CONFLICTING_RETRY', balance} end
              return {'ALREADY_DONE', tonumber(after)}
            end
            local amount = tonumber(ARGV[4])
            if ARGV[3] == 'DEBIT' then
              if balance < amount then return {'INSUFFICIENT_BALANCE', balance} end
              balance = redis.call('DECRBY', KEYS[1], amount)
            else
              balance = redis.call('INCRBY', KEYS[1], amount)
            end
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[3] .. ' ' .. ARGV[4] .. ' ' .. balance)
            redis.call('XADD', KEYS[3], '*', 'type', 'ledger', 'member', ARGV[1], 'tx', ARGV[2], 'kind', ARGV[3],
              'amount', ARGV[4], 'balanceAfter', tostring(balance), 'till', ARGV[5], 'at', ARGV[6], 'sig', ARGV[7])
            return {'DONE', balance}
            """;
    private static final String SHA1 = sha1(SOURCE);

    private StoredValueScript() {
    }

    static List<Object> run(RedisCommands<String, String> redis, String[] keys, String... args) {
        try {
            return redis.evalsha(SHA1, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(SOURCE, ScriptOutputType.MULTI, keys, args);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
