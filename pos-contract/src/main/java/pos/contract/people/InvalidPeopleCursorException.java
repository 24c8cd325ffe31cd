package pos.contract.people;

import pos.contract.PosContractException;

/** A till's {@code since} cursor is not one the store's hub handed out; the message says why and what to do. Immutable. */
public class InvalidPeopleCursorException extends PosContractException {

    private static final long serialVersionUID = 1L;

    public InvalidPeopleCursorException(String message) {
        super(message);
    }
}
