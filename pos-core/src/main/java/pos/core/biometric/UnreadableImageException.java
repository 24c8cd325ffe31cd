package pos.core.biometric;

/**
 * Issue 15: a finger (or something) was on the reader, but its driver did not finish reading the image in time
 * (an image no sensor makes, which the matcher chews on for minutes); the driver was restarted. Not "no finger
 * was placed": the person pressed and should press again. Immutable.
 */
public class UnreadableImageException extends ReaderTimeoutException {

    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String message) {
        super(message);
    }
}
