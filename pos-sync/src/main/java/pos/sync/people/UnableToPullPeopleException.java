package pos.sync.people;

import pos.sync.PosSyncException;

/** The till could not pull the store's people from the hub (unreachable, refused, or an answer that is not one); the message names the hub. Immutable. */
public class UnableToPullPeopleException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToPullPeopleException(String message, Throwable cause) {
        super(message, cause);
    }
}
