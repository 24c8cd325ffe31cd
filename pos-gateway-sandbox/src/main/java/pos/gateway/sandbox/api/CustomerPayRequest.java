package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of the sandbox's own {@code POST /sandbox/pay}: the customer scanned the till's QR code
 * and pays it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param codeUrl the scanned {@code sandbox://pay/<token>}
 * @param delayMs optional: pay this many milliseconds from now (0–600000) instead of at once
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerPayRequest(
        @JsonProperty("code_url") String codeUrl,
        @JsonProperty("delay_ms") Long delayMs) {
}
