package pos.contract.redis;

/**
 * Redis refused to log the client in: a wrong password or unknown/disabled user (WRONGPASS), or
 * no credentials where the server wants some (NOAUTH). Retrying does not help until someone
 * fixes the password or the ACL; the message never carries the password. Immutable.
 */
public class RedisLoginRefusedException extends UnableToReachRedisException {

    private static final long serialVersionUID = 1L;

    public RedisLoginRefusedException(String endpoint, String reason, String message, Throwable cause) {
        super(endpoint, reason, message, cause);
    }
}
