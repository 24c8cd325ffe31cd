package pos.sync.people;

import pos.sync.PosSyncException;

/** A till's {@code since} cursor is not one the store's hub handed out; the message says why and what to do. Immutable. */
public class InvalidPeopleCursorException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public InvalidPeopleCursorException(String message) {
        super(message);
    }
}
