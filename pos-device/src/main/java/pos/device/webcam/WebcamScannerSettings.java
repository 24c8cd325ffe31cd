package pos.device.webcam;

import java.awt.Dimension;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebcamScanner} runs. Immutable; change with the {@code with…} methods.
 *
 * @param camera            the camera's name as {@link WebcamCameras#names()} lists it; empty = the first one found
 * @param viewSize          the picture size to ask for if the camera offers it (else its default); {@code null} = default
 * @param duplicateWindow   the same code seen again within this counts once ({@link DuplicateFilter})
 * @param tryHarderEvery    ZXing's TRY_HARDER on every n-th frame only (0 = never)
 * @param lostAfter         no picture for this long while running = the camera is lost (unplugged)
 * @param discoveryTimeout  longest wait for the driver to list the cameras
 */
public record WebcamScannerSettings(String camera, Dimension viewSize, Duration duplicateWindow, int tryHarderEvery,
        Duration lostAfter, Duration discoveryTimeout) {

    /** 640 × 480: enough for a phone's QR code at a hand's distance, cheap to decode. */
    public static final Dimension VGA = new Dimension(640, 480);

    public WebcamScannerSettings {
        Objects.requireNonNull(camera, "camera");
        viewSize = viewSize == null ? null : new Dimension(viewSize);
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        Objects.requireNonNull(lostAfter, "lostAfter");
        Objects.requireNonNull(discoveryTimeout, "discoveryTimeout");
        if (tryHarderEvery < 0) {
            throw new IllegalArgumentException("tryHarderEvery must be 0 (never) or more, not " + tryHarderEvery);
        }
        if (duplicateWindow.isNegative() || lostAfter.isNegative() || lostAfter.isZero() || discoveryTimeout.isNegative()
                || discoveryTimeout.isZero()) {
            throw new IllegalArgumentException("durations must be positive: duplicateWindow=" + duplicateWindow
                    + ", lostAfter=" + lostAfter + ", discoveryTimeout=" + discoveryTimeout);
        }
    }

    /**
     * The first camera found, VGA, a code counts once within 1.5 s of last being seen, TRY_HARDER on
     * every 4th frame, lost after 3 s without a picture, 10 s to list the cameras.
     */
    public static WebcamScannerSettings defaults() {
        return new WebcamScannerSettings("", VGA, Duration.ofMillis(1500), 4, Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @Override
    public Dimension viewSize() {
        return viewSize == null ? null : new Dimension(viewSize);
    }

    public WebcamScannerSettings withCamera(String name) {
        return new WebcamScannerSettings(name, viewSize, duplicateWindow, tryHarderEvery, lostAfter, discoveryTimeout);
    }

    public WebcamScannerSettings withViewSize(Dimension size) {
        return new WebcamScannerSettings(camera, size, duplicateWindow, tryHarderEvery, lostAfter, discoveryTimeout);
    }

    public WebcamScannerSettings withDuplicateWindow(Duration window) {
        return new WebcamScannerSettings(camera, viewSize, window, tryHarderEvery, lostAfter, discoveryTimeout);
    }

    public WebcamScannerSettings withTryHarderEvery(int frames) {
        return new WebcamScannerSettings(camera, viewSize, duplicateWindow, frames, lostAfter, discoveryTimeout);
    }

    public WebcamScannerSettings withLostAfter(Duration silence) {
        return new WebcamScannerSettings(camera, viewSize, duplicateWindow, tryHarderEvery, silence, discoveryTimeout);
    }

    public WebcamScannerSettings withDiscoveryTimeout(Duration timeout) {
        return new WebcamScannerSettings(camera, viewSize, duplicateWindow, tryHarderEvery, lostAfter, timeout);
    }
}
