package pos.hub.park;

import pos.hub.PosHubException;

/** MariaDB could not park, list or recall a parked sale (unreachable, or the schema cannot be made). Immutable. */
public class UnableToStoreParkedSaleException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public UnableToStoreParkedSaleException(String message, Throwable cause) {
        super(message, cause);
    }
}
