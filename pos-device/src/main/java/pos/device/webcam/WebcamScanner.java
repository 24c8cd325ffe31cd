package pos.device.webcam;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamException;
import com.github.sarxos.webcam.WebcamLockException;
import com.google.zxing.Result;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import pos.core.device.ScanEvent;
import pos.core.device.Scanner;

/**
 * The webcam as a barcode scanner: a capture thread takes pictures from the camera through
 * webcam-capture, hands each to a decoder thread through a one-frame slot (the latest frame wins:
 * a frame the decoder has not taken yet is dropped, never queued), the decoder runs ZXing
 * ({@link FrameDecoder}), the same code seen again within {@link WebcamScannerSettings#duplicateWindow()}
 * counts once, and each read goes to the {@link #onRead} and {@link #onScan} listeners. A 1D code
 * (EAN, Code 128) counts only once two frames agree on it ({@link AgreeingReads}); a QR code, with its
 * error correction, on one frame.
 *
 * <p>The camera is optional: a missing, busy or unplugged camera never throws at the caller. The
 * scanner moves to {@link WebcamState#NO_CAMERA}, {@link WebcamState#BUSY} or {@link WebcamState#LOST}
 * with a sentence for the clerk ({@link #status()}, {@link #onStatus}), logs the cause once, and
 * stays there until {@link #start()} is called again (a "Retry" button); the till goes on with the
 * keyboard-wedge scanner meanwhile.
 *
 * <p>Thread-safety: thread-safe. {@link #start()} returns at once (finding and opening the camera
 * happen on the capture thread). Listeners run on the scanner's threads, not the JavaFX thread:
 * reads and scans on the decoder thread, frames on the capture thread, status changes on whichever
 * thread changed it; hand UI work to {@code Platform.runLater}. Both threads are daemons and end
 * on {@link #stop()} or {@link #close()}.
 */
public final class WebcamScanner implements Scanner, AutoCloseable {

    public static final String DEFAULT_NAME = "Webcam";

    private static final Logger log = LoggerFactory.getLogger(WebcamScanner.class);
    /** How long {@link #stop()} waits for the threads; a camera stuck in native code is left behind, logged. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);
    private static final long NO_FRAME_PAUSE_MILLIS = 5;

    private final String name;
    private final WebcamCameras cameras;
    private final Clock clock;
    private final DuplicateFilter duplicates;
    private volatile WebcamScannerSettings settings;
    private volatile WebcamStatus status;

    private final List<ListenerEntry<ScanEvent>> scanListeners = new CopyOnWriteArrayList<>();
    private final List<ListenerEntry<WebcamRead>> readListeners = new CopyOnWriteArrayList<>();
    private final List<ListenerEntry<WebcamStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<ListenerEntry<BufferedImage>> frameListeners = new CopyOnWriteArrayList<>();

    private final AtomicLong framesCaptured = new AtomicLong();
    private final AtomicLong framesDecoded = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong duplicatesSuppressed = new AtomicLong();
    private final AtomicLong awaitingAgreement = new AtomicLong();
    private volatile int maxFramesWaiting;

    /** The running capture and decoder threads, or null. Guarded by {@code this}. */
    private Session session;

    /** A scanner named {@value #DEFAULT_NAME} stamping reads with the system clock. */
    public WebcamScanner(WebcamCameras cameras, WebcamScannerSettings settings) {
        this(DEFAULT_NAME, cameras, settings, Clock.systemUTC());
    }

    /**
     * @param name     shown in status displays and carried in each {@link ScanEvent#source()}
     * @param cameras  the driver and its cameras
     * @param settings which camera, and how to decode
     * @param clock    stamps reads; timing (duplicates, lost camera) uses {@link System#nanoTime()}
     */
    public WebcamScanner(String name, WebcamCameras cameras, WebcamScannerSettings settings, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.cameras = Objects.requireNonNull(cameras, "cameras");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.duplicates = new DuplicateFilter(settings.duplicateWindow(), System::nanoTime);
        this.status = WebcamStatus.off(settings.camera());
    }

    @Override
    public String name() {
        return name;
    }

    public WebcamScannerSettings settings() {
        return settings;
    }

    /** The state now, with its sentence for the clerk. */
    public WebcamStatus status() {
        return status;
    }

    /** Counters since this scanner was created. */
    public WebcamStats stats() {
        return new WebcamStats(framesCaptured.get(), framesDecoded.get(), framesDropped.get(), reads.get(),
                duplicatesSuppressed.get(), maxFramesWaiting,
                awaitingAgreement.get());
    }

    /** Each read as a plain scan (the code), on the decoder thread. */
    @Override
    public Registration onScan(Consumer<ScanEvent> listener) {
        return register(scanListeners, listener);
    }

    /** Each read with its symbology, on the decoder thread (called before the {@link #onScan} listeners). */
    public Registration onRead(Consumer<WebcamRead> listener) {
        return register(readListeners, listener);
    }

    /** Each status change; the listener is called once at once with the current status. */
    public Registration onStatus(Consumer<WebcamStatus> listener) {
        Registration registration = register(statusListeners, listener);
        listener.accept(status);
        return registration;
    }

    /**
     * Each captured frame, on the capture thread, for a preview. The frame must be treated as read-only
     * and not kept: the driver may reuse it. A slow listener slows capture: copy or drop, never wait.
     */
    public Registration onFrame(Consumer<BufferedImage> listener) {
        return register(frameListeners, listener);
    }

    /**
     * Finds and opens the camera and starts reading codes, in the background. Does nothing while the
     * scanner is already starting or running; after a failure ({@link WebcamState#isFailure()}) it
     * tries again from scratch.
     */
    public void start() {
        Session previous;
        synchronized (this) {
            if (session != null && session.isAlive() && !session.gaveUp) {
                log.debug("{}: start ignored, already {}", name, status.state());
                return;
            }
            previous = session;
            session = null;
        }
        if (previous != null) {
            // a run that gave up may still be closing its camera: let it finish before opening it again
            previous.end();
        }
        synchronized (this) {
            if (session != null) {
                return; // started by another thread meanwhile
            }
            session = new Session(settings);
            session.begin();
        }
    }

    /** Stops capturing and closes the camera; waits up to a few seconds for the threads. Idempotent. */
    public void stop() {
        Session stopping;
        synchronized (this) {
            stopping = session;
            session = null;
        }
        if (stopping != null) {
            stopping.end();
        }
        if (status.state() != WebcamState.OFF) {
            publishStatus(WebcamStatus.off(settings.camera()), null);
        }
    }

    /**
     * Uses another camera from now on (the settings screen); if the scanner is running it is
     * restarted on the new one.
     */
    public void useCamera(String camera) {
        Objects.requireNonNull(camera, "camera");
        boolean wasActive;
        synchronized (this) {
            wasActive = session != null;
            settings = settings.withCamera(camera);
        }
        if (wasActive) {
            stop();
            start();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------- publishing

    private void publishStatus(WebcamStatus next, Throwable cause) {
        status = next;
        // the one place a camera failure is logged, with its cause
        if (next.state().isFailure()) {
            log.warn("{}: {} - {}", name, next.state(), next.message(), cause);
        } else {
            log.info("{}: {} - {}", name, next.state(), next.message());
        }
        notifyListeners(statusListeners, next, "status");
    }

    private void publishRead(Result result, String camera, long frameNumber) {
        String text = result.getText();
        boolean isNew;
        synchronized (duplicates) {
            isNew = duplicates.isNewRead(text);
        }
        if (!isNew) {
            duplicatesSuppressed.incrementAndGet();
            return;
        }
        reads.incrementAndGet();
        Instant now = Instant.now(clock);
        WebcamRead read = new WebcamRead(text, result.getBarcodeFormat(), camera, now, frameNumber);
        // the code may be a voucher: log its format and length, not its content
        log.debug("{} read {}", name, read);
        notifyListeners(readListeners, read, "read");
        notifyListeners(scanListeners, new ScanEvent(text, name, now), "scan");
    }

    private <T> void notifyListeners(List<ListenerEntry<T>> listeners, T value, String what) {
        for (ListenerEntry<T> entry : listeners) {
            try {
                entry.listener.accept(value);
            } catch (RuntimeException e) {
                // one broken listener must not stop the others or the camera; this is where it ends
                // (the value is not logged: a read may be a voucher)
                log.error("{} listener {} of {} failed", what, entry.listener, name, e);
            }
        }
    }

    private static <T> Registration register(List<ListenerEntry<T>> listeners, Consumer<T> listener) {
        ListenerEntry<T> entry = new ListenerEntry<>(Objects.requireNonNull(listener, "listener"));
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    /** One registration; compared by identity, so registering a listener twice needs two closes. */
    private static final class ListenerEntry<T> {
        final Consumer<T> listener;

        ListenerEntry(Consumer<T> listener) {
            this.listener = listener;
        }
    }

    // ---------------------------------------------------------------- one run of the camera

    /** One start-to-stop run: the capture thread, the decoder thread and the slot between them. */
    private final class Session {
        private final WebcamScannerSettings runSettings;
        private final LatestFrameSlot<CapturedFrame> slot = new LatestFrameSlot<>();
        /**
         * Frames' buffers not in use, passed back from the decoder (and from frames dropped in the slot) to the
         * capture thread: three at most (one captured, one waiting, one being decoded), so no buffer per frame.
         */
        private final ArrayBlockingQueue<CapturedFrame> spare = new ArrayBlockingQueue<>(4);
        /**
         * Set by the decoder: its last quick pass needed the whole frame's luminance (no 1D code on the rows it
         * scanned, so the QR search ran), so the capture thread converts the next frame's luminance itself,
         * while the decoder works on the frame before; otherwise the decoder converts only the rows ZXing asks for.
         */
        private volatile boolean convertWholeFrames;
        private final Thread capture;
        private final Thread decoder;
        private volatile boolean stopping;
        /** Set before a failure status is published: a Retry may start a new run even while this one winds down. */
        private volatile boolean gaveUp;
        private volatile String camera;

        Session(WebcamScannerSettings runSettings) {
            this.runSettings = runSettings;
            this.camera = runSettings.camera();
            this.capture = new Thread(this::runCapture, "webcam-capture");
            this.decoder = new Thread(this::runDecoder, "webcam-decoder");
            capture.setDaemon(true);
            decoder.setDaemon(true);
        }

        void begin() {
            publish(new WebcamStatus(WebcamState.STARTING, camera,
                    camera.isEmpty() ? "Looking for a camera..." : "Starting camera \"" + camera + "\"..."));
            decoder.start();
            capture.start();
        }

        boolean isAlive() {
            return capture.isAlive();
        }

        void end() {
            stopping = true;
            capture.interrupt();
            join(capture);
            slot.close();
            join(decoder);
        }

        private void join(Thread thread) {
            try {
                thread.join(STOP_WAIT.toMillis());
                if (thread.isAlive()) {
                    log.warn("{}: thread {} did not stop within {} ms (a camera stuck in its driver?); left as a daemon",
                            name, thread.getName(), STOP_WAIT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("{}: interrupted while waiting for {} to stop", name, thread.getName());
            }
        }

        /** Status changes of a session that has been stopped are not published (it is no longer the scanner's). */
        private void publish(WebcamStatus next) {
            publish(next, null);
        }

        private void publish(WebcamStatus next, Throwable cause) {
            synchronized (WebcamScanner.this) {
                if (session != this && session != null) {
                    return;
                }
                if (stopping) {
                    return;
                }
            }
            if (next.state().isFailure()) {
                gaveUp = true;
            }
            publishStatus(next, cause);
        }

        private void runCapture() {
            try {
                Webcam webcam = find();
                if (webcam == null || !open(webcam)) {
                    return;
                }
                try {
                    captureUntilStopped(webcam);
                } finally {
                    closeQuietly(webcam);
                }
            } catch (RuntimeException | Error e) {
                log.error("{}: the capture thread of camera \"{}\" failed", name, camera, e);
                publish(new WebcamStatus(WebcamState.LOST, camera, "The camera stopped: " + WebcamCameras.describe(e)
                        + ". Press Retry. " + WebcamStatus.WEDGE_GOES_ON), null);
            } finally {
                slot.close();
            }
        }

        private Webcam find() {
            List<Webcam> webcams;
            try {
                webcams = cameras.webcams(runSettings.discoveryTimeout());
            } catch (WebcamUnavailableException e) {
                publish(new WebcamStatus(WebcamState.NO_CAMERA, camera, e.getMessage() + " " + WebcamStatus.WEDGE_GOES_ON), e);
                return null;
            }
            if (webcams.isEmpty()) {
                publish(new WebcamStatus(WebcamState.NO_CAMERA, camera, "No camera found. " + WebcamStatus.WEDGE_GOES_ON));
                return null;
            }
            if (runSettings.camera().isEmpty()) {
                camera = webcams.get(0).getName();
                return webcams.get(0);
            }
            Optional<Webcam> chosen = webcams.stream().filter(w -> w.getName().equals(runSettings.camera())).findFirst();
            if (chosen.isEmpty()) {
                publish(new WebcamStatus(WebcamState.NO_CAMERA, camera, "Camera \"" + camera + "\" is not connected (found: "
                        + String.join(", ", webcams.stream().map(Webcam::getName).toList()) + "). Choose another in the settings. "
                        + WebcamStatus.WEDGE_GOES_ON));
                return null;
            }
            return chosen.get();
        }

        private boolean open(Webcam webcam) {
            if (cameras.isSimulated()) {
                // a simulated camera cannot be held by another process; webcam-capture's lock file would only
                // make two test JVMs on one machine see each other's cameras as busy
                webcam.getLock().disable();
            }
            Dimension wanted = runSettings.viewSize();
            if (wanted != null && !webcam.isOpen()) {
                if (Arrays.stream(webcam.getViewSizes()).anyMatch(wanted::equals)) {
                    webcam.setViewSize(wanted);
                } else {
                    log.info("{}: camera \"{}\" does not offer {}x{}; using its default {}", name, camera, wanted.width,
                            wanted.height, webcam.getViewSize());
                }
            }
            try {
                if (!webcam.open()) {
                    log.info("{}: camera \"{}\" was already open in this process; sharing it", name, camera);
                }
            } catch (WebcamLockException e) {
                publish(busy(), e);
                return false;
            } catch (WebcamException e) {
                if (cameras.isPluggedIn(camera)) {
                    publish(busy(), e);
                } else {
                    publish(new WebcamStatus(WebcamState.NO_CAMERA, camera, "Camera \"" + camera
                            + "\" is not connected. Plug it in and press Retry. " + WebcamStatus.WEDGE_GOES_ON), e);
                }
                return false;
            }
            Dimension size = webcam.getViewSize();
            publish(new WebcamStatus(WebcamState.RUNNING, camera, "Camera \"" + camera + "\" is on"
                    + (size == null ? "" : " (" + size.width + "x" + size.height + ")") + "."));
            return true;
        }

        private WebcamStatus busy() {
            return new WebcamStatus(WebcamState.BUSY, camera, "Camera \"" + camera
                    + "\" is in use by another program. Close that program and press Retry. " + WebcamStatus.WEDGE_GOES_ON);
        }

        private void captureUntilStopped(Webcam webcam) {
            long lostAfterNanos = runSettings.lostAfter().toNanos();
            long lastFrameAt = System.nanoTime();
            // a real camera paces capture itself (getImage blocks until its next picture); a simulated camera on
            // demand would make pictures only to see them dropped, so its frames are asked for once the decoder has
            // taken the last one: the decoder finds the next frame waiting, the capture thread never spins
            boolean onDemand = webcam.getDevice() instanceof FrameFeedDevice feed && feed.isOnDemand();
            while (!stopping) {
                if (!webcam.isOpen()) {
                    lost("the driver closed it");
                    return;
                }
                if (onDemand && !awaitRoom()) {
                    return;
                }
                BufferedImage frame;
                try {
                    frame = webcam.getImage();
                } catch (RuntimeException e) {
                    if (stopping) {
                        log.debug("{}: camera \"{}\" failed while stopping", name, camera, e);
                        return;
                    }
                    lost(WebcamCameras.describe(e), e);
                    return;
                }
                long now = System.nanoTime();
                if (frame == null) {
                    if (now - lastFrameAt > lostAfterNanos) {
                        lost("no picture for " + TimeUnit.NANOSECONDS.toMillis(now - lastFrameAt) + " ms");
                        return;
                    }
                    if (!pause()) {
                        return;
                    }
                    continue;
                }
                lastFrameAt = now;
                framesCaptured.incrementAndGet();
                CapturedFrame captured = spare.poll();
                if (captured == null) {
                    captured = new CapturedFrame();
                }
                captured.hold(frame, convertWholeFrames);
                CapturedFrame dropped = slot.replace(captured);
                if (dropped != null) {
                    framesDropped.incrementAndGet();
                    spare.offer(dropped);
                }
                maxFramesWaiting = Math.max(maxFramesWaiting, slot.maxWaiting());
                if (!frameListeners.isEmpty()) {
                    notifyListeners(frameListeners, frame, "frame");
                }
            }
        }

        private void lost(String why) {
            lost(why, null);
        }

        private void lost(String why, Throwable cause) {
            if (!stopping) {
                publish(new WebcamStatus(WebcamState.LOST, camera, "Camera \"" + camera + "\" stopped sending pictures (" + why
                        + "). Check its cable and press Retry. " + WebcamStatus.WEDGE_GOES_ON), cause);
            }
        }

        /** @return false if the slot was closed or the thread interrupted (the scanner is stopping) */
        private boolean awaitRoom() {
            try {
                return slot.awaitRoom();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** @return false if interrupted (the scanner is stopping) */
        private boolean pause() {
            try {
                Thread.sleep(NO_FRAME_PAUSE_MILLIS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void closeQuietly(Webcam webcam) {
            try {
                webcam.close();
            } catch (RuntimeException e) {
                // closing after an unplug may fail in the driver; the session is over either way
                log.warn("{}: closing camera \"{}\" failed", name, camera, e);
            }
        }

        private void runDecoder() {
            FrameDecoder frameDecoder = new FrameDecoder(runSettings.tryHarderEvery());
            AgreeingReads agreement = new AgreeingReads(AgreeingReads.DEFAULT_WINDOW);
            while (true) {
                CapturedFrame captured;
                try {
                    captured = slot.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (captured == null) {
                    return;
                }
                BufferedImage frame = captured.image;
                Optional<Result> result;
                try {
                    result = frameDecoder.decode(frame, captured.luminance());
                    convertWholeFrames = frameDecoder.wantsWholeFrame();
                } catch (RuntimeException e) {
                    // ZXing has thrown unchecked exceptions on odd pictures; one bad frame must not end scanning
                    log.error("{}: decoding frame {} ({}x{}) of camera \"{}\" failed", name, frameDecoder.frames(),
                            frame.getWidth(), frame.getHeight(), camera, e);
                    continue;
                } finally {
                    framesDecoded.incrementAndGet();
                    captured.release();
                    spare.offer(captured);
                }
                if (result.isPresent() && !stopping) {
                    Result found = result.get();
                    // a 1D code counts only when a second frame agrees (a worn EAN-13 can misread once, check digit and all)
                    if (agreement.counts(found.getText(), found.getBarcodeFormat(), System.nanoTime())) {
                        publishRead(found, camera, frameDecoder.frames());
                    } else {
                        awaitingAgreement.incrementAndGet();
                    }
                }
            }
        }
    }

    /**
     * A captured frame on its way to the decoder, with its luminance when the capture thread converted it
     * (the buffer is kept and reused when the frame's buffers come back). Used by one thread at a time: the
     * slot hands it over.
     */
    private static final class CapturedFrame {
        BufferedImage image;
        private byte[] converted;
        private int[] scratchRow;
        private boolean hasLuminance;

        /** Holds {@code frame}, converting its luminance now if asked. */
        void hold(BufferedImage frame, boolean convert) {
            image = frame;
            hasLuminance = false;
            if (convert) {
                int pixels = frame.getWidth() * frame.getHeight();
                if (converted == null || converted.length != pixels) {
                    converted = new byte[pixels];
                    scratchRow = new int[frame.getWidth()];
                } else if (scratchRow.length < frame.getWidth()) {
                    scratchRow = new int[frame.getWidth()];
                }
                FramePixels.toLuminance(frame, converted, scratchRow);
                hasLuminance = true;
            }
        }

        /** The frame's luminance if converted on capture, else null. */
        byte[] luminance() {
            return hasLuminance ? converted : null;
        }

        /** Lets go of the picture (the driver's to reuse); the buffers stay for the next frame. */
        void release() {
            image = null;
            hasLuminance = false;
        }
    }
}
