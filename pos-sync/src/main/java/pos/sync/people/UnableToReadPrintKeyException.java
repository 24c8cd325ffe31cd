package pos.sync.people;

import pos.sync.PosSyncException;

/** The print encryption key could not be read, created or parsed (configuration or key file); the message names it and never holds the key. Immutable. */
public class UnableToReadPrintKeyException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToReadPrintKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
