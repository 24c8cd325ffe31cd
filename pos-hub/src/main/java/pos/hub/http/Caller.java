package pos.hub.http;

/**
 * Who sent a request, as far as the hub can tell: a till (its credential), the store owner (the
 * owner token) or anybody (a customer, the gateway, an attacker), and from which address. Immutable.
 *
 * @param kind     what the credential proved
 * @param tillId   the till, when {@code kind} is {@link Kind#TILL}
 * @param address  the client's IP address as the socket shows it (never a forwarded header)
 * @param loopback whether that address is this machine's
 * @param credentialed whether a credential proved the kind (false: the owner by being on a loopback hub's machine)
 */
public record Caller(Kind kind, String tillId, String address, boolean loopback, boolean credentialed) {

    /** What a caller proved. */
    public enum Kind { ANYBODY, TILL, OWNER }

    /** True for a till or the owner: they get full answers and no customer rate limit. */
    public boolean trusted() {
        return kind != Kind.ANYBODY;
    }

    /** "till till-1 at 10.0.0.7", "the owner at …", "10.0.0.9" for logs. */
    public String describe() {
        return switch (kind) {
            case TILL -> "till " + tillId + " at " + address;
            case OWNER -> "the owner at " + address;
            case ANYBODY -> address;
        };
    }
}
