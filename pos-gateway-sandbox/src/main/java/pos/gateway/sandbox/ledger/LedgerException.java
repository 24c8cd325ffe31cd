package pos.gateway.sandbox.ledger;

import pos.gateway.sandbox.SandboxGatewayException;

/**
 * A read or write of the ledger database failed, or the database refused a write that would
 * break one of its invariants (a second charge for one order, refunds above the charge).
 *
 * <p>Immutable and thread-safe.
 */
public class LedgerException extends SandboxGatewayException {

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the order or event
     * @param cause the SQL failure
     */
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
