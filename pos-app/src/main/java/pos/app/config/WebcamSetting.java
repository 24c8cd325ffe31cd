package pos.app.config;

import java.util.Objects;

/**
 * {@code pos.webcam}: off, auto, simulated, or a camera's name as the camera settings list it. Immutable.
 *
 * @param mode       which of those
 * @param cameraName the camera's name for {@link WebcamMode#NAMED}, else ""
 */
public record WebcamSetting(WebcamMode mode, String cameraName) {

    public WebcamSetting {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cameraName, "cameraName");
        if ((mode == WebcamMode.NAMED) == cameraName.isEmpty()) {
            throw new IllegalArgumentException("a camera's name goes with NAMED only: " + mode + " '" + cameraName + "'");
        }
    }

    public static final WebcamSetting OFF = new WebcamSetting(WebcamMode.OFF, "");

    /** Whether a webcam (real or simulated) scans codes. */
    public boolean wanted() {
        return mode != WebcamMode.OFF;
    }

    @Override
    public String toString() {
        return mode == WebcamMode.NAMED ? cameraName : ConfigValues.settingText(mode);
    }
}
