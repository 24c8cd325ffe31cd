package pos.hub.http;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What keeps a web page in a browser on the store network from using the hub: a {@code Host} check
 * against the hub's own names (so DNS rebinding cannot make a foreign name reach it), writes only
 * with {@code Content-Type: application/json} (a cross-origin {@code text/plain} POST needs no
 * preflight; a JSON one does, and the hub grants none to a foreign origin), and CORS headers only
 * for configured origins. Pure logic, no HTTP library. Immutable and thread-safe.
 */
public final class BrowserDefences {

    private final Set<String> hostNames;
    private final Set<String> allowedOrigins;

    /**
     * @param publicNames    names the Host header may carry; empty: {@code listenHost}, localhost, 127.0.0.1, ::1
     * @param allowedOrigins origins given CORS answers, e.g. {@code https://pay.shop.example}
     */
    public BrowserDefences(String listenHost, Set<String> publicNames, Set<String> allowedOrigins) {
        Set<String> names = new HashSet<>();
        if (publicNames.isEmpty()) {
            names.addAll(Set.of("localhost", "127.0.0.1", "::1"));
            if (listenHost != null && !listenHost.isBlank() && !isWildcard(listenHost)) {
                names.add(bare(listenHost));
            }
        } else {
            publicNames.forEach(n -> names.add(bare(n)));
        }
        this.hostNames = Set.copyOf(names);
        Set<String> origins = new HashSet<>();
        allowedOrigins.forEach(o -> origins.add(o.strip().replaceAll("/+$", "").toLowerCase(Locale.ROOT)));
        this.allowedOrigins = Set.copyOf(origins);
    }

    /** The names a Host header may carry. */
    public Set<String> hostNames() {
        return hostNames;
    }

    /**
     * Checks the {@code Host} header (port ignored).
     *
     * @throws RefusedRequestException 400 without one, 421 for a name that is not the hub's
     */
    public void checkHost(String host) {
        if (host == null || host.isBlank()) {
            throw new RefusedRequestException(400, "no_host", "the request has no Host header");
        }
        String name = hostWithoutPort(host.strip());
        if (!hostNames.contains(name)) {
            throw new RefusedRequestException(421, "wrong_host", "this hub answers as " + String.join(", ", hostNames.stream()
                    .sorted().toList()) + ", not as '" + printable(name) + "' (set --public-name to add a name)");
        }
    }

    /**
     * Checks that a write (PUT, POST, PATCH; DELETE with a body) carries JSON; the gateway's {@code /notify/*} are exempt.
     *
     * @throws RefusedRequestException 415 for any other content type
     */
    public void checkWriteContentType(String method, String path, String contentType, boolean hasBody) {
        if (!isWrite(method) || path.startsWith("/notify/") || method.equalsIgnoreCase("DELETE") && !hasBody) {
            return; // a DELETE without a body carries nothing to forge, and is never a "simple" cross-origin request
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            throw new RefusedRequestException(415, "unsupported_media_type", method + " " + path + " takes"
                    + " Content-Type: application/json only (this request says '" + printable(type) + "'); nothing was"
                    + " changed");
        }
    }

    /** The origin to echo in {@code Access-Control-Allow-Origin}, when {@code origin} is configured. */
    public Optional<String> allowedOrigin(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        String normalised = origin.strip().replaceAll("/+$", "").toLowerCase(Locale.ROOT);
        return allowedOrigins.contains(normalised) ? Optional.of(origin.strip()) : Optional.empty();
    }

    static boolean isWrite(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "PUT", "POST", "DELETE", "PATCH" -> true;
            default -> false;
        };
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String bare(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.startsWith("[") && n.endsWith("]") ? n.substring(1, n.length() - 1) : n;
    }

    static String hostWithoutPort(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            return h.substring(0, colon);
        }
        return h; // a bare IPv6 address or a name without port
    }

    private static String printable(String s) {
        String clipped = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return clipped.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
