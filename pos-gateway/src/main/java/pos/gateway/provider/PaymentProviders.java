package pos.gateway.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentNotifications;
import pos.gateway.sandboxapi.NotificationVerifier;
import pos.gateway.sandboxapi.SandboxNotifications;
import pos.gateway.sandboxapi.SandboxPaymentGateway;

/**
 * Makes the configured payment provider. The configuration's word ({@code pos.gateway.provider} on the till,
 * {@code --provider} on the hub) picks one of {@link #NAMES}; the sandbox stays the default for a standalone till and
 * the demo.
 */
public final class PaymentProviders {

    public static final String SANDBOX = "sandbox";
    public static final String WECHATPAY = "wechatpay";
    public static final String ALIPAY = "alipay";
    /** Every provider this build knows, in the order help texts list them. */
    public static final List<String> NAMES = List.of(SANDBOX, WECHATPAY, ALIPAY);

    /**
     * The credentials each real provider needs, by file name (the variable is {@code POS_<PROVIDER>_<NAME>}, see
     * {@link Secrets}). WeChat Pay API v3 in its "WeChat Pay public key" mode: the merchant id and app id, the
     * merchant's API certificate serial number and private key, the API v3 key (32 characters, for the notifications'
     * AES-256-GCM), and WeChat Pay's public key with its id. Alipay: the app id, the app's private key, Alipay's public
     * key, and the seller (partner) id that notifications must name.
     */
    public static final Map<String, List<String>> REQUIRED_CREDENTIALS = Map.of(
            WECHATPAY, List.of("merchant-id", "app-id", "merchant-serial", "merchant-key.pem", "api-v3-key",
                    "wechatpay-public-key.pem", "wechatpay-public-key-id"),
            ALIPAY, List.of("app-id", "app-private-key.pem", "alipay-public-key.pem", "seller-id"));

    /** The sandbox's notification key id and secret unless its credentials say otherwise (its demo defaults). */
    static final String SANDBOX_KEY_ID = "sandbox-key-1";
    static final String SANDBOX_SECRET = "sandbox-secret";

    private PaymentProviders() {
    }

    /**
     * The provider {@code settings} names, with its credentials read and checked.
     *
     * @throws MissingCredentialsException naming the file or variable when a credential is missing or unsafe
     * @throws IllegalArgumentException    for a provider this build does not know
     */
    public static PaymentProvider open(ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return switch (normalise(settings.provider())) {
            case SANDBOX -> sandbox(settings);
            case WECHATPAY -> {
                requireCredentials(settings);
                yield pos.gateway.wechatpay.WechatPayProvider.open(settings, Clock.systemUTC());
            }
            case ALIPAY -> {
                requireCredentials(settings);
                yield pos.gateway.alipay.AlipayProvider.open(settings);
            }
            default -> throw new IllegalArgumentException("unknown payment provider '" + settings.provider()
                    + "': use one of " + String.join(", ", NAMES));
        };
    }

    /**
     * Checks that every credential the provider needs is there and safe, naming every missing one at once (the
     * installer fixes them in one go).
     *
     * @throws MissingCredentialsException naming each missing file and variable
     */
    public static void requireCredentials(ProviderSettings settings) {
        String name = normalise(settings.provider());
        Secrets secrets = settings.secrets();
        List<String> missing = new java.util.ArrayList<>();
        for (String credential : REQUIRED_CREDENTIALS.getOrDefault(name, List.of())) {
            if (secrets.optional(credential).isEmpty()) { // an unsafe file throws here, with its own sentence
                missing.add("'" + credential + "' (" + secrets.where(credential) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingCredentialsException(name + " is configured as the payment provider but "
                    + (missing.size() == 1 ? "a credential is" : missing.size() + " credentials are") + " missing: "
                    + String.join("; ", missing));
        }
    }

    /** The provider's name as configured, in lower case; "wechatpay-v3" and "wechat" are "wechatpay". */
    public static String normalise(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "", SANDBOX -> SANDBOX;
            case WECHATPAY, "wechatpay-v3", "wechat", "weixin" -> WECHATPAY;
            case ALIPAY -> ALIPAY;
            default -> n;
        };
    }

    private static PaymentProvider sandbox(ProviderSettings settings) {
        if (settings.baseUrl() == null) {
            throw new IllegalArgumentException("the sandbox provider needs the sandbox gateway's URL");
        }
        Secrets secrets = settings.secrets();
        String keyId = secrets.optional("notify-key-id").orElse(SANDBOX_KEY_ID);
        String secret = secrets.optional("notify-secret").orElse(SANDBOX_SECRET);
        SandboxPaymentGateway gateway = new SandboxPaymentGateway(settings.baseUrl(), settings.timeout(),
                settings.timeout(), settings.orderExpiry(), settings.notifyUrl());
        SandboxNotifications notifications = new SandboxNotifications(new NotificationVerifier(Map.of(keyId, secret),
                Duration.ofMinutes(5), Clock.systemUTC()));
        return new PaymentProvider() {
            @Override
            public String name() {
                return SANDBOX;
            }

            @Override
            public PaymentGateway gateway() {
                return gateway;
            }

            @Override
            public PaymentNotifications notifications() {
                return notifications;
            }
        };
    }
}
