package pos.contract.redis;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to talk to the store's Redis beside its URI: the ACL user and password, and which
 * certificates to trust for {@code rediss://} (a PKCS12 trust store or a PEM CA file; without
 * either, the JVM's default trust store). Hostname verification is always on. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * RedisSettings settings = RedisSettings.none()
 *         .withCredentials(RedisCredentials.fromFile("pos-till", Path.of("/etc/pos/redis.password")))
 *         .withCaCertificate(Path.of("/etc/pos/redis-ca.crt"));
 * RedisConnections redis = RedisConnections.create("rediss://hub.store.lan:6380/0", settings);
 * }</pre>
 */
public final class RedisSettings {

    private static final RedisSettings NONE = new RedisSettings(null, null, null, null);

    private final RedisCredentials credentials;
    private final Path trustStore;
    private final char[] trustStorePassword;
    private final Path caCertificate;

    private RedisSettings(RedisCredentials credentials, Path trustStore, char[] trustStorePassword, Path caCertificate) {
        this.credentials = credentials;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
        this.caCertificate = caCertificate;
    }

    /** @return no credentials, the JVM's default trust store */
    public static RedisSettings none() {
        return NONE;
    }

    /**
     * Credentials from the environment ({@link RedisCredentials#fromEnvironment()}), a CA file
     * from {@code POS_REDIS_CA_FILE} if set.
     */
    public static RedisSettings fromEnvironment() {
        RedisSettings settings = none();
        Optional<RedisCredentials> credentials = RedisCredentials.fromEnvironment();
        if (credentials.isPresent()) {
            settings = settings.withCredentials(credentials.get());
        }
        String caFile = System.getenv("POS_REDIS_CA_FILE");
        return caFile == null || caFile.isBlank() ? settings : settings.withCaCertificate(Path.of(caFile));
    }

    /** @return these settings, logging in as {@code credentials} */
    public RedisSettings withCredentials(RedisCredentials credentials) {
        return new RedisSettings(Objects.requireNonNull(credentials, "credentials"), trustStore, trustStorePassword,
                caCertificate);
    }

    /**
     * @param trustStore a PKCS12 file with the CA certificates to trust for TLS (instead of a CA file)
     * @param password its password; copied
     */
    public RedisSettings withTrustStore(Path trustStore, char[] password) {
        return new RedisSettings(credentials, Objects.requireNonNull(trustStore, "trustStore"),
                Objects.requireNonNull(password, "password").clone(), null);
    }

    /** @param caCertificate a PEM file with the CA certificates to trust for TLS (instead of a trust store) */
    public RedisSettings withCaCertificate(Path caCertificate) {
        return new RedisSettings(credentials, null, null, Objects.requireNonNull(caCertificate, "caCertificate"));
    }

    /** @return the ACL credentials, if any */
    public Optional<RedisCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** @return the PKCS12 trust store, if one is set */
    public Optional<Path> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** @return the PEM CA file, if one is set */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** @return a copy of the trust store's password, or null without a trust store */
    char[] trustStorePassword() {
        return trustStorePassword == null ? null : trustStorePassword.clone();
    }

    /** @return where trust comes from, for messages: "the trust store /x", "the CA file /y" or "the JVM's default trust store" */
    public String trustSource() {
        if (trustStore != null) {
            return "the trust store " + trustStore;
        }
        if (caCertificate != null) {
            return "the CA file " + caCertificate;
        }
        return "the JVM's default trust store";
    }

    @Override
    public String toString() {
        return "RedisSettings[" + (credentials == null ? "no user" : credentials) + ", trusting " + trustSource() + "]";
    }
}
