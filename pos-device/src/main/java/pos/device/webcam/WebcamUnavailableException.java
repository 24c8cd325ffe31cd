package pos.device.webcam;

/**
 * The camera driver could not list or open cameras: it failed to load (missing native libraries
 * such as {@code libv4l-0}), timed out, or the device refused. The message is a sentence for the
 * clerk or the store's IT person; the cause is chained.
 */
public class WebcamUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WebcamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
