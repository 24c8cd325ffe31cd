package pos.hub.rules;

import pos.hub.PosHubException;

/** The store's MariaDB could not store or read the rule base (unreachable, schema not creatable). Immutable. */
public class UnableToStoreRuleBaseException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public UnableToStoreRuleBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
