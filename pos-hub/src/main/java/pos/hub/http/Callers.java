package pos.hub.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;
import pos.contract.auth.UnableToReadSecretException;

/**
 * Tells who a request comes from by its {@code Authorization: Bearer …} header: a till's credential
 * (checked against {@link TillKeys}, so a revoked one fails) or the owner token (compared in constant
 * time). A credential that is presented but valid for nobody is refused outright (401), so a till
 * whose credential was revoked learns it at once instead of being served as a customer. Without an
 * owner token (possible only on a loopback-bound hub), a loopback caller counts as the owner.
 * Thread-safe.
 */
public final class Callers {

    private final TillKeys tills;
    private final byte[] ownerToken; // null: none configured

    public Callers(TillKeys tills, String ownerToken) {
        this.tills = Objects.requireNonNull(tills, "tills");
        this.ownerToken = ownerToken == null ? null : ownerToken.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The caller of a request with this {@code Authorization} header from {@code address}.
     *
     * @throws RefusedRequestException 401 when a bearer credential is given but is no valid till's and not the owner's
     */
    public Caller identify(String authorization, String address) {
        boolean loopback = isLoopback(address);
        if (authorization == null || authorization.isBlank()) {
            return anonymous(address, loopback);
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the hub takes 'Authorization: Bearer <till credential or owner token>'; this request"
                    + " carries another kind of credential");
        }
        String presented = authorization.substring(7).strip();
        if (ownerToken != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), ownerToken)) {
            return new Caller(Caller.Kind.OWNER, null, address, loopback, true);
        }
        TillCredential credential;
        try {
            credential = TillCredential.parse(presented);
        } catch (UnableToReadSecretException e) {
            throw unauthorized("the credential is neither a till's nor the owner's");
        }
        try {
            Optional<String> till = tills.authenticate(credential);
            if (till.isEmpty()) {
                throw unauthorized("till " + credential.tillId() + "'s credential is unknown or revoked; ask the store"
                        + " for a new one (./pos hub tills add)");
            }
            return new Caller(Caller.Kind.TILL, till.get(), address, loopback, true);
        } finally {
            credential.wipe();
        }
    }

    private Caller anonymous(String address, boolean loopback) {
        // Before issue 10 a loopback hub trusted its own machine; without an owner token it still does.
        return ownerToken == null && loopback ? new Caller(Caller.Kind.OWNER, null, address, true, false)
                : new Caller(Caller.Kind.ANYBODY, null, address, loopback, false);
    }

    static RefusedRequestException unauthorized(String message) {
        return new RefusedRequestException(401, "unauthorized", message, Map.of("WWW-Authenticate", "Bearer realm=\"pos-hub\""));
    }

    /** True for 127.0.0.0/8 and ::1 (an IP literal as the socket reports it; nothing is resolved). */
    public static boolean isLoopback(String address) {
        if (address == null || address.isBlank() || !address.matches("[0-9A-Fa-f:.\\[\\]%a-zA-Z]+")) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.contains(":") && !literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return "localhost".equalsIgnoreCase(literal);
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // an IP literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
