package pos.sync.recovery;

import pos.sync.PosSyncException;

/** The open or parked sale could not be written or read in the till's SQLite file. Immutable. */
public class UnableToKeepSaleException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToKeepSaleException(String message, Throwable cause) {
        super(message, cause);
    }
}
