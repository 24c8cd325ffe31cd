package pos.device.webcam;

/** Where a {@link WebcamScanner} stands. Immutable. */
public enum WebcamState {
    /** Not started, or stopped. */
    OFF,
    /** Looking for and opening the camera. */
    STARTING,
    /** Frames are being captured and decoded. */
    RUNNING,
    /** No camera was found (none plugged in, the chosen one missing, or the driver could not load). */
    NO_CAMERA,
    /** The camera is there but could not be opened: another program holds it. */
    BUSY,
    /** The camera stopped delivering pictures while running (unplugged, driver failure). */
    LOST;

    /** Whether the scanner has given up until {@link WebcamScanner#start()} is called again. */
    public boolean isFailure() {
        return this == NO_CAMERA || this == BUSY || this == LOST;
    }
}
