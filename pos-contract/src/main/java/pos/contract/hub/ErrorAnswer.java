package pos.contract.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;

/**
 * The hub's refusal: {@code {"error": code, "message": sentence}}, plus the version the hub expected
 * on a rule base version conflict and the problems of refused rule data. Immutable.
 *
 * @param error           a stable code, e.g. "bad_cursor"
 * @param message         a sentence for a person
 * @param expectedVersion the next rule base version (a version conflict only), else null and left out
 * @param problems        every problem of refused rule data, else null and left out
 */
public record ErrorAnswer(String error, String message, @JsonInclude(JsonInclude.Include.NON_NULL) Long expectedVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> problems) {

    public ErrorAnswer {
        Json.required(error, "error");
        Json.required(message, "message");
        problems = problems == null ? null : List.copyOf(problems);
    }

    /** A refusal with a code and a sentence. */
    public static ErrorAnswer of(String error, String message) {
        return new ErrorAnswer(error, message, null, null);
    }

    /** The hub's refusal in {@code body}, if that is what it is (a proxy's page is not). */
    public static java.util.Optional<ErrorAnswer> in(String body) {
        try {
            return java.util.Optional.of(Json.read(Json.TOLERANT, body, ErrorAnswer.class));
        } catch (MalformedJsonException e) {
            return java.util.Optional.empty();
        }
    }
}
