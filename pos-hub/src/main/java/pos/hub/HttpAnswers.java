package pos.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/**
 * How the hub's routes answer: JSON bodies, the error shape {@code {"error": code, "message": sentence}}, and
 * {@link HttpProblem} for a refusal thrown from a route. Stateless.
 */
final class HttpAnswers {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Set on a request once a route answered it, so the hub's 404/405 handlers leave that answer alone. */
    static final String ANSWERED = "pos.hub.answered";

    private HttpAnswers() {
    }
    static ObjectNode error(String code, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", code);
        node.put("message", message);
        return node;
    }
    static void answer(Context ctx, int status, ObjectNode body) {
        try {
            ctx.attribute(ANSWERED, Boolean.TRUE);
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer as JSON", e);
        }
    }
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
