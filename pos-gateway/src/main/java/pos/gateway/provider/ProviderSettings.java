package pos.gateway.provider;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What {@link PaymentProviders#open} needs to make a provider. Immutable.
 *
 * @param provider       {@code sandbox}, {@code wechatpay} or {@code alipay}
 * @param baseUrl        where the provider's API is: the sandbox's address; for a real provider null (its
 *                       documented production address) or a test server speaking its protocol
 * @param credentialsDir the directory of the provider's credential files (mode 0600), or null
 * @param environment    the process environment, for {@code POS_<PROVIDER>_<NAME>} credentials
 * @param notifyUrl      the store hub's {@code /notify/{provider}} URL the provider sends results to, or null
 * @param timeout        connect and per-request timeout
 * @param orderExpiry    how long a QR order stays payable at the provider
 * @param trust          whom to trust for the provider's TLS certificate (a test server's own CA), or null for
 *                       the JVM's default trust
 */
public record ProviderSettings(String provider, URI baseUrl, Path credentialsDir, Map<String, String> environment,
        String notifyUrl, Duration timeout, Duration orderExpiry, SSLContext trust) {

    public ProviderSettings {
        Objects.requireNonNull(provider, "provider");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(orderExpiry, "orderExpiry");
    }

    /** The sandbox at {@code baseUrl}, with the default timeouts. */
    public static ProviderSettings sandbox(URI baseUrl, String notifyUrl) {
        return new ProviderSettings(PaymentProviders.SANDBOX, baseUrl, null, Map.of(), notifyUrl, Duration.ofSeconds(5),
                Duration.ofMinutes(2), null);
    }

    /** The credentials of this provider. */
    public Secrets secrets() {
        return new Secrets(PaymentProviders.normalise(provider), credentialsDir, environment);
    }

    public ProviderSettings withBaseUrl(URI url) {
        return new ProviderSettings(provider, url, credentialsDir, environment, notifyUrl, timeout, orderExpiry, trust);
    }

    public ProviderSettings withNotifyUrl(String url) {
        return new ProviderSettings(provider, baseUrl, credentialsDir, environment, url, timeout, orderExpiry, trust);
    }

    public ProviderSettings withTrust(SSLContext context) {
        return new ProviderSettings(provider, baseUrl, credentialsDir, environment, notifyUrl, timeout, orderExpiry,
                context);
    }

    public ProviderSettings withTimeout(Duration value) {
        return new ProviderSettings(provider, baseUrl, credentialsDir, environment, notifyUrl, value, orderExpiry, trust);
    }

    public ProviderSettings withOrderExpiry(Duration value) {
        return new ProviderSettings(provider, baseUrl, credentialsDir, environment, notifyUrl, timeout, value, trust);
    }
}
