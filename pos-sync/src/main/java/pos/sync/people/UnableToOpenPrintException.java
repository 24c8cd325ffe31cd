package pos.sync.people;

import pos.sync.PosSyncException;

/** A sealed print could not be decrypted: tampered with, moved to another person or driver, or sealed under a key this till does not have. The message says which record and key. Immutable. */
public class UnableToOpenPrintException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToOpenPrintException(String message, Throwable cause) {
        super(message, cause);
    }
}
