package pos.sync.auth;

import pos.sync.PosSyncException;

/**
 * This till has no credential from the hub, so it cannot sign what it writes into the store's
 * streams; what waits stays in the journal until one is configured. The message is the sentence for
 * the status bar. Immutable.
 */
public class MissingTillCredentialException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public MissingTillCredentialException(String message) {
        super(message);
    }
}
