package pos.hub;

import io.javalin.http.Context;
import pos.contract.hub.ErrorAnswer;
import pos.contract.json.Json;

/**
 * How the hub's routes answer: a record as JSON ({@link Json}), the error shape {@link ErrorAnswer}
 * {@code {"error": code, "message": sentence}}, and {@link HttpProblem} for a refusal thrown from a route. Stateless.
 */
final class HttpAnswers {

    /** Set on a request once a route answered it, so the hub's 404/405 handlers leave that answer alone. */
    static final String ANSWERED = "pos.hub.answered";

    private HttpAnswers() {
    }
    static ErrorAnswer error(String code, String message) {
        return ErrorAnswer.of(code, message);
    }

    /** Answers {@code status} with {@code body} (a record) as JSON. */
    static void answer(Context ctx, int status, Object body) {
        byte[] json = Json.writeBytes(body);
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(status).contentType("application/json").result(json);
    }
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
