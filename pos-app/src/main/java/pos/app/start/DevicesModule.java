package pos.app.start;

import java.util.ArrayList;
import java.util.List;
import pos.app.camera.CameraChoice;
import pos.app.config.TillConfig;
import pos.app.config.WebcamMode;
import pos.core.device.Scanner;
import pos.core.voucher.VoucherCodec;
import pos.device.webcam.WebcamCameras;
import pos.device.webcam.WebcamScanner;
import pos.device.webcam.WebcamScannerSettings;
import pos.device.webcam.WebcamStatus;
import pos.device.wedge.KeyboardWedgeScanner;
import pos.device.wedge.WedgeScannerSettings;

/**
 * The till's scanning devices: the keyboard-wedge scanner, and the webcam when {@code pos.webcam} is not off. Reads
 * go to the listeners given when opened (the webcam's on its own threads: the listener hands them to the UI thread).
 * {@link #start()} starts the webcam; {@link #close()} removes the listeners, uninstalls the wedge scanner and closes
 * the webcam. Open, start and close on the FX thread.
 */
public final class DevicesModule implements AutoCloseable {

    /** Where the devices' reads and states go. */
    public interface Listener {
        /** A code from the wedge scanner (FX thread) or the webcam (its own thread). */
        void scanned(String code, boolean fromWebcam);

        /** A burst the wedge scanner refused, by its reason's name. */
        void rejected(String reason);

        /** The webcam's state changed (its own thread). */
        void webcamStatus(WebcamStatus status);
    }

    private final KeyboardWedgeScanner scanner;
    /** The scanner settings from the configuration alone; the scanner set-up (Ctrl+J) adds to these. */
    private final WedgeScannerSettings scannerConfigured;
    private final WebcamScanner webcam;
    private final WebcamCameras cameras;
    private final List<Scanner.Registration> registrations = new ArrayList<>();
    /** How many windows hold the webcam's reads back from the sale (the camera settings while open). */
    private final java.util.concurrent.atomic.AtomicInteger webcamReadsHeld = new java.util.concurrent.atomic.AtomicInteger();

    /** @param cameras the webcams to scan with, or null for none */
    public DevicesModule(TillConfig config, WebcamCameras cameras, Listener listener) {
        WedgeScannerSettings wedge = WedgeScannerSettings.defaults();
        this.scannerConfigured = wedge
                // a voucher's QR code (R1) is longer than any product code: a wedge scanner reading it must not be refused
                .withLengths(wedge.minLength(), Math.max(wedge.maxLength(), VoucherCodec.MAX_CODE_LENGTH))
                .withMaxInterKeyGap(config.scannerMaxGap())
                .withPrefix(config.scannerPrefix())
                .withSuffix(config.scannerSuffix());
        // what the scanner set-up (Ctrl+J) learned is applied over the configuration
        this.scanner = new KeyboardWedgeScanner(new pos.app.scanner.LearnedScannerFile(config.dataDir()).appliedTo(scannerConfigured));
        registrations.add(scanner.onScan(scan -> listener.scanned(scan.code(), false)));
        registrations.add(scanner.onRejected(rejected -> listener.rejected(rejected.reason().name())));
        this.cameras = cameras;
        if (cameras == null) {
            this.webcam = null;
            return;
        }
        String camera = switch (config.webcam().mode()) {
            case AUTO -> new CameraChoice(config.dataDir()).saved().orElse("");
            case NAMED -> config.webcam().cameraName();
            case SIMULATED, OFF -> "";
        };
        this.webcam = new WebcamScanner(cameras, WebcamScannerSettings.defaults().withCamera(camera));
        registrations.add(webcam.onScan(scan -> {
            if (webcamReadsHeld.get() == 0) {
                listener.scanned(scan.code(), true);
            }
        }));
        registrations.add(webcam.onStatus(listener::webcamStatus));
    }

    /** The webcams {@code config} asks for: none, the demo camera, or the default driver's. */
    public static WebcamCameras camerasFor(TillConfig config, java.util.function.Supplier<WebcamCameras> demoCamera) {
        return config.webcam().mode() == WebcamMode.OFF ? null
                : config.webcam().mode() == WebcamMode.SIMULATED ? demoCamera.get()
                : WebcamCameras.defaultDriver();
    }

    /**
     * Holds the webcam's reads back from the sale until the answer is closed (issue 11 defect 10: while the camera
     * settings are open, what the camera reads is shown there, never added to the sale). Any thread.
     */
    public Scanner.Registration holdWebcamReads() {
        webcamReadsHeld.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                webcamReadsHeld.decrementAndGet();
            }
        };
    }

    /** Starts the webcam's capture, if any. */
    public void start() {
        if (webcam != null) {
            webcam.start();
        }
    }

    public KeyboardWedgeScanner scanner() {
        return scanner;
    }

    /** The scanner settings from the configuration alone, before what the scanner set-up learned. */
    public WedgeScannerSettings scannerConfigured() {
        return scannerConfigured;
    }

    /** The webcam scanner, or null when pos.webcam is off. */
    public WebcamScanner webcam() {
        return webcam;
    }

    /** The webcams, or null when pos.webcam is off. */
    public WebcamCameras cameras() {
        return cameras;
    }

    @Override
    public void close() {
        registrations.forEach(Scanner.Registration::close);
        scanner.uninstall();
        if (webcam != null) {
            webcam.close();
        }
    }
}
