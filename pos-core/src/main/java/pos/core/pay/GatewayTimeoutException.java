package pos.core.pay;

/** No answer in time: the request may or may not have been processed. Query before acting. */
public class GatewayTimeoutException extends GatewayException {

    private static final long serialVersionUID = 1L;

    public GatewayTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
