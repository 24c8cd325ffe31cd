package pos.hub.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import pos.contract.auth.TillKeys;

/**
 * How the hub's HTTP side guards itself (issue 10, docs/hub-http.md): who is the store owner, which
 * browser origins and host names it answers, TLS, the customers' rate limit and the limits that keep
 * slow or hostile clients from tying it up. Immutable; {@link #toString()} never shows a secret.
 *
 * @param ownerToken             the store owner's bearer token, or null (then, on a loopback-bound hub only, a
 *                               loopback caller counts as the owner, as before issue 10)
 * @param allowedOrigins         browser origins ({@code https://shop.example}) that get CORS answers
 * @param publicNames            host names the {@code Host} header may carry (with or without port); empty: the
 *                               listen host, {@code localhost}, {@code 127.0.0.1}, {@code ::1}
 * @param tlsKeystore            a PKCS12 key store with the hub's certificate and key, or null for plain HTTP
 * @param tlsKeystorePassword    its password (never logged), or null
 * @param plainHttp              plain HTTP on a non-loopback address, chosen explicitly (a warning every start)
 * @param tillKeys               the tills' credentials, or null for MariaDB's {@code tills} (tests give a fixed set)
 * @param tillRefresh            how often the hub reads the till credentials again (a revocation's delay)
 * @param customerBurst          a customer address's token bucket size on /payments and /vouchers
 * @param customerPerSecond      its refill rate
 * @param idleTimeout            a connection silent this long is closed (also a blocked body read)
 * @param minRequestDataRate     a request body arriving slower than this many bytes/s is refused (408)
 * @param requestDeadline        a request's headers, and then its body, must each have arrived within this time
 * @param maxThreads             Jetty's worker threads
 * @param acceptQueue            connections waiting to be accepted (the listen backlog)
 * @param maxConnections         open connections at most; beyond it the hub stops accepting until some close
 * @param maxHeaderBytes         the largest request line plus headers
 * @param slowBodyReaders        request bodies that may be read at once when they have not fully arrived
 */
public record HttpSecurity(String ownerToken, Set<String> allowedOrigins, Set<String> publicNames, Path tlsKeystore,
        String tlsKeystorePassword, boolean plainHttp, TillKeys tillKeys, Duration tillRefresh, int customerBurst,
        double customerPerSecond, Duration idleTimeout, int minRequestDataRate, Duration requestDeadline, int maxThreads,
        int acceptQueue, int maxConnections, int maxHeaderBytes, int slowBodyReaders) {

    /** The smallest owner token accepted: shorter ones can be guessed. */
    public static final int MIN_OWNER_TOKEN_CHARS = 16;

    /** The defaults: no owner token, no origins, default names, plain HTTP on loopback, MariaDB's tills. */
    public static final HttpSecurity DEFAULTS = new HttpSecurity(null, Set.of(), Set.of(), null, null, false, null,
            Duration.ofSeconds(2), 20, 5.0, Duration.ofSeconds(10), 1024, Duration.ofSeconds(15), 64, 128, 2_000, 8 * 1024,
            16);

    public HttpSecurity {
        if (ownerToken != null && ownerToken.isBlank()) {
            ownerToken = null;
        }
        if (ownerToken != null && ownerToken.strip().length() < MIN_OWNER_TOKEN_CHARS) {
            throw new IllegalArgumentException("the owner token is too short: it needs at least " + MIN_OWNER_TOKEN_CHARS
                    + " characters (e.g. openssl rand -base64 32 > owner.token; chmod 600 owner.token)");
        }
        ownerToken = ownerToken == null ? null : ownerToken.strip();
        allowedOrigins = Set.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        publicNames = Set.copyOf(Objects.requireNonNull(publicNames, "publicNames"));
        if (tlsKeystore != null && (tlsKeystorePassword == null || tlsKeystorePassword.isEmpty())) {
            throw new IllegalArgumentException("the TLS key store " + tlsKeystore + " needs its password: give"
                    + " --tls-keystore-password-file (mode 0600) or set POS_HUB_TLS_PASSWORD");
        }
        positive(tillRefresh, "tillRefresh");
        positive(idleTimeout, "idleTimeout");
        positive(requestDeadline, "requestDeadline");
        if (customerBurst < 1 || customerPerSecond <= 0) {
            throw new IllegalArgumentException("the customers' rate limit needs a burst of at least 1 and a positive rate");
        }
        if (minRequestDataRate < 0 || maxThreads < 8 || acceptQueue < 1 || maxConnections < 1 || maxHeaderBytes < 1024
                || slowBodyReaders < 1 || slowBodyReaders >= maxThreads) {
            throw new IllegalArgumentException("HTTP limits out of range: min data rate >= 0, threads >= 8, accept queue,"
                    + " connections >= 1, header bytes >= 1024, 1 <= slow body readers < threads");
        }
    }

    /** True when a key store is configured. */
    public boolean tls() {
        return tlsKeystore != null;
    }

    public HttpSecurity withOwnerToken(String token) {
        return new HttpSecurity(token, allowedOrigins, publicNames, tlsKeystore, tlsKeystorePassword, plainHttp, tillKeys,
                tillRefresh, customerBurst, customerPerSecond, idleTimeout, minRequestDataRate, requestDeadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    public HttpSecurity withAllowedOrigins(Set<String> origins) {
        return new HttpSecurity(ownerToken, origins, publicNames, tlsKeystore, tlsKeystorePassword, plainHttp, tillKeys,
                tillRefresh, customerBurst, customerPerSecond, idleTimeout, minRequestDataRate, requestDeadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    public HttpSecurity withPublicNames(Set<String> names) {
        return new HttpSecurity(ownerToken, allowedOrigins, names, tlsKeystore, tlsKeystorePassword, plainHttp, tillKeys,
                tillRefresh, customerBurst, customerPerSecond, idleTimeout, minRequestDataRate, requestDeadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    public HttpSecurity withTls(Path keystore, String password) {
        return new HttpSecurity(ownerToken, allowedOrigins, publicNames, keystore, password, plainHttp, tillKeys,
                tillRefresh, customerBurst, customerPerSecond, idleTimeout, minRequestDataRate, requestDeadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    public HttpSecurity withPlainHttp(boolean plain) {
        return new HttpSecurity(ownerToken, allowedOrigins, publicNames, tlsKeystore, tlsKeystorePassword, plain, tillKeys,
                tillRefresh, customerBurst, customerPerSecond, idleTimeout, minRequestDataRate, requestDeadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    public HttpSecurity withTillKeys(TillKeys keys) {
        return new HttpSecurity(ownerToken, allowedOrigins, publicNames, tlsKeystore, tlsKeystorePassword, plainHttp, keys,
                tillRefresh, customerBurst, customerPerSecond, idleTimeout, minRequestDataRate, requestDeadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    public HttpSecurity withTillRefresh(Duration refresh) {
        return new HttpSecurity(ownerToken, allowedOrigins, publicNames, tlsKeystore, tlsKeystorePassword, plainHttp, tillKeys,
                refresh, customerBurst, customerPerSecond, idleTimeout, minRequestDataRate, requestDeadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    public HttpSecurity withCustomerRate(int burst, double perSecond) {
        return new HttpSecurity(ownerToken, allowedOrigins, publicNames, tlsKeystore, tlsKeystorePassword, plainHttp, tillKeys,
                tillRefresh, burst, perSecond, idleTimeout, minRequestDataRate, requestDeadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    public HttpSecurity withSlowClientLimits(Duration idle, int minDataRate, Duration deadline) {
        return new HttpSecurity(ownerToken, allowedOrigins, publicNames, tlsKeystore, tlsKeystorePassword, plainHttp, tillKeys,
                tillRefresh, customerBurst, customerPerSecond, idle, minDataRate, deadline, maxThreads,
                acceptQueue, maxConnections, maxHeaderBytes, slowBodyReaders);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return "HttpSecurity[owner token " + (ownerToken == null ? "none" : "set") + ", origins " + allowedOrigins
                + ", names " + publicNames + ", tls " + (tlsKeystore == null ? "off" : tlsKeystore) + (plainHttp
                ? ", plain HTTP by choice" : "") + "]";
    }
}
