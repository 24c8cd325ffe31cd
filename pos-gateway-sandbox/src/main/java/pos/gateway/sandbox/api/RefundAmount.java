package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The amount block of a refund request: {@code {"refund": 500, "total": 1250, "currency": "CNY"}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param refund how much to give back, in minor units, at least 1
 * @param total the original order total in minor units; must match the order
 * @param currency the order's currency
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundAmount(
        @JsonProperty(value = "refund", required = true) long refund,
        @JsonProperty(value = "total", required = true) long total,
        @JsonProperty(value = "currency", required = true) String currency) {
}
