package pos.core.pay;

/** The request never reached the gateway (refused, no route, DNS): nothing happened there. */
public class GatewayUnreachableException extends GatewayException {

    private static final long serialVersionUID = 1L;

    public GatewayUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
