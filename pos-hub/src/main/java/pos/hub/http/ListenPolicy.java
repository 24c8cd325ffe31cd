package pos.hub.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the hub may listen where it is told to (issue 10): on anything but loopback it needs the
 * owner's token and TLS (or plain HTTP chosen explicitly), and says in one sentence which options
 * are missing. On loopback the old behaviour stays. Pure logic. Stateless.
 */
public final class ListenPolicy {

    private ListenPolicy() {
    }

    /** True for loopback listen hosts (127.x, ::1, localhost); a wildcard or a LAN address is not. */
    public static boolean isLoopbackHost(String listenHost) {
        return Callers.isLoopback(listenHost);
    }

    /** The sentence that stops the hub, naming each missing option; empty when it may start. */
    public static Optional<String> refusal(String listenHost, HttpSecurity security) {
        if (isLoopbackHost(listenHost)) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (security.ownerToken() == null) {
            missing.add("the store owner's token (--owner-token-file FILE, mode 0600, or POS_OWNER_TOKEN)");
        }
        if (!security.tls() && !security.plainHttp()) {
            missing.add("TLS (--tls-keystore FILE with --tls-keystore-password-file FILE or POS_HUB_TLS_PASSWORD;"
                    + " or --plain-http to serve plain HTTP on purpose)");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("refusing to listen on " + listenHost + ", an address other machines can reach, without "
                + String.join(" and without ", missing) + "; nothing was started");
    }

    /** Warnings to log at every start: plain HTTP on a reachable address. */
    public static List<String> warnings(String listenHost, HttpSecurity security) {
        if (!isLoopbackHost(listenHost) && !security.tls() && security.plainHttp()) {
            return List.of("serving plain HTTP on " + listenHost + " (--plain-http): till credentials and the owner token"
                    + " cross the network readable by anyone on it; configure --tls-keystore");
        }
        return List.of();
    }
}
