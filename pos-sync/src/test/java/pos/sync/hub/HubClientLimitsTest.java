package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.contract.auth.TillCredential;
import pos.sync.pay.UnableToReachHubException;
import pos.sync.people.UnableToPullPeopleException;

/**
 * The till's HubClient against a hostile "hub" (a real HTTP server on a loopback port answering too much or too
 * late): it stops reading at its limits and says so, and it sends its credential.
 */
@DisplayName("HubClient: size limits, time limits and the till's credential (issue 10)")
class HubClientLimitsTest {

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/payments/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            if (exchange.getRequestURI().getPath().endsWith("HUGE0000")) {
                body = ("{\"status\":\"SUCCESS\",\"pad\":\"" + "x".repeat(HubClient.STATUS_MAX_BYTES) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            } else if (exchange.getRequestURI().getPath().endsWith("SLOW0000")) {
                sleep(3_000);
                body = "{\"status\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                body = "{\"status\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/people", exchange -> {
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            exchange.sendResponseHeaders(200, 0); // chunked, endless as far as the till can tell
            try {
                for (int i = 0; i < (HubClient.PEOPLE_MAX_BYTES / chunk.length) + 4; i++) {
                    exchange.getResponseBody().write(chunk);
                }
            } catch (java.io.IOException e) {
                // the till stopped reading: expected
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HubClient client(TillCredential credential, Duration timeout) {
        return new HubClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), credential, null, timeout);
    }

    @Test
    @DisplayName("SEC-150 R22 the till sends its credential as a bearer token and reads a normal status")
    void sendsItsCredential() {
        TillCredential till = TillCredential.issue("till-5", new SecureRandom());
        assertThat(client(till, Duration.ofSeconds(2)).paymentStatus("OK000000")).hasValueSatisfying(a ->
                assertThat(a.status().name()).isEqualTo("SUCCESS"));
        assertThat(authorization.get()).isEqualTo("Bearer " + till.text());
    }

    @Test
    @DisplayName("SEC-151 a status answer over 64 KiB is dropped with a sentence naming the limit")
    void statusOverLimitIsRefused() {
        assertThatThrownBy(() -> client(null, Duration.ofSeconds(2)).paymentStatus("HUGE0000"))
                .isInstanceOf(UnableToReachHubException.class).hasMessageContaining("more than " + HubClient.STATUS_MAX_BYTES);
    }

    @Test
    @DisplayName("SEC-152 a people answer over the people limit is dropped with a sentence naming the limit")
    void peopleOverLimitIsRefused() {
        assertThatThrownBy(() -> client(null, Duration.ofSeconds(5)).peopleSince(null))
                .isInstanceOf(UnableToPullPeopleException.class).hasMessageContaining("more than " + HubClient.PEOPLE_MAX_BYTES);
    }

    @Test
    @DisplayName("SEC-153 a hub that does not answer in time is given up on within the timeout, with a sentence")
    void slowHubTimesOut() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> client(null, Duration.ofMillis(500)).paymentStatus("SLOW0000"))
                .isInstanceOf(UnableToReachHubException.class).hasMessageContaining("SLOW0000");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
