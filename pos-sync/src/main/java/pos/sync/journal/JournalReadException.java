package pos.sync.journal;

import pos.sync.PosSyncException;

/** The journal file could not be read (the message names the file). Immutable. */
public class JournalReadException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public JournalReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
