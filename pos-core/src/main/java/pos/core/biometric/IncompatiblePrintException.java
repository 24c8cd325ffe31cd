package pos.core.biometric;

/** A print was made by another type of reader (fp_print_compatible failed): the person must re-enrol on this reader. Immutable. */
public class IncompatiblePrintException extends BiometricException {

    private static final long serialVersionUID = 1L;

    public IncompatiblePrintException(String message) {
        super(message);
    }

    public IncompatiblePrintException(String message, Throwable cause) {
        super(message, cause);
    }
}
