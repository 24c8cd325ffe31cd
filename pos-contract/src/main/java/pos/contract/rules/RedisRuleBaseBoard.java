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
 * every write publishes the version on the change channel. Thread-safe.
 */
public final class RedisRuleBaseBoard {

    // KEYS: current, version; ARGV: version, body, channel. Sets both when the version is newer, or
    // is the same but the body in Redis differs (lost, or overwritten by hand); publishes either way.
    private static final String PUBLISH = """
            local have = tonumber(redis.call('GET', KEYS[2]) or '-1') or -1
            local new = tonumber(ARGV[1])
            local written = 0
            if have < new or (have == new and redis.call('GET', KEYS[1]) ~= ARGV[2]) then
              redis.call('SET', KEYS[1], ARGV[2])
              redis.call('SET', KEYS[2], ARGV[1])
              written = 1
            end
            redis.call('PUBLISH', ARGV[3], ARGV[1])
            return written
            """;

    private final RedisLink link;
    private final RuleBaseKeys keys;

    public RedisRuleBaseBoard(RedisLink link, RuleBaseKeys keys) {
        this.link = Objects.requireNonNull(link, "link");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Makes {@code version} with {@code body} the rule base in force unless Redis already holds a
     * newer one or exactly this, and publishes the version on the change channel.
     *
     * @return true if written, false if Redis already held this or a newer version
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached
     */
    public boolean publish(long version, String body) {
        try {
            Long written = link.get().sync().eval(PUBLISH, ScriptOutputType.INTEGER,
                    new String[] {keys.currentKey(), keys.versionKey()}, Long.toString(version), body, keys.channel());
            return written != null && written == 1L;
        } catch (RuntimeException e) {
            throw link.failed(e);
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
