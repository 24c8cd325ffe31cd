package pos.hub.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request line and headers have not all arrived within the request
 * deadline: a client that sends a header byte every few seconds never trips the idle timeout, and
 * while it holds no thread (Jetty parses headers without one), it holds a connection for as long as
 * it likes. Once a second it looks at every open connection of the listener; one seen in the middle
 * of its headers for longer than the deadline is closed. A Jetty bean: started and stopped with the
 * server. Thread-safe.
 */
public final class HeaderDeadline extends AbstractLifeCycle {

    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final ServerConnector connector;
    private final long deadlineNanos;
    private final Map<EndPoint, Long> inHeadersSince = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    public HeaderDeadline(ServerConnector connector, Duration deadline) {
        this.connector = connector;
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pos-hub-header-deadline");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
        inHeadersSince.clear();
    }

    private void sweepQuietly() {
        try {
            sweep(System.nanoTime());
        } catch (RuntimeException e) {
            log.warn("The header deadline's sweep failed; it runs again in a second", e);
        }
    }

    void sweep(long now) {
        inHeadersSince.keySet().removeIf(endPoint -> !endPoint.isOpen());
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            HttpConnection http = httpConnection(endPoint.getConnection());
            // The parser's state is read from this thread without a lock: a stale read only delays a close by a sweep.
            boolean inHeaders = http != null && !http.getParser().isStart() && http.getParser().inHeaderState();
            if (!inHeaders) {
                inHeadersSince.remove(endPoint);
                continue;
            }
            long since = inHeadersSince.computeIfAbsent(endPoint, e -> now);
            if (now - since > deadlineNanos) {
                log.info("Closed a connection from {}: its request headers did not arrive within {} s",
                        endPoint.getRemoteSocketAddress(), TimeUnit.NANOSECONDS.toSeconds(deadlineNanos));
                inHeadersSince.remove(endPoint);
                endPoint.close();
            }
        }
    }

    private static HttpConnection httpConnection(Connection connection) {
        if (connection instanceof HttpConnection http) {
            return http;
        }
        if (connection instanceof SslConnection tls) {
            return httpConnection(tls.getDecryptedEndPoint().getConnection());
        }
        return null;
    }
}
