package pos.sync;

/**
 * Base of every failure raised by pos-sync. Subclasses are named for the failure and their
 * messages carry the context a person needs (host:port, file, counts); the cause is chained.
 * Immutable.
 */
public class PosSyncException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PosSyncException(String message) {
        super(message);
    }

    public PosSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
