package pos.contract.voucher;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The voucher Lua scripts, run by SHA-1 ({@code EVALSHA}) and sent in full when a (restarted)
 * Redis does not know them. Immutable; thread-safe.
 */
public final class RedemptionScript {

    /**
     * Redeem (R2, R6): one atomic check-and-set of the voucher's state key.
     * KEYS: state, result, redeemed stream. ARGV: voucherId, fingerprint, storeId, tillId, transactionId,
     * nowMillis, orderNo, resultTtlMillis, results channel.
     * Answers the integer {@value #REDEEMED_NOW} for a redemption made by this call (everything in it is
     * what the caller sent: orderNo, storeId, tillId, transactionId, nowMillis), else
     * {status, reason, orderNo, store, till, tx, atMillis}.
     *
     * <p>Outcomes, in order: no state key → UNKNOWN; another fingerprint → FORGED; REDEEMED by the
     * same transaction → the same SUCCESS again (a retry; nothing written); REDEEMED by another →
     * ALREADY_REDEEMED naming the first; not ISSUED → UNKNOWN; past expiresAt → EXPIRED; another
     * store → WRONG_STORE; else REDEEMED: state moved, result stored with its TTL, the success
     * appended to the stream for MariaDB and the voucher id published. A failure is stored only
     * while no success is, so the customer's query keeps showing the success.
     *
     * <p>Why it is shaped so (issue 15, {@code ./pos bench vouchers}): the common call, a voucher
     * redeemed now, reads only the four fields the checks need (the earlier redemption's fields are
     * read only when there is one) and answers one integer instead of a table of seven strings the
     * caller already holds; every check and every write is the same as before.
     */
    public static final RedemptionScript REDEEM = new RedemptionScript("""
            local s = redis.call('HMGET', KEYS[1], 'state', 'fingerprint', 'store', 'expiresAt')
            local function fail(reason)
              if redis.call('HGET', KEYS[2], 'status') ~= 'SUCCESS' then
                redis.call('DEL', KEYS[2])
                redis.call('HSET', KEYS[2], 'status', 'FAILED', 'reason', reason, 'at', ARGV[6], 'store', ARGV[3],
                  'till', ARGV[4], 'tx', ARGV[5])
                redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[8]))
              end
              redis.call('PUBLISH', ARGV[9], ARGV[1])
              return {'FAILED', reason, '', ARGV[3], ARGV[4], ARGV[5], ARGV[6]}
            end
            if not s[1] then return fail('UNKNOWN') end
            if s[2] ~= ARGV[2] then return fail('FORGED') end
            if s[1] == 'REDEEMED' then
              local r = redis.call('HMGET', KEYS[1], 'orderNo', 'redeemedAt', 'redeemStore', 'redeemTill', 'tx')
              if r[5] == ARGV[5] then
                return {'SUCCESS', '', r[1], r[3], r[4], r[5], r[2]}
              end
              if redis.call('HGET', KEYS[2], 'status') ~= 'SUCCESS' then
                redis.call('DEL', KEYS[2])
                redis.call('HSET', KEYS[2], 'status', 'SUCCESS', 'reason', '', 'orderNo', r[1], 'at', r[2], 'store', r[3],
                  'till', r[4], 'tx', r[5])
              end
              redis.call('HSET', KEYS[2], 'lastRefusedAt', ARGV[6], 'lastRefusedStore', ARGV[3], 'lastRefusedTill', ARGV[4])
              redis.call('HINCRBY', KEYS[2], 'refusedAttempts', 1)
              redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[8]))
              redis.call('PUBLISH', ARGV[9], ARGV[1])
              return {'FAILED', 'ALREADY_REDEEMED', r[1], r[3], r[4], r[5], r[2]}
            end
            if s[1] ~= 'ISSUED' then return fail('UNKNOWN') end
            if tonumber(ARGV[6]) > tonumber(s[4]) then return fail('EXPIRED') end
            if s[3] ~= '*' and s[3] ~= ARGV[3] then return fail('WRONG_STORE') end
            redis.call('HSET', KEYS[1], 'state', 'REDEEMED', 'orderNo', ARGV[7], 'redeemedAt', ARGV[6], 'redeemStore', ARGV[3],
              'redeemTill', ARGV[4], 'tx', ARGV[5])
            redis.call('DEL', KEYS[2])
            redis.call('HSET', KEYS[2], 'status', 'SUCCESS', 'reason', '', 'orderNo', ARGV[7], 'at', ARGV[6], 'store', ARGV[3],
              'till', ARGV[4], 'tx', ARGV[5])
            redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[8]))
            redis.call('XADD', KEYS[3], '*', 'voucherId', ARGV[1], 'orderNo', ARGV[7], 'store', ARGV[3], 'till', ARGV[4],
              'tx', ARGV[5], 'redeemedAt', ARGV[6])
            redis.call('PUBLISH', ARGV[9], ARGV[1])
            return 1
            """);

    /** What {@link #REDEEM} answers (as the only element of its reply) for a redemption made by that very call. */
    public static final long REDEEMED_NOW = 1;

    /**
     * Seed a voucher's state (issuing, or copying MariaDB back into a Redis that lost it).
     * KEYS: state. ARGV: expireAtMillis, then field/value pairs, the first being state.
     * Writes when there is no state yet, or when the pairs say REDEEMED and Redis says ISSUED
     * (MariaDB wins); never turns REDEEMED back into ISSUED. Answers 1 if written, else 0.
     */
    public static final RedemptionScript SEED = new RedemptionScript("""
            local current = redis.call('HGET', KEYS[1], 'state')
            if current and not (current == 'ISSUED' and ARGV[3] == 'REDEEMED') then return 0 end
            redis.call('DEL', KEYS[1])
            for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('PEXPIREAT', KEYS[1], tonumber(ARGV[1]))
            return 1
            """);

    private final String source;
    private final String sha1;

    private RedemptionScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    /** The script's SHA-1 (hex), the name {@code EVALSHA} and {@code SCRIPT EXISTS} know it by. */
    public String sha1() {
        return sha1;
    }

    public List<Object> runMulti(RedisCommands<String, String> redis, String[] keys, String... args) {
        try {
            return redis.evalsha(sha1, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, ScriptOutputType.MULTI, keys, args);
        }
    }

    public long runInteger(RedisCommands<String, String> redis, String[] keys, String... args) {
        Long answer;
        try {
            answer = redis.evalsha(sha1, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException e) {
            answer = redis.eval(source, ScriptOutputType.INTEGER, keys, args);
        }
        return answer == null ? 0 : answer;
    }

    /**
     * Runs the script once per argument list, pipelined in chunks (one round trip per chunk, not
     * per call), after loading it; answers the integer replies in order.
     */
    public List<Long> runIntegersPipelined(io.lettuce.core.api.StatefulRedisConnection<String, String> connection,
            List<String[]> keys, List<String[]> args, java.time.Duration timeout) {
        connection.sync().scriptLoad(source);
        io.lettuce.core.api.async.RedisAsyncCommands<String, String> async = connection.async();
        List<Long> answers = new java.util.ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += 500) {
            List<io.lettuce.core.RedisFuture<Long>> chunk = new java.util.ArrayList<>();
            for (int i = from; i < Math.min(keys.size(), from + 500); i++) {
                chunk.add(async.evalsha(sha1, ScriptOutputType.INTEGER, keys.get(i), args.get(i)));
            }
            for (io.lettuce.core.RedisFuture<Long> future : chunk) {
                try {
                    answers.add(future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing vouchers to Redis", e);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new io.lettuce.core.RedisException("a pipelined voucher script failed: " + e.getMessage(), e);
                }
            }
        }
        return answers;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
