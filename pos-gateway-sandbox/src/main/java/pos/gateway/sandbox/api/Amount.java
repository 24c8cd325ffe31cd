package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An order amount on the wire: {@code {"total": 1250, "currency": "CNY"}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param total the order total in minor units (fen, cents), at least 1
 * @param currency the ISO 4217 code, three capital letters
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Amount(
        @JsonProperty(value = "total", required = true) long total,
        @JsonProperty(value = "currency", required = true) String currency) {
}
