package pos.hub;

import java.util.Objects;

/** A request a route refuses with a status, a short code and a plain reason (answered as JSON by the hub). Immutable. */
final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    HttpProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
    }
}
