package pos.hub.archive;

import pos.hub.PosHubException;

/** An archive stream entry cannot be archived; it goes to the dead-letter stream. Immutable. */
public class MalformedArchiveEntryException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public MalformedArchiveEntryException(String reason) {
        super(reason);
    }
}
