package pos.contract.rules;

import io.lettuce.core.ScriptOutputType;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import pos.contract.redis.RedisLink;

/**
 * The rule base in force in the store's Redis ({@link RuleBaseKeys}): the hub writes it, the tills
 * read it. A write never moves the version backwards (one Lua compare-and-set), so a hub
 * republishing an older version at start cannot undo a newer one another hub just published;
 * every write publishes the version on the change channel. The body, its version and the store
 * owner's signature ({@link RuleBaseSignature}) are written together and read together
 * ({@link #snapshot()}); a version the owner did not sign (someone wrote Redis behind the hub's
 * back) is put right with {@link #replace}, which may move the number down. Thread-safe.
 */
public final class RedisRuleBaseBoard {

    // KEYS: current, version, signature; ARGV: version, body, channel, signature. Sets all three when the
    // version is newer, or is the same but the body or signature in Redis differs (lost, or overwritten by
    // hand); publishes either way.
    private static final String PUBLISH = """
            local have = tonumber(redis.call('GET', KEYS[2]) or '-1') or -1
            local new = tonumber(ARGV[1])
            local written = 0
            if have < new or (have == new and (redis.call('GET', KEYS[1]) ~= ARGV[2]
                or redis.call('GET', KEYS[3]) ~= ARGV[4])) then
              redis.call('SET', KEYS[1], ARGV[2])
              redis.call('SET', KEYS[2], ARGV[1])
              redis.call('SET', KEYS[3], ARGV[4])
              written = 1
            end
            redis.call('PUBLISH', ARGV[3], ARGV[1])
            return written
            """;

    // KEYS: current, version, signature; ARGV: version, body, channel, signature, SHA-1 hex of the body
    // found in Redis ('' for none). Overwrites whatever is there, but only if the body is still the one
    // found: a genuine version another hub wrote meanwhile is never undone.
    private static final String REPLACE = """
            local found = redis.call('GET', KEYS[1])
            local foundSha = ''
            if found then foundSha = redis.sha1hex(found) end
            if foundSha ~= ARGV[5] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2])
            redis.call('SET', KEYS[2], ARGV[1])
            redis.call('SET', KEYS[3], ARGV[4])
            redis.call('PUBLISH', ARGV[3], ARGV[1])
            return 1
            """;

    /**
     * What Redis holds, read in one command (so the three keys belong together). Any part may be
     * null: nothing published yet, or written by someone who is not the hub.
     */
    public record Snapshot(String body, String version, String signature) {
        /** The version key as a number, if it is one. */
        public OptionalLong versionNumber() {
            if (version == null) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(version.strip()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty(); // not written by a hub
            }
        }

        @Override
        public String toString() {
            return "Snapshot[version=" + version + ", body=" + (body == null ? "none" : body.length() + " chars")
                    + ", signed=" + (signature != null) + "]";
        }
    }

    private final RedisLink link;
    private final RuleBaseKeys keys;

    public RedisRuleBaseBoard(RedisLink link, RuleBaseKeys keys) {
        this.link = Objects.requireNonNull(link, "link");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Makes {@code version} with {@code body} and the owner's {@code signature} the rule base in force
     * unless Redis already holds a newer one or exactly this, and publishes the version on the change channel.
     *
     * @return true if written, false if Redis already held this or a newer version
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached
     */
    public boolean publish(long version, String body, String signature) {
        try {
            Long written = link.get().sync().eval(PUBLISH, ScriptOutputType.INTEGER,
                    new String[] {keys.currentKey(), keys.versionKey(), keys.signatureKey()}, Long.toString(version), body,
                    keys.channel(), signature == null ? "" : signature);
            return written != null && written == 1L;
        } catch (RuntimeException e) {
            throw link.failed(e);
        }
    }

    /**
     * Writes {@code version} over whatever Redis holds, even a higher version, provided the body there
     * is still {@code found} (what the caller read and found forged); publishes the version.
     *
     * @param found the body read before, or null when there was none
     * @return true if written, false if the body changed meanwhile (read again)
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached
     */
    public boolean replace(long version, String body, String signature, String found) {
        try {
            Long written = link.get().sync().eval(REPLACE, ScriptOutputType.INTEGER,
                    new String[] {keys.currentKey(), keys.versionKey(), keys.signatureKey()}, Long.toString(version), body,
                    keys.channel(), signature == null ? "" : signature, found == null ? "" : sha1(found));
            return written != null && written == 1L;
        } catch (RuntimeException e) {
            throw link.failed(e);
        }
    }

    /**
     * The body, version and signature in Redis, read together.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached
     */
    public Snapshot snapshot() {
        java.util.List<io.lettuce.core.KeyValue<String, String>> values;
        try {
            values = link.get().sync().mget(keys.currentKey(), keys.versionKey(), keys.signatureKey());
        } catch (RuntimeException e) {
            throw link.failed(e);
        }
        return new Snapshot(values.get(0).getValueOrElse(null), values.get(1).getValueOrElse(null),
                values.get(2).getValueOrElse(null));
    }

    private static String sha1(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /**
     * The version Redis says is in force, if it holds one that is a number.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached
     */
    public OptionalLong version() {
        String raw;
        try {
            raw = link.get().sync().get(keys.versionKey());
        } catch (RuntimeException e) {
            throw link.failed(e);
        }
        if (raw == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // not written by a hub: the body decides
        }
    }

    /**
     * The rule data in force as JSON text, if any.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached
     */
    public Optional<String> current() {
        try {
            return Optional.ofNullable(link.get().sync().get(keys.currentKey()));
        } catch (RuntimeException e) {
            throw link.failed(e);
        }
    }

    /** The keys it uses. */
    public RuleBaseKeys keys() {
        return keys;
    }
}
