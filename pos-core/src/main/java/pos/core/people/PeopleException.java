package pos.core.people;

/** Base of the failures of the people domain; messages are plain sentences a clerk can read. Immutable. */
public class PeopleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PeopleException(String message) {
        super(message);
    }

    public PeopleException(String message, Throwable cause) {
        super(message, cause);
    }
}
