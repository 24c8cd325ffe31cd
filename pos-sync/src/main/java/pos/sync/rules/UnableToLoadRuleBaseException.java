package pos.sync.rules;

import pos.sync.PosSyncException;

/**
 * The till has no rule base it can use: not even the bundled defaults could be read (a broken
 * build). Immutable.
 */
public class UnableToLoadRuleBaseException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToLoadRuleBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
