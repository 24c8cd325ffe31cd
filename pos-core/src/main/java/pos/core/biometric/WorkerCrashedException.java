package pos.core.biometric;

/** The process that runs the driver died during the call; the next call starts a new one. Immutable. */
public class WorkerCrashedException extends BiometricException {

    private static final long serialVersionUID = 1L;

    public WorkerCrashedException(String message) {
        super(message);
    }

    public WorkerCrashedException(String message, Throwable cause) {
        super(message, cause);
    }
}
