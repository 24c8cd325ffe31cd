package pos.gateway;

/**
 * Base of every failure raised by pos-gateway (payment provider adapters). Subclasses are named for the failure and their
 * messages carry the context a person needs (host:port, file, counts); the cause is chained.
 * Immutable.
 */
public class PosGatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PosGatewayException(String message) {
        super(message);
    }

    public PosGatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
