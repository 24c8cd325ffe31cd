package pos.hub.http;

import io.javalin.http.Context;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP trust boundary as one Javalin before-handler, in this order: the Host check, CORS
 * (and preflights), who the caller is and whether the route is theirs (so a caller without a
 * credential learns that first), JSON-only writes, and the customers' rate limit. It refuses by throwing {@link RefusedRequestException} (the hub answers it as JSON) and
 * logs every refused credential with the caller's address. The policy lives in
 * {@link BrowserDefences}, {@link Callers}, {@link AccessPolicy} and {@link CustomerRateLimiter};
 * this class only applies them to a request. Thread-safe.
 */
public final class HttpGuard {

    /** The request attribute holding the {@link Caller}. */
    public static final String CALLER = "pos.hub.caller";

    private static final Logger log = LoggerFactory.getLogger(HttpGuard.class);
    /** Refusals logged without letting a hostile caller flood the log. */
    private static final RefusalLog refusals = new RefusalLog(log, java.time.Clock.systemUTC());

    private final BrowserDefences browsers;
    private final Callers callers;
    private final CustomerRateLimiter customers;

    public HttpGuard(BrowserDefences browsers, Callers callers, CustomerRateLimiter customers) {
        this.browsers = Objects.requireNonNull(browsers, "browsers");
        this.callers = Objects.requireNonNull(callers, "callers");
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    /** Javalin before-handler: lets the request through (with its caller attached) or throws. */
    public void check(Context ctx) {
        String method = ctx.method().name();
        String path = ctx.path();
        String address = ctx.req().getRemoteAddr();
        browsers.checkHost(ctx.header("Host"));
        String origin = ctx.header("Origin");
        boolean allowedOrigin = browsers.allowedOrigin(origin).isPresent();
        if (allowedOrigin) {
            ctx.header("Access-Control-Allow-Origin", origin.strip());
            ctx.header("Vary", "Origin");
        }
        if (method.equals("OPTIONS")) {
            preflight(ctx, origin, allowedOrigin, address);
            return;
        }
        Caller caller;
        try {
            caller = callers.identify(ctx.header("Authorization"), address);
        } catch (RefusedRequestException e) {
            refusals.refused(address, e.status() + " " + e.code(),
                    () -> "Refused " + method + " " + printable(path) + " from " + address + ": " + e.getMessage());
            throw e;
        }
        AccessPolicy.Access access = AccessPolicy.of(method, path);
        try {
            AccessPolicy.check(access, caller, method, printable(path));
        } catch (RefusedRequestException e) {
            refusals.refused(address, e.status() + " " + e.code(),
                    () -> "Refused " + method + " " + printable(path) + " from " + caller.describe() + ": " + e.getMessage());
            throw e;
        }
        browsers.checkWriteContentType(method, path, ctx.header("Content-Type"),
                ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null);
        if (access == AccessPolicy.Access.CUSTOMER && !caller.trusted()) {
            long retryAfter = customers.take(address);
            if (retryAfter > 0) {
                throw new RefusedRequestException(429, "too_many_requests", "too many requests from " + address
                        + "; ask again in " + retryAfter + " s", java.util.Map.of("Retry-After", Long.toString(retryAfter)));
            }
        }
        ctx.attribute(CALLER, caller);
    }

    private static void preflight(Context ctx, String origin, boolean allowedOrigin, String address) {
        if (!allowedOrigin) {
            refusals.refused(address, "preflight",
                    () -> "Refused a CORS preflight for " + printable(ctx.path()) + " from origin '"
                            + (origin == null ? "" : printable(origin)) + "' at " + address);
            throw new RefusedRequestException(403, "origin_not_allowed", "the hub answers browsers only from the origins"
                    + " it is configured with (--allow-origin)");
        }
        ctx.header("Access-Control-Allow-Methods", "GET, PUT, POST");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
        ctx.skipRemainingHandlers();
    }

    /** The caller the guard attached to {@code ctx}; anybody from the socket's address when there is none. */
    public static Caller callerOf(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller != null) {
            return caller;
        }
        String address = ctx.req().getRemoteAddr();
        return new Caller(Caller.Kind.ANYBODY, null, address, Callers.isLoopback(address), false);
    }

    static String printable(String s) {
        String clipped = s.length() > 120 ? s.substring(0, 120) + "…" : s;
        return clipped.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
