package pos.hub.http;

import java.util.Map;
import java.util.Objects;

/**
 * A request the hub's guard refuses: the HTTP status, a short code, the sentence for the person
 * who sent it, and headers to add ({@code WWW-Authenticate}, {@code Retry-After}). No stack trace
 * (it is an answer, not a fault). Immutable.
 */
public final class RefusedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    public RefusedRequestException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public RefusedRequestException(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
