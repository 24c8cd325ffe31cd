package pos.core.biometric;

/** A reader call did not finish in time (no finger, or a hung driver, which is then restarted). Immutable. */
public class ReaderTimeoutException extends BiometricException {

    private static final long serialVersionUID = 1L;

    public ReaderTimeoutException(String message) {
        super(message);
    }

    public ReaderTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
