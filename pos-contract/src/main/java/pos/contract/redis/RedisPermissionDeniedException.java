package pos.contract.redis;

import pos.contract.PosContractException;

/**
 * Redis refused a command because the ACL user may not run it or may not touch its key
 * (NOPERM). The message names the user, the command and, where known, the key; fix the ACL, not
 * the code. Immutable.
 */
public class RedisPermissionDeniedException extends PosContractException {

    private static final long serialVersionUID = 1L;

    private final String command;
    private final String key;

    public RedisPermissionDeniedException(String message, String command, String key, Throwable cause) {
        super(message, cause);
        this.command = command;
        this.key = key;
    }

    /** The refused command, e.g. {@code SET}, or null when Redis did not say. */
    public String command() {
        return command;
    }

    /** The key, or null when not known. */
    public String key() {
        return key;
    }
}
