package pos.core.biometric;

/** The reader is already scanning for another call (or another program holds it). Immutable. */
public class ReaderBusyException extends BiometricException {

    private static final long serialVersionUID = 1L;

    public ReaderBusyException(String message) {
        super(message);
    }

    public ReaderBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
