package pos.device.fingerprint.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.ScanPrompt;

/**
 * A person at the virtual_image reader: whenever the reader asks for a finger ({@link ScanPrompt#PLACE_FINGER}),
 * presses the finger {@linkplain #place placed} on it (a new capture each time), or first plays a scripted
 * fault (a retry or a device error). Pass {@link #prompts()} or {@link #progress()} as the reader's listener.
 * Presses happen on the sensor's own thread, never on the listener's. A failure there is kept and rethrown by
 * {@link #check()}. Thread-safe.
 */
public final class VirtualSensor implements AutoCloseable {

    private final Path socket;
    private final ExecutorService presser = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "virtual-finger");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Consumer<VirtualFinger>> script = new ArrayDeque<>();
    private final AtomicLong captures = new AtomicLong();
    private final AtomicLong presses = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile SyntheticFinger finger;
    private volatile byte[] fixedCapture;
    private VirtualFinger connection;

    public VirtualSensor(Path socket) {
        this.socket = socket;
    }

    /** The finger to press from now on. */
    public VirtualSensor place(SyntheticFinger placed) {
        this.fixedCapture = null;
        this.finger = placed;
        return this;
    }

    /**
     * Presses this one pre-rendered capture ({@link SyntheticFinger#WIDTH}×{@link SyntheticFinger#HEIGHT}) every
     * time, so rendering costs nothing during a measurement.
     */
    public VirtualSensor placeCapture(byte[] capture) {
        this.fixedCapture = capture.clone();
        return this;
    }

    /**
     * On the next request for a finger, put the finger on, send a retry with libfprint's FpDeviceRetry code
     * instead of an image and lift the finger, as a sensor that rejected a scan does (libfprint then waits for
     * the finger to go before it asks again).
     */
    public synchronized VirtualSensor thenRetry(int code) {
        script.addLast(sensor -> {
            sensor.fingerPresent(true);
            sensor.retry(code);
            sensor.fingerPresent(false);
        });
        return this;
    }

    /** On the next request for a finger, fail with libfprint's FpDeviceError code instead of an image. */
    public synchronized VirtualSensor thenFail(int code) {
        script.addLast(sensor -> sensor.fail(code));
        return this;
    }

    /**
     * On the next request for a finger, press this {@code width}×{@code height} grey image instead of the finger
     * (a bad image: noise, a tiny frame, bytes that are no picture at all).
     */
    public synchronized VirtualSensor thenImage(int width, int height, byte[] grey) {
        byte[] image = grey.clone();
        script.addLast(sensor -> sensor.sendImage(width, height, image));
        return this;
    }

    /** On the next request for a finger, unplug the reader instead. */
    public synchronized VirtualSensor thenUnplug() {
        script.addLast(VirtualFinger::unplug);
        return this;
    }

    /** A listener for verify and identify. */
    public Consumer<ScanPrompt> prompts() {
        return this::onPrompt;
    }

    /** A listener for enrolment. */
    public Consumer<EnrollProgress> progress() {
        return progress -> onPrompt(progress.prompt());
    }

    /** Drops the connection; the next press connects again (to a restarted worker's new socket). */
    public synchronized void reconnect() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** Rethrows the first failure on the pressing thread, if any. */
    public void check() {
        RuntimeException first = failure.getAndSet(null);
        if (first != null) {
            throw first;
        }
    }

    private void onPrompt(ScanPrompt prompt) {
        if (prompt != ScanPrompt.PLACE_FINGER) {
            return;
        }
        presser.execute(() -> {
            try {
                act();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private synchronized void act() {
        if (connection == null) {
            connection = VirtualFinger.connect(socket, Duration.ofSeconds(5));
        }
        Consumer<VirtualFinger> scripted = script.pollFirst();
        if (scripted != null) {
            scripted.accept(connection);
            return;
        }
        byte[] fixed = fixedCapture;
        if (fixed != null) {
            presses.incrementAndGet(); // counted before the reader can answer
            connection.sendImage(SyntheticFinger.WIDTH, SyntheticFinger.HEIGHT, fixed);
            return;
        }
        SyntheticFinger current = finger;
        if (current == null) {
            throw new IllegalStateException("the reader asked for a finger but none was placed on the virtual sensor");
        }
        presses.incrementAndGet();
        connection.press(current, captures.incrementAndGet());
    }

    /** How many images of a finger this sensor has pressed on the reader so far (scripted faults not counted). */
    public long presses() {
        return presses.get();
    }

    @Override
    public synchronized void close() {
        presser.shutdownNow();
        reconnect();
    }
}
