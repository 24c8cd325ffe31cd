package pos.sync.rules;

import pos.sync.PosSyncException;

/** The till's local copy of the rule base cannot be read or written (file, disk). Immutable. */
public class UnableToCacheRuleBaseException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToCacheRuleBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
