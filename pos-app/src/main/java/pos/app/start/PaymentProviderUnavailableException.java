package pos.app.start;

import java.util.Objects;

/**
 * The configured payment provider cannot be used on this till (issue 13): a credential is missing or unsafe, a key
 * does not load, or this build cannot make the provider. The message is the provider's own sentence, which names the
 * file and the environment variable and never holds a secret. The till starts anyway and sells cash; QR, pay-code and
 * card say this sentence. Immutable.
 */
public class PaymentProviderUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String provider;

    public PaymentProviderUnavailableException(String provider, Throwable cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The provider as configured, in normal form: {@code wechatpay}, {@code alipay} or {@code sandbox}. */
    public String provider() {
        return provider;
    }

    /** The sentence for the clerk and the log: what is missing or wrong, naming the file and the variable. */
    public String sentence() {
        String message = getMessage();
        return message == null || message.isBlank() ? getCause().getClass().getSimpleName() : message;
    }
}
