package pos.sync.hub;

import pos.sync.PosSyncException;

/** The store hub could not start: its listen address is taken or not local, for instance. Immutable. */
public class UnableToStartHubException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToStartHubException(String message, Throwable cause) {
        super(message, cause);
    }
}
