package pos.bench.payments;

import java.io.IOException;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;
import pos.gateway.sandbox.api.CustomerPayRequest;
import pos.gateway.sandbox.api.ErrorResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The customer's phone against the sandbox gateway's own API: scans the till's QR code and pays
 * ({@code POST /sandbox/pay}). Thread-safe.
 */
final class SandboxCustomer {

    /** What {@code /sandbox/pay} did. */
    enum Paid {
        /** Charged now (200). */
        NOW,
        /** Scheduled for later by the gateway's {@code late_pay_rate} knob (202). */
        LATER,
        /** Refused: the order was closed (the till gave up) or does not exist (4xx). */
        REFUSED
    }

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    SandboxCustomer(URI baseUri) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
    }

    /**
     * The customer scans {@code codeUrl} and pays.
     *
     * @throws IllegalStateException if the gateway cannot be reached or answers something unexpected
     */
    Paid pays(String codeUrl) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("sandbox/pay")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(new CustomerPayRequest(codeUrl, null)), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("sandbox gateway " + baseUri + ": the customer's payment of " + codeUrl
                    + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the customer paid " + codeUrl, e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return Paid.NOW;
        }
        if (status == 202) {
            return Paid.LATER;
        }
        String code = errorCode(response.body());
        if (status >= 400 && status < 500 && ("ORDER_CLOSED".equals(code) || "ORDER_NOT_EXIST".equals(code))) {
            return Paid.REFUSED;
        }
        throw new IllegalStateException("sandbox gateway " + baseUri + ": /sandbox/pay of " + codeUrl + " answered HTTP "
                + status + ": " + response.body());
    }

    private static String errorCode(String body) {
        try {
            return Json.read(Json.TOLERANT, body, ErrorResponse.class).code();
        } catch (MalformedJsonException e) {
            return null; // not the gateway's error: the caller reports the body as it is
        }
    }
}
