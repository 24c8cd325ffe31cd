package pos.hub.rules;

import pos.hub.PosHubException;

/**
 * Rule data that does not carry the store owner's signature for the version it claims (unsigned,
 * another key, changed after signing), or a hub that has no owner key to check with: nothing was
 * stored. Immutable.
 */
public class RuleBaseNotSignedException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public RuleBaseNotSignedException(String message) {
        super(message);
    }
}
