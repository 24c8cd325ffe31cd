package pos.hub.people;

import pos.hub.PosHubException;

/** The till's or the hub's people database could not be read or written; the message names the file or server. Immutable. */
public class UnableToStorePeopleException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public UnableToStorePeopleException(String message, Throwable cause) {
        super(message, cause);
    }
}
