package pos.core.biometric;

/** The scan was cancelled (BiometricReader.cancel). Immutable. */
public class ScanCancelledException extends BiometricException {

    private static final long serialVersionUID = 1L;

    public ScanCancelledException(String message) {
        super(message);
    }

    public ScanCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
