package pos.core.biometric;

/** The base of every fingerprint reader failure; the message is a sentence a clerk or IT person can act on. Immutable. */
public abstract class BiometricException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected BiometricException(String message) {
        super(message);
    }

    protected BiometricException(String message, Throwable cause) {
        super(message, cause);
    }
}
