package pos.gateway.sandbox.ledger;

import pos.gateway.sandbox.SandboxGatewayException;

/**
 * The ledger database could not be created or opened: the data directory is missing and cannot
 * be made, is not writable, is used by another sandbox gateway, or holds a damaged database.
 *
 * <p>Immutable and thread-safe.
 */
public class UnableToOpenLedgerException extends SandboxGatewayException {

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the directory
     * @param cause the underlying failure, may be {@code null}
     */
    public UnableToOpenLedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
