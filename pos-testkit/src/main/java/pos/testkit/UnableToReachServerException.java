package pos.testkit;

/**
 * A running test server could not be talked to (an administrative command such as
 * {@code CREATE DATABASE} or {@code FLUSHALL} failed on the wire); the message names the server
 * and its address, the cause is chained.
 *
 * <p>Immutable and thread-safe.
 */
public class UnableToReachServerException extends TestkitException {

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the server and its address
     * @param cause the I/O or SQL failure
     */
    public UnableToReachServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
