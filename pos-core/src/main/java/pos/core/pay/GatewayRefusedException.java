package pos.core.pay;

/** The gateway answered with a definite refusal; {@link #code()} is its reason code. */
public class GatewayRefusedException extends GatewayException {

    private static final long serialVersionUID = 1L;
    private final String code;

    public GatewayRefusedException(String code, String message) {
        super(message, null);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
