package pos.hub.http;

import java.util.Locale;

/**
 * Which caller each of the hub's routes serves (docs/trust-boundary.md, "Hub HTTP"). A route not
 * named here is for the owner only, so a route added later is closed until someone opens it here.
 * Pure logic. Stateless.
 */
public final class AccessPolicy {

    /** Who a route is for. */
    public enum Access {
        /** The payment provider: its own signature on the body is checked by the route. */
        GATEWAY,
        /** Anybody, rate-limited per address, minimal answers; a till or the owner gets full ones. */
        CUSTOMER,
        /** An authenticated till only. */
        TILL,
        /** The store owner only. */
        OWNER,
        /** A till or the owner. */
        TILL_OR_OWNER,
        /** A caller on this machine, or the owner from anywhere. */
        LOOPBACK_OR_OWNER
    }

    private AccessPolicy() {
    }

    /** The access of {@code method path}. */
    public static Access of(String method, String path) {
        String p = path.replaceAll("/+$", "");
        String m = method.toUpperCase(Locale.ROOT);
        if (p.startsWith("/notify/")) {
            return Access.GATEWAY;
        }
        if (p.equals("/parked") || p.startsWith("/parked/")) {
            return Access.TILL; // issue 12.7: parked sales, this store's tills only
        }
        if (p.startsWith("/payments/") || p.startsWith("/vouchers/")) {
            return Access.CUSTOMER;
        }
        if (p.startsWith("/credit-vouchers/")) {
            return Access.TILL; // issue 12.3: a credit voucher for a till's refund
        }
        if (p.startsWith("/sales/")) {
            return Access.TILL; // issue 12: a sale with its returns, for a till taking goods back
        }
        return switch (p) {
            case "/people" -> Access.TILL;
            case "/rules" -> m.equals("GET") || m.equals("HEAD") ? Access.TILL_OR_OWNER : Access.OWNER;
            case "/alerts" -> Access.TILL_OR_OWNER;
            case "/metrics", "/health" -> Access.LOOPBACK_OR_OWNER;
            default -> Access.OWNER;
        };
    }

    /**
     * Lets {@code caller} through to a route of {@code access}, or refuses.
     *
     * @throws RefusedRequestException 401 when a credential is missing, 403 when the caller's credential is not the
     *                                 one this route takes
     */
    public static void check(Access access, Caller caller, String method, String path) {
        boolean allowed = switch (access) {
            case GATEWAY, CUSTOMER -> true;
            case TILL -> caller.kind() == Caller.Kind.TILL;
            case OWNER -> caller.kind() == Caller.Kind.OWNER;
            case TILL_OR_OWNER -> caller.trusted();
            case LOOPBACK_OR_OWNER -> caller.loopback() || caller.kind() == Caller.Kind.OWNER;
        };
        if (allowed) {
            return;
        }
        String who = switch (access) {
            case TILL -> "a till's credential (Authorization: Bearer <till credential>)";
            case OWNER -> "the store owner's token (Authorization: Bearer <owner token>)";
            case TILL_OR_OWNER -> "a till's credential or the owner's token";
            default -> "a caller on the hub's own machine, or the owner's token";
        };
        String what = method.toUpperCase(Locale.ROOT) + " " + path;
        if (caller.credentialed()) {
            throw new RefusedRequestException(403, "forbidden", what + " needs " + who + "; "
                    + (caller.kind() == Caller.Kind.TILL ? "a till's" : "the owner's") + " is not enough; nothing was changed");
        }
        throw Callers.unauthorized(what + " needs " + who + "; nothing was changed");
    }
}
