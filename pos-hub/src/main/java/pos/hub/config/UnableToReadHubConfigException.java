package pos.hub.config;

import pos.hub.PosHubException;

/** A configuration or secrets file that is missing, unreadable or names an unknown option. Immutable. */
public class UnableToReadHubConfigException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public UnableToReadHubConfigException(String message) {
        super(message);
    }

    public UnableToReadHubConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
