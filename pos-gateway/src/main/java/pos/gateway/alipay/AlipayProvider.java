package pos.gateway.alipay;

import java.util.Objects;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentNotifications;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.ProviderSettings;

/**
 * Alipay face-to-face as the till and the hub use it: {@link AlipayGateway} for requests, {@link AlipayNotifications}
 * for {@code /notify/alipay}, both from the credentials {@link AlipayCredentials#read} checked. The gateway address is
 * the settings' base URL plus {@code /gateway.do} (a test server speaking Alipay's protocol), or Alipay's production
 * gateway when none is given. Thread-safe.
 */
public final class AlipayProvider implements PaymentProvider {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AlipayProvider.class);

    public static final String NAME = "alipay";

    private final AlipayGateway gateway;
    private final AlipayNotifications notifications;

    private AlipayProvider(AlipayGateway gateway, AlipayNotifications notifications) {
        this.gateway = gateway;
        this.notifications = notifications;
    }

    /**
     * Reads the credentials and makes the provider.
     *
     * @throws pos.gateway.provider.MissingCredentialsException naming the file or variable of a bad credential
     */
    public static AlipayProvider open(ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        AlipayCredentials credentials = AlipayCredentials.read(settings.secrets());
        if (settings.trust() != null) {
            // the SDK opens its own connections and offers no TLS context to set: it trusts the JVM's trust store
            log.warn("Alipay: the configured trust (TLS context) is not used by alipay-sdk-java; {} is trusted through"
                    + " the JVM's trust store (javax.net.ssl.trustStore)", settings.baseUrl());
        }
        return new AlipayProvider(new AlipayGateway(credentials, settings.baseUrl(), settings.timeout(),
                settings.orderExpiry(), settings.notifyUrl()), new AlipayNotifications(credentials));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public PaymentNotifications notifications() {
        return notifications;
    }
}
