package pos.device.webcam;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;

/**
 * A webcam-capture driver of simulated cameras ({@link FrameFeedDevice}s) that play pictures
 * instead of filming: the supported way to feed frames to webcam-capture (DESIGN §7). Used by the
 * tests and benchmarks, which run the real {@link WebcamScanner} over it, and by a demo till on a PC
 * without a camera. Use it through {@link WebcamCameras#simulated(FrameFeedDriver)}.
 *
 * <p>{@link #getDevices()} lists the devices plugged in now; webcam-capture caches the list it got
 * when the driver was installed, so a device unplugged later stays listed there but fails to open.
 * Thread-safe.
 */
public final class FrameFeedDriver implements WebcamDriver {

    private final List<FrameFeedDevice> devices = new CopyOnWriteArrayList<>();

    /** A driver with these simulated cameras (none: a PC with no camera). */
    public FrameFeedDriver(FrameFeedDevice... devices) {
        this.devices.addAll(List.of(devices));
    }

    /** Adds a simulated camera (before the driver is installed, or it is only seen by {@link #getDevices()}). */
    public void add(FrameFeedDevice device) {
        devices.add(device);
    }

    @Override
    public List<WebcamDevice> getDevices() {
        return devices.stream().filter(FrameFeedDevice::isPluggedIn).map(WebcamDevice.class::cast).toList();
    }

    /** True: webcam-capture may call the devices from the caller's thread, no processor thread needed. */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public String toString() {
        return "FrameFeedDriver" + devices;
    }
}
