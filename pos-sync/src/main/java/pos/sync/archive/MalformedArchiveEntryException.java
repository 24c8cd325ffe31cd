package pos.sync.archive;

import pos.sync.PosSyncException;

/** An archive stream entry cannot be archived; it goes to the dead-letter stream. Immutable. */
public class MalformedArchiveEntryException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public MalformedArchiveEntryException(String reason) {
        super(reason);
    }
}
