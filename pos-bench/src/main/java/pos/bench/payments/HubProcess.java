package pos.bench.payments;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import pos.hub.HubMain;

/**
 * The store hub ({@link HubMain}) as a child JVM on this JVM's class path, so that a fault run can
 * SIGKILL it and start it again on the same port with the same consumer name. Output goes to one
 * log file across restarts. The child halts when this JVM dies ({@link ParentWatchedMain}).
 * Thread-safe: life-cycle methods are synchronized.
 */
final class HubProcess implements AutoCloseable {

    private final List<String> hubArguments;
    private final Map<String, String> environment;
    private final Path log;
    private final URI baseUri;
    private final HttpClient http;
    private Process process; // guarded by this
    private int starts; // guarded by this

    /**
     * @param hubArguments {@link HubMain}'s options (must listen on {@code baseUri}'s port)
     * @param environment  extra environment (the secrets, kept out of {@code ps})
     * @param log          where the child's standard output and error go
     * @param baseUri      {@code http://127.0.0.1:PORT/} (or {@code https://}) the hub listens on
     */
    HubProcess(List<String> hubArguments, Map<String, String> environment, Path log, URI baseUri) {
        this(hubArguments, environment, log, baseUri, null);
    }

    /** @param tls the trust for an {@code https://} hub's certificate, or null for plain HTTP (or the JDK's trust) */
    HubProcess(List<String> hubArguments, Map<String, String> environment, Path log, URI baseUri, javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.hubArguments = List.copyOf(hubArguments);
        this.environment = Map.copyOf(environment);
        this.log = Objects.requireNonNull(log, "log");
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
    }

    URI baseUri() {
        return baseUri;
    }

    Path log() {
        return log;
    }

    /** Starts the hub and waits until {@code GET /health} answers (200, or 503 while Redis is down). */
    synchronized void start(Duration timeout) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the hub is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"),
                ParentWatchedMain.class.getName(), HubMain.class.getName()));
        command.addAll(hubArguments);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- hub start " + (++starts) + " ----\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the store hub as a child JVM (log " + log + "): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the store hub exited with " + process.exitValue() + " while starting; log "
                        + log + ":\n" + tail());
            }
            if (answersHealth()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the store hub did not answer " + baseUri + "health within "
                        + timeout.toMillis() + " ms; log " + log + ":\n" + tail());
            }
            sleep(100);
        }
    }

    /** SIGKILL, as a power cut would, and waits until the process is gone. */
    synchronized void kill() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("the hub is not running");
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the store hub (pid " + process.pid() + ") survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the killed hub to go", e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    private boolean answersHealth() {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("health")).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 503;
        } catch (ConnectException e) {
            return false; // not listening yet
        } catch (IOException e) {
            return false; // listening but not answering yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the hub", e);
        }
    }

    /** The last 40 lines of the hub's log. */
    String tail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the hub (SIGTERM, then SIGKILL after 15 s). Idempotent. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
