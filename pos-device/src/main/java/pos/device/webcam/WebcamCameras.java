package pos.device.webcam;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.ds.buildin.WebcamDefaultDriver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webcam-capture driver this process uses and the cameras it finds: what the settings screen
 * lists and what a {@link WebcamScanner} opens.
 *
 * <p>webcam-capture keeps one driver per process in static state, and {@link Webcam#setDriver}
 * must be called before {@link Webcam#getDefault()} or {@link Webcam#getWebcams()} (DESIGN §7),
 * or it picks the default driver itself. Every method here installs this instance's driver first
 * (only if another one is installed), so the order is always right. Switching drivers disposes the
 * previous driver's cameras, so a process uses one {@code WebcamCameras} at a time (tests switch
 * between simulated drivers one test after the other).
 *
 * <p>Thread-safe. Listing cameras may block for up to the timeout (the default driver enumerates
 * devices natively): call it off the JavaFX thread.
 */
public final class WebcamCameras {

    private static final Logger log = LoggerFactory.getLogger(WebcamCameras.class);
    /** Guards webcam-capture's static driver state. */
    private static final Object DRIVER_LOCK = new Object();
    private static WebcamDriver installed;

    private final WebcamDriver driver;
    private final boolean simulated;

    private WebcamCameras(WebcamDriver driver, boolean simulated) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.simulated = simulated;
    }

    /**
     * The real cameras, through webcam-capture's default driver (BridJ + OpenIMAJ grabber over V4L2
     * on Linux; it needs the {@code libv4l-0} package on Debian/Ubuntu). Nothing native is loaded until
     * cameras are listed.
     */
    public static WebcamCameras defaultDriver() {
        return new WebcamCameras(new WebcamDefaultDriver(), false);
    }

    /** The simulated cameras of {@code driver} (a demo, a PC without a camera, tests and benchmarks). */
    public static WebcamCameras simulated(FrameFeedDriver driver) {
        return new WebcamCameras(driver, true);
    }

    /** Any other webcam-capture driver (another native backend, say). */
    public static WebcamCameras of(WebcamDriver driver) {
        return driver instanceof FrameFeedDriver feed ? simulated(feed) : new WebcamCameras(driver, false);
    }

    /** The driver in use. */
    public WebcamDriver driver() {
        return driver;
    }

    /** Whether these are simulated cameras (no other process can hold them, so no cross-process lock). */
    public boolean isSimulated() {
        return simulated;
    }

    /**
     * The names of the cameras plugged in now, for the settings screen, waiting at most 10 s.
     *
     * @throws WebcamUnavailableException the driver failed to load or to list (message for the clerk, cause chained)
     */
    public List<String> names() {
        return names(Duration.ofSeconds(10));
    }

    /** {@link #names()} with a timeout of your choice. */
    public List<String> names(Duration timeout) {
        return webcams(timeout).stream().map(Webcam::getName).toList();
    }

    /** The cameras as webcam-capture objects, after installing this driver. */
    List<Webcam> webcams(Duration timeout) {
        synchronized (DRIVER_LOCK) {
            if (installed != driver) {
                log.debug("installing webcam-capture driver {}", driver.getClass().getName());
                Webcam.setDriver(driver);
                installed = driver;
            }
            try {
                return List.copyOf(Webcam.getWebcams(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                throw new WebcamUnavailableException("The camera driver did not list the cameras within "
                        + timeout.toSeconds() + " s.", e);
            } catch (RuntimeException | LinkageError e) {
                // WebcamException, or BridJ failing to load the native grabber (missing libv4l-0, unknown platform)
                throw new WebcamUnavailableException("The camera driver could not start"
                        + (simulated ? "" : " (on Debian/Ubuntu it needs the libv4l-0 package)") + ": " + describe(e), e);
            }
        }
    }

    /** Whether the driver lists a device of this name right now, asking the driver itself (no cache). */
    boolean isPluggedIn(String name) {
        try {
            return driver.getDevices().stream().anyMatch(device -> device.getName().equals(name));
        } catch (RuntimeException e) {
            log.warn("camera driver {} failed to list its devices while checking for {}", driver.getClass().getSimpleName(), name, e);
            return false;
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    @Override
    public String toString() {
        return "WebcamCameras[" + driver.getClass().getSimpleName() + (simulated ? ", simulated" : "") + "]";
    }
}
