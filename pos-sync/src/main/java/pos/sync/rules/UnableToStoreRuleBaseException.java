package pos.sync.rules;

import pos.sync.PosSyncException;

/** The store's MariaDB could not store or read the rule base (unreachable, schema not creatable). Immutable. */
public class UnableToStoreRuleBaseException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToStoreRuleBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
