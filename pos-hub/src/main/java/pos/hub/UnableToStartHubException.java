package pos.hub;

import pos.hub.PosHubException;

/** The store hub could not start: its listen address is taken or not local, for instance. Immutable. */
public class UnableToStartHubException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public UnableToStartHubException(String message, Throwable cause) {
        super(message, cause);
    }
}
