package pos.core.people;

/** A new PIN does not have the required form (4 to 12 digits). Immutable. */
public final class InvalidPinException extends PeopleException {

    private static final long serialVersionUID = 1L;

    public InvalidPinException(String message) {
        super(message);
    }
}
