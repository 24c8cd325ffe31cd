package pos.app.setup;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The set-up's live connection test of a hub address (issue 14): {@code GET /health} on it, as the till's hub client
 * calls the hub (plain HTTP or HTTPS with the JDK's CAs). Any HTTP answer means the hub was reached (the hub answers
 * {@code /health} fully only to its own machine and its owner; a till may see 403). Blocking: call it off the FX
 * thread. Thread-safe.
 */
public final class HubProbe {

    /** What the test found. */
    public enum Outcome { REACHED, REFUSED, TIMED_OUT, NOT_A_URL, UNKNOWN_HOST, FAILED }

    /** The outcome, the HTTP status when reached (else 0), and the reason of a failure (else ""). */
    public record Result(Outcome outcome, int status, String detail) {
    }

    private final Duration timeout;
    /** The hub's certificate trust ({@code pos.hub.trustStore}), or null for the JDK's CAs. */
    private final javax.net.ssl.SSLContext tls;

    public HubProbe(Duration timeout) {
        this(timeout, null);
    }

    /** With the trust of the hub's certificate the till has ({@code pos.hub.trustStore}), or null for the JDK's CAs. */
    public HubProbe(Duration timeout, javax.net.ssl.SSLContext tls) {
        this.timeout = timeout;
        this.tls = tls;
    }

    /** The probe for a till with {@code config}: its trust store for an https:// hub, as its hub client uses it. */
    public static HubProbe forTill(pos.app.config.TillConfig config, Duration timeout) {
        String password = System.getenv("POS_HUB_TRUSTSTORE_PASSWORD");
        try {
            return new HubProbe(timeout, config.hubTrustStore().map(file -> pos.sync.hub.HubClient.trusting(file,
                    password == null ? null : password.toCharArray())).orElse(null));
        } catch (IllegalArgumentException e) {
            // the till says so at its start; the test then uses the JDK's CAs and names the TLS failure
            org.slf4j.LoggerFactory.getLogger(HubProbe.class).warn("the hub's trust store cannot be read: {}", e.getMessage(), e);
            return new HubProbe(timeout, null);
        }
    }

    /** The normal form of a hub address (no trailing slash), or null when it is not an http:// or https:// URL. */
    public static String normalise(String address) {
        String url = address == null ? "" : address.strip().replaceAll("/+$", "");
        // the same pattern the configuration loader checks pos.hub.url with
        return url.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[^\\s]*)?") ? url : null;
    }

    public Result test(String address) {
        String url = normalise(address);
        if (url == null) {
            return new Result(Outcome.NOT_A_URL, 0, "");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (tls != null) {
            builder.sslContext(tls);
        }
        HttpClient client = builder.build();
        try {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/health")).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return new Result(Outcome.REACHED, answer.statusCode(), "");
        } catch (HttpTimeoutException e) {
            return new Result(Outcome.TIMED_OUT, 0, "");
        } catch (ConnectException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof UnknownHostException || cause instanceof java.nio.channels.UnresolvedAddressException) {
                    return new Result(Outcome.UNKNOWN_HOST, 0, "");
                }
            }
            return new Result(Outcome.REFUSED, 0, "");
        } catch (IllegalArgumentException e) {
            return new Result(Outcome.NOT_A_URL, 0, "");
        } catch (IOException e) {
            return new Result(Outcome.FAILED, 0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.FAILED, 0, "interrupted");
        }
    }
}
