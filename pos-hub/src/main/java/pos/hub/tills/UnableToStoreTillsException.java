package pos.hub.tills;

import pos.hub.PosHubException;

/** The store's MariaDB could not store or read the till credentials (unreachable, schema not creatable). Immutable. */
public class UnableToStoreTillsException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public UnableToStoreTillsException(String message) {
        super(message);
    }

    public UnableToStoreTillsException(String message, Throwable cause) {
        super(message, cause);
    }
}
