package pos.sync.pay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import pos.core.pay.PaymentStatus;

/**
 * Asks the store hub where a payment stands: {@code GET {hub}/payments/{tx}} answers the result
 * from Redis and, when it is not final and the order is at least 5 s old, makes one single-flight
 * gateway query first (R22, R23). Answer: a JSON object with {@code status} (a
 * {@link PaymentStatus} name) and optionally {@code reasonCode}; 404 when the hub knows nothing of
 * the payment. Thread-safe.
 */
final class HubStatusClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the hub said. */
    record HubAnswer(PaymentStatus status, String reasonCode, Long amountMinor, String currency) {
    }

    private final URI baseUri;
    private final Duration timeout;
    private final HttpClient http;

    HubStatusClient(URI baseUri, Duration timeout) {
        String text = Objects.requireNonNull(baseUri, "baseUri").toString();
        this.baseUri = URI.create(text.endsWith("/") ? text : text + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    URI baseUri() {
        return baseUri;
    }

    /**
     * The hub's word on the payment, or empty when it knows nothing of it.
     *
     * @throws UnableToReachHubException if the hub cannot be reached, times out or answers
     *     something else than a status
     */
    Optional<HubAnswer> status(String transactionId) {
        URI uri = baseUri.resolve("payments/" + URLEncoder.encode(transactionId, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": cannot ask for payment " + transactionId + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToReachHubException("hub " + baseUri + ": interrupted asking for payment " + transactionId, e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new UnableToReachHubException("hub " + baseUri + ": payment " + transactionId + " answered HTTP "
                    + response.statusCode(), null);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String status = body == null ? null : body.path("status").asText(null);
            if (status == null) {
                throw new UnableToReachHubException("hub " + baseUri + ": payment " + transactionId
                        + " answered without a status: " + response.body(), null);
            }
            String reason = body.hasNonNull("reasonCode") ? body.get("reasonCode").asText() : null;
            Long amountMinor = body.path("amountMinor").canConvertToLong() ? body.get("amountMinor").asLong() : null;
            String currency = body.hasNonNull("currency") ? body.get("currency").asText() : null;
            return Optional.of(new HubAnswer(PaymentStatus.valueOf(status.toUpperCase(Locale.ROOT)), reason, amountMinor,
                    currency));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnableToReachHubException("hub " + baseUri + ": payment " + transactionId
                    + " answered something that is not a payment status: " + response.body(), e);
        }
    }
}
