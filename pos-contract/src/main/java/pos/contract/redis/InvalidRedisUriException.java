package pos.contract.redis;

import pos.contract.PosContractException;

/**
 * A configured Redis address is not a usable Redis URI. The message shows the URI with any user
 * and password masked. Immutable.
 */
public class InvalidRedisUriException extends PosContractException {

    private static final long serialVersionUID = 1L;

    public InvalidRedisUriException(String uri, Throwable cause) {
        super("not a Redis URI (expected redis://host:port/db, rediss://host:port/db or "
                + "redis-sentinel://host:port,host:port/db#primary): '" + RedisConnections.redact(uri) + "'", cause);
    }

    private InvalidRedisUriException(String message) {
        super(message);
    }

    /** A URI with a user or password in it: refused, since a URI shows in {@code ps}, shell history and logs. */
    static InvalidRedisUriException withCredentials(String uri) {
        return new InvalidRedisUriException("a Redis URI must not carry a user or password ('"
                + RedisConnections.redact(uri) + "'): a command line shows in ps and shell history; set "
                + RedisCredentials.USER_VARIABLE + " and " + RedisCredentials.PASSWORD_FILE_VARIABLE
                + " (a file of mode 0600) instead");
    }
}
