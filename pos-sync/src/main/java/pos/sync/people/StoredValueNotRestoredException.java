package pos.sync.people;

import pos.sync.PosSyncException;

/**
 * Redis came back without the store's balances and no hub has restored them from MariaDB yet, so a
 * balance cannot be told; the message says so in a sentence. Immutable.
 */
public class StoredValueNotRestoredException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public StoredValueNotRestoredException(String message) {
        super(message);
    }
}
