package pos.device.webcam;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamException;

/**
 * A simulated camera: a webcam-capture {@link WebcamDevice} that plays a list of pictures in a loop
 * at a given frame rate, or {@linkplain #isOnDemand() on demand} (for benchmarks: the next picture at
 * once whenever asked, and the {@link WebcamScanner} asks only when its decoder has taken the last), and can be told to fail the
 * way real cameras do: {@linkplain #setBusy busy} (another program holds it: opening fails) and
 * {@linkplain #unplug unplugged} (pictures stop: {@link #getImage()} returns null, as the default
 * driver does, and opening fails until {@linkplain #plugIn plugged in} again).
 *
 * <p>The pictures are served as given (not copied): treat them as read-only. Thread-safe.
 */
public final class FrameFeedDevice implements WebcamDevice {

    private final String name;
    private final Dimension size;
    private final long frameIntervalNanos;
    private volatile List<BufferedImage> frames;
    private volatile boolean open;
    private volatile boolean busy;
    private volatile boolean pluggedIn = true;
    private long served;
    private long nextFrameAt;

    /**
     * @param name            the camera's name as the settings screen shows it
     * @param framesPerSecond how fast pictures come (a camera: 15 to 30); 0 = on demand, no pacing ({@link #isOnDemand()})
     * @param frames          the pictures to play in a loop, all of one size (at least one)
     */
    public FrameFeedDevice(String name, double framesPerSecond, List<BufferedImage> frames) {
        this.name = Objects.requireNonNull(name, "name");
        if (framesPerSecond < 0 || Double.isNaN(framesPerSecond)) {
            throw new IllegalArgumentException("framesPerSecond must be 0 (unpaced) or more, not " + framesPerSecond);
        }
        this.frameIntervalNanos = framesPerSecond == 0 ? 0 : (long) (1_000_000_000L / framesPerSecond);
        this.frames = checked(frames);
        this.size = new Dimension(this.frames.get(0).getWidth(), this.frames.get(0).getHeight());
    }

    /** Plays other pictures from the next frame on (same size as the first ones). */
    public void play(List<BufferedImage> next) {
        List<BufferedImage> checked = checked(next);
        if (checked.get(0).getWidth() != size.width || checked.get(0).getHeight() != size.height) {
            throw new IllegalArgumentException("camera " + name + " plays " + size.width + "x" + size.height + " pictures, not "
                    + checked.get(0).getWidth() + "x" + checked.get(0).getHeight());
        }
        synchronized (this) {
            frames = checked;
            served = 0;
        }
    }

    /** Another program holds the camera: opening fails while set. */
    public void setBusy(boolean busy) {
        this.busy = busy;
    }

    /** Pulls the cable: no more pictures, the driver no longer lists it, opening fails. */
    public void unplug() {
        pluggedIn = false;
    }

    /** Plugs it back in. */
    public void plugIn() {
        pluggedIn = true;
    }

    public boolean isPluggedIn() {
        return pluggedIn;
    }

    /**
     * Whether the next picture is ready the moment it is asked for (made with 0 frames/s): no sleeping,
     * no timed wake-up. The {@link WebcamScanner} then captures a frame only once its decoder has taken
     * the last one, so a benchmark measures the pipeline's own work per frame, not a camera's pace.
     */
    public boolean isOnDemand() {
        return frameIntervalNanos == 0;
    }

    /** Pictures handed out so far. */
    public synchronized long framesServed() {
        return served;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Dimension[] getResolutions() {
        return new Dimension[] {new Dimension(size)};
    }

    @Override
    public Dimension getResolution() {
        return new Dimension(size);
    }

    @Override
    public void setResolution(Dimension resolution) {
        if (!size.equals(resolution)) {
            throw new IllegalArgumentException("camera " + name + " only plays " + size.width + "x" + size.height);
        }
    }

    /** The next picture, after waiting for its turn at the frame rate (at once on demand); null while unplugged or closed. */
    @Override
    public BufferedImage getImage() {
        if (!open || !pluggedIn) {
            // the default driver's answer when the device is gone: no picture, no exception
            return null;
        }
        synchronized (this) {
            if (frameIntervalNanos > 0) {
                long now = System.nanoTime();
                if (nextFrameAt - now > 0) {
                    LockSupport.parkNanos(nextFrameAt - now);
                }
                nextFrameAt = Math.max(nextFrameAt + frameIntervalNanos, now - TimeUnit.MILLISECONDS.toNanos(100));
            }
            List<BufferedImage> playing = frames;
            return playing.get((int) (served++ % playing.size()));
        }
    }

    @Override
    public void open() {
        if (!pluggedIn) {
            throw new WebcamException("simulated camera " + name + " is not plugged in");
        }
        if (busy) {
            throw new WebcamException("simulated camera " + name + " is busy: another program has it open");
        }
        synchronized (this) {
            nextFrameAt = System.nanoTime();
        }
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public void dispose() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String toString() {
        return "FrameFeedDevice[" + name + ", " + size.width + "x" + size.height + (pluggedIn ? "" : ", unplugged")
                + (busy ? ", busy" : "") + "]";
    }

    private List<BufferedImage> checked(List<BufferedImage> pictures) {
        List<BufferedImage> copy = List.copyOf(pictures);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("camera " + name + " needs at least one picture to play");
        }
        int width = copy.get(0).getWidth();
        int height = copy.get(0).getHeight();
        for (BufferedImage picture : copy) {
            if (picture.getWidth() != width || picture.getHeight() != height) {
                throw new IllegalArgumentException("camera " + name + ": all pictures must be " + width + "x" + height + ", one is "
                        + picture.getWidth() + "x" + picture.getHeight());
            }
        }
        return copy;
    }
}
