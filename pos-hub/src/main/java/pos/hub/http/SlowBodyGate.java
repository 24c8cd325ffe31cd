package pos.hub.http;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads request bodies so that slow senders cannot take every worker thread: a body that has
 * fully arrived is read at once; one still arriving needs one of a few permits (the rest of the
 * threads stay for status answers and notifications), must keep Jetty's minimum data rate and must
 * be complete within the request deadline. Without a permit the request is refused with 503 and
 * Retry-After, after a short wait in case the body arrives meanwhile. Thread-safe.
 */
public final class SlowBodyGate {

    private static final long PERMIT_WAIT_MS = 250;

    private final Semaphore permits;
    private final Duration deadline;

    public SlowBodyGate(int slowReaders, Duration deadline) {
        this.permits = new Semaphore(slowReaders);
        this.deadline = deadline;
    }

    /**
     * The body of {@code request}, at most {@code limit} bytes.
     *
     * @throws RefusedRequestException 413 beyond {@code limit}, 408 past the deadline, 503 when too many slow bodies
     *                                 are being read, 400 when the body cannot be read
     */
    public byte[] read(HttpServletRequest request, int limit) {
        long started = System.nanoTime();
        long expected = request.getContentLengthLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ServletInputStream in = request.getInputStream();
            if (drainArrived(in, out, limit, expected)) {
                return out.toByteArray();
            }
            if (!permits.tryAcquire(PERMIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
                if (drainArrived(in, out, limit, expected)) {
                    return out.toByteArray();
                }
                throw new RefusedRequestException(503, "busy", "the hub is reading too many slow request bodies at once;"
                        + " send again shortly", Map.of("Retry-After", "1"));
            }
            try {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    requireWithin(out.size(), limit);
                    if (Duration.ofNanos(System.nanoTime() - started).compareTo(deadline) > 0) {
                        throw new RefusedRequestException(408, "too_slow", "the request body did not arrive within "
                                + deadline.toSeconds() + " s");
                    }
                }
                return out.toByteArray();
            } finally {
                permits.release();
            }
        } catch (org.eclipse.jetty.http.BadMessageException e) {
            // Jetty's minimum data rate (HttpSecurity#minRequestDataRate) or a malformed body: the sender's fault.
            throw new RefusedRequestException(e.getCode() == 408 ? 408 : 400, e.getCode() == 408 ? "too_slow" : "bad_body",
                    "the request body was refused: " + e.getReason() + "; nothing was changed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedRequestException(503, "stopping", "the hub is stopping; send again shortly");
        } catch (IOException e) {
            throw new RefusedRequestException(400, "unreadable_body", "the request body could not be read"
                    + " (too slow, or the connection closed): " + e.getMessage());
        }
    }

    /** Reads what has arrived without waiting; true when that is the whole body. */
    private static boolean drainArrived(ServletInputStream in, ByteArrayOutputStream out, int limit, long expected)
            throws IOException {
        byte[] buffer = new byte[8192];
        while (!in.isFinished()) {
            int ready = in.available();
            if (ready <= 0) {
                break;
            }
            int n = in.read(buffer, 0, Math.min(ready, buffer.length));
            if (n < 0) {
                return true;
            }
            out.write(buffer, 0, n);
            requireWithin(out.size(), limit);
        }
        return in.isFinished() || expected >= 0 && out.size() >= expected;
    }

    private static void requireWithin(int size, int limit) {
        if (size > limit) {
            throw new RefusedRequestException(413, "too_large", "request bodies are limited to " + limit + " bytes");
        }
    }
}
