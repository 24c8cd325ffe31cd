package pos.sync.card;

import pos.sync.PosSyncException;

/** The till's card token key ({@link CardTokens#FILE_NAME}) cannot be created or read. Immutable. */
public final class UnableToReadCardKeyException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToReadCardKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
