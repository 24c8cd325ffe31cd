package pos.gateway.sandbox;

/**
 * Base of every failure the sandbox gateway reports: a port it cannot bind, a ledger it cannot
 * open, a request it rejects. Unchecked: the callers are tests and a command line, which can only
 * report it.
 *
 * <p>Immutable and thread-safe.
 */
public class SandboxGatewayException extends RuntimeException {

    /**
     * Creates an exception with a message a person can act on.
     *
     * @param message what failed, with the context needed to fix it
     */
    public SandboxGatewayException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message a person can act on and the failure behind it.
     *
     * @param message what failed, with the context needed to fix it
     * @param cause the underlying failure
     */
    public SandboxGatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
