package pos.core.biometric;

/** The reader or its driver reported an error (libfprint FpDeviceError); the message names it. Immutable. */
public class ReaderErrorException extends BiometricException {

    private static final long serialVersionUID = 1L;

    public ReaderErrorException(String message) {
        super(message);
    }

    public ReaderErrorException(String message, Throwable cause) {
        super(message, cause);
    }
}
