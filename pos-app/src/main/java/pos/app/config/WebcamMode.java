package pos.app.config;

/** {@code pos.webcam}: whether and with which camera the till scans codes besides the wedge scanner. */
public enum WebcamMode {
    OFF,
    /** The camera chosen in the camera settings, else the first one. */
    AUTO,
    /** A demo camera showing the sample catalog's barcodes. */
    SIMULATED,
    /** The camera of {@link WebcamSetting#cameraName()}. */
    NAMED
}
