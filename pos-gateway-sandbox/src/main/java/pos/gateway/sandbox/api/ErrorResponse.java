package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of every 4xx/5xx answer: {@code {"code": "ORDERPAID", "message": "order 01J… is already paid"}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the machine-readable reason, one of {@link ErrorCode}'s names
 * @param message a sentence for a person, naming the field or order concerned
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorResponse(
        @JsonProperty("code") String code,
        @JsonProperty("message") String message) {
}
