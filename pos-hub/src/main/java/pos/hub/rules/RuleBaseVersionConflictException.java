package pos.hub.rules;

import pos.hub.PosHubException;

/**
 * A rule base was signed for a version that is not the next one (another publisher came first, or
 * the number was made up): nothing was stored; sign {@link #expectedVersion()} instead. Immutable.
 */
public class RuleBaseVersionConflictException extends PosHubException {

    private static final long serialVersionUID = 1L;

    private final long expectedVersion;

    public RuleBaseVersionConflictException(long offered, long inForce) {
        super("the rule base was signed as version " + offered + " but version " + inForce + " is in force; only version "
                + (inForce + 1) + " can be published next (ask for the version, sign it, send again); nothing was stored",
                null);
        this.expectedVersion = inForce + 1;
    }

    /** The version to sign instead. */
    public long expectedVersion() {
        return expectedVersion;
    }
}
