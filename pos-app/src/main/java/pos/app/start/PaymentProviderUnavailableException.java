package pos.app.start;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The configured payment provider cannot be used on this till (issue 13): a credential is missing or unsafe, a key
 * does not load, or this build cannot make the provider. The message is the provider's own sentence, which names the
 * files and the environment variables and never holds a secret (for the log). The till starts anyway and sells cash;
 * QR, pay-code and card say what is missing in fewer words ({@link #missing()}). Immutable.
 */
public class PaymentProviderUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String provider;
    private final transient Path credentialsDir;
    private final Map<String, String> missing;

    /**
     * @param provider       the provider in normal form
     * @param credentialsDir where its credential files are looked for, or null
     * @param missing        each missing credential's file name → its variable, in the provider's order; empty when the
     *                       problem is another one (an unsafe file, a key that does not load)
     */
    public PaymentProviderUnavailableException(String provider, Path credentialsDir, Map<String, String> missing,
            Throwable cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.credentialsDir = credentialsDir;
        this.missing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missing));
    }

    /** The provider as configured, in normal form: {@code wechatpay}, {@code alipay} or {@code sandbox}. */
    public String provider() {
        return provider;
    }

    /** The whole sentence, for the log: what is missing or wrong, naming each file and variable. */
    public String sentence() {
        String message = getMessage();
        return message == null || message.isBlank() ? getCause().getClass().getSimpleName() : message;
    }

    /** The directory of the provider's credential files, or null when none is configured. */
    public Path credentialsDir() {
        return credentialsDir;
    }

    /** Each missing credential's file name → its environment variable; empty for another problem. */
    public Map<String, String> missing() {
        return missing;
    }
}
