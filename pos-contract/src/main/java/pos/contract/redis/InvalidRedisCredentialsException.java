package pos.contract.redis;

import pos.contract.PosContractException;

/**
 * Redis credentials are missing, malformed, or kept in a file others may read. The message names
 * the file or variable and what to do; it never carries the password. Immutable.
 */
public class InvalidRedisCredentialsException extends PosContractException {

    private static final long serialVersionUID = 1L;

    public InvalidRedisCredentialsException(String message) {
        super(message);
    }

    public InvalidRedisCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
