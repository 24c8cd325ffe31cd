package pos.hub;

/**
 * Base of every failure raised by pos-hub (the store hub). Subclasses are named for the failure and their
 * messages carry the context a person needs (host:port, file, counts); the cause is chained.
 * Immutable.
 */
public class PosHubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PosHubException(String message) {
        super(message);
    }

    public PosHubException(String message, Throwable cause) {
        super(message, cause);
    }
}
