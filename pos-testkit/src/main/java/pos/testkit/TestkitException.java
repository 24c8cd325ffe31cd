package pos.testkit;

/**
 * Base of every failure the test harness reports: a server that cannot be found, started or
 * reached. Unchecked, because a test can do nothing sensible about it but fail.
 *
 * <p>Immutable and thread-safe.
 */
public class TestkitException extends RuntimeException {

    /**
     * Creates an exception with a message a person can act on.
     *
     * @param message what failed, with the context needed to fix it
     */
    public TestkitException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message a person can act on and the failure behind it.
     *
     * @param message what failed, with the context needed to fix it
     * @param cause the underlying failure
     */
    public TestkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
