package pos.core.pay;

/** Base of the gateway failures; the message names the gateway and the order. */
public class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
