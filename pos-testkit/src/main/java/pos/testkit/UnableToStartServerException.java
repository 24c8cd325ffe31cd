package pos.testkit;

/**
 * A server process did not start or did not become ready in time; the message carries the
 * command line, the port, the waited time and the tail of the server's own log.
 *
 * <p>Immutable and thread-safe.
 */
public class UnableToStartServerException extends TestkitException {

    /**
     * Creates the exception.
     *
     * @param message what failed, including the server's log tail
     */
    public UnableToStartServerException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed, including the server's log tail
     * @param cause the last readiness-probe failure or the launch failure
     */
    public UnableToStartServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
