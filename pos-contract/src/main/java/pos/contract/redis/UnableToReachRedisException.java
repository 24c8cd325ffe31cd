package pos.contract.redis;

import pos.contract.PosContractException;

/**
 * Redis could not be reached or did not answer in time. The message reads like
 * {@code "redis 10.0.0.5:6379: connection refused"}. Immutable.
 */
public class UnableToReachRedisException extends PosContractException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final String reason;

    public UnableToReachRedisException(String endpoint, String reason, Throwable cause) {
        super("redis " + endpoint + ": " + reason, cause);
        this.endpoint = endpoint;
        this.reason = reason;
    }

    /**
     * For subclasses whose sentence does not fit "redis host:port: reason".
     *
     * @param message the whole sentence
     */
    protected UnableToReachRedisException(String endpoint, String reason, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.reason = reason;
    }

    /** {@code host:port} of the Redis server. */
    public String endpoint() {
        return endpoint;
    }

    /** The plain reason, e.g. "connection refused". */
    public String reason() {
        return reason;
    }
}
