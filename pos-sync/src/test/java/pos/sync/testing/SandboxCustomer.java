package pos.sync.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The customer's phone against the sandbox gateway's control API ({@code /sandbox/pay}). Thread-safe. */
public final class SandboxCustomer {

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SandboxCustomer(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** The customer scans {@code codeUrl} and pays at once; returns the HTTP status. */
    public int pays(String codeUrl) {
        return post("sandbox/pay", "{\"code_url\":\"" + codeUrl + "\"}");
    }

    private int post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new AssertionError("sandbox " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new AssertionError("sandbox " + baseUri + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
