package pos.gateway.sandbox.server;

import pos.gateway.sandbox.SandboxGatewayException;

/**
 * The gateway could not listen on its address and port: the port is taken, needs privileges,
 * or the address is not one of this machine's.
 *
 * <p>Immutable and thread-safe.
 */
public class UnableToBindPortException extends SandboxGatewayException {

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the address and port
     * @param cause the server's failure
     */
    public UnableToBindPortException(String message, Throwable cause) {
        super(message, cause);
    }
}
