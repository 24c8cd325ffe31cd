package pos.testkit.redis;

import pos.testkit.TestkitException;

/**
 * Redis answered a command sent through {@link RedisProcess#call} with an error reply
 * ({@code -ERR ...}, {@code -WRONGTYPE ...}, {@code -LOADING ...}).
 *
 * <p>Immutable and thread-safe.
 */
public class RedisErrorReplyException extends TestkitException {

    /** The error reply without the leading '-'. */
    private final String reply;

    /**
     * @param command the command's name, e.g. {@code SET}
     * @param reply the error reply without the leading '-', e.g. {@code ERR syntax error}
     */
    public RedisErrorReplyException(String command, String reply) {
        super("redis answered " + command + " with an error: " + reply);
        this.reply = reply;
    }

    /** @return the error reply without the leading '-', e.g. {@code LOADING Redis is loading ...} */
    public String reply() {
        return reply;
    }
}
