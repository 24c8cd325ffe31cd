package pos.gateway.sandbox.trade;

import java.util.Objects;
import pos.gateway.sandbox.SandboxGatewayException;
import pos.gateway.sandbox.api.ErrorCode;

/**
 * The gateway refuses a request: bad input, a conflicting id, a declined payment, an order in the
 * wrong state. The {@link #code()} and message go to the caller as an {@code ErrorResponse}.
 *
 * <p>Immutable and thread-safe.
 */
public class RequestRejectedException extends SandboxGatewayException {

    /** The wire error code; it also fixes the HTTP status. */
    private final ErrorCode code;

    /**
     * Creates the exception.
     *
     * @param code the wire error code, which also fixes the HTTP status
     * @param message a sentence for the caller, naming the field or order
     */
    public RequestRejectedException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * The wire error code.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }
}
