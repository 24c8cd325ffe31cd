package pos.contract.redis;

/**
 * No Sentinel named a primary for the configured name: the name is wrong, or every sentinel is
 * unreachable, or a failover is under way. Immutable.
 */
public class NoRedisPrimaryException extends UnableToReachRedisException {

    private static final long serialVersionUID = 1L;

    public NoRedisPrimaryException(String endpoint, String reason, Throwable cause) {
        super(endpoint, reason, "redis " + endpoint + ": " + reason, cause);
    }
}
