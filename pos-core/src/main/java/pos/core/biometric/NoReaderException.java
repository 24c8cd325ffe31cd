package pos.core.biometric;

/** No fingerprint reader: libfprint is not installed or nothing is plugged in. Sign in with the PIN. Immutable. */
public class NoReaderException extends BiometricException {

    private static final long serialVersionUID = 1L;

    public NoReaderException(String message) {
        super(message);
    }

    public NoReaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
