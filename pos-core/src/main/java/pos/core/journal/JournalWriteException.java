package pos.core.journal;

/** A sale could not be written durably to the till's journal. The sale is not done. */
public class JournalWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
