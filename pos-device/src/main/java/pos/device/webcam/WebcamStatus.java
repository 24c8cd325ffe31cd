package pos.device.webcam;

import java.util.Objects;

/**
 * A {@link WebcamScanner}'s state with a sentence the clerk can read. Immutable.
 *
 * @param state   where the scanner stands
 * @param camera  the camera it concerns (the chosen one, or the first found); empty when none is known
 * @param message a plain sentence for the status bar or the settings dialog, never a stack trace
 */
public record WebcamStatus(WebcamState state, String camera, String message) {

    /** What the clerk is told whenever the camera gives up: the till does not depend on it. */
    public static final String WEDGE_GOES_ON = "Scanning goes on with the barcode scanner.";

    public WebcamStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(message, "message");
    }

    static WebcamStatus off(String camera) {
        return new WebcamStatus(WebcamState.OFF, camera, "Camera off.");
    }
}
