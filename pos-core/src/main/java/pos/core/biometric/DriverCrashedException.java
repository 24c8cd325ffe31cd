package pos.core.biometric;

/**
 * Issue 15: the reader's native driver crashed while it read a finger (a fault signal such as SIGSEGV inside
 * libfprint, or an abort); the process that ran it was replaced. The message is for IT (signal, exit status);
 * the person at the reader is asked to press again. Immutable.
 */
public class DriverCrashedException extends WorkerCrashedException {

    private static final long serialVersionUID = 1L;

    public DriverCrashedException(String message) {
        super(message);
    }
}
