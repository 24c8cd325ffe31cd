package pos.device.face;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.biometric.BiometricException;
import pos.core.biometric.BiometricReader;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.IncompatiblePrintException;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderBusyException;
import pos.core.biometric.ReaderDevice;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;

/**
 * Face authorisation through the webcam (DESIGN R18, issue 16): the {@link BiometricReader} port over a
 * {@link FrameSource}, with OpenCV's detection and LBPH recogniser in a worker process of its own
 * ({@link FaceWorkerClient}). Every frame is checked (one face, large enough, inside the picture, sharp, lit, level)
 * before it counts; a refused frame's prompt goes to the caller and the scan waits for a better one. Enrolment keeps
 * the histograms of {@link FaceSettings#enrollStages()} frames taken apart in time ({@link FaceTemplate}: never a
 * photo); verify and identify decide on up to {@link FaceSettings#framesToDecide()} good frames ({@link FaceMatcher}).
 * Thread-safe; one scan at a time (a second one fails with {@link ReaderBusyException}).
 */
public final class FaceReader implements BiometricReader {

    /** {@link ReaderDevice#driver()} of this reader and of the prints it makes. */
    public static final String DRIVER = "opencv-lbph";
    /** Two enrolment frames nearer than this (chi-square) are one picture twice, not two looks. */
    static final double SAME_PICTURE = 2.0;

    private static final Logger log = LoggerFactory.getLogger(FaceReader.class);
    private static final long FRAME_WAIT_MILLIS = 500;

    private final FrameSource frames;
    private final FaceSettings settings;
    private final FaceWorkerClient worker;
    private final FaceMatcher matcher;
    private final AtomicBoolean scanning = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean started;
    private volatile String unavailable;

    public FaceReader(FrameSource frames, FaceSettings settings) {
        this.frames = frames;
        this.settings = settings;
        this.worker = new FaceWorkerClient(settings);
        this.matcher = new FaceMatcher(settings.threshold(), settings.margin());
    }

    /** Checks that OpenCV and its data are installed and starts the worker (never throws: see {@link #status()}). */
    @Override
    public void start() {
        Optional<String> missing = worker.missing();
        if (missing.isPresent()) {
            unavailable = missing.get();
        } else {
            try {
                String version = worker.ping();
                unavailable = null;
                log.info("face reader: OpenCV {} ready in worker pid {}", version, worker.workerPid().orElse(-1));
            } catch (BiometricException e) {
                unavailable = e.getMessage();
                log.warn("face reader: the OpenCV worker did not start: {}", e.getMessage());
            }
        }
        started = true;
    }

    @Override
    public ReaderStatus status() {
        if (!started) {
            return new ReaderStatus(ReaderStatus.State.STOPPED, "Face recognition is not started", null);
        }
        String reason = unavailable;
        if (reason == null) {
            reason = frames.unavailable().orElse(null);
        }
        if (reason != null) {
            return new ReaderStatus(ReaderStatus.State.NO_READER, "No face recognition (" + reason + ")", null);
        }
        ReaderDevice device = device();
        return new ReaderStatus(ReaderStatus.State.READY, "Face recognition ready: " + device.name(), device);
    }

    private ReaderDevice device() {
        String camera = frames.cameraName();
        return new ReaderDevice(DRIVER, camera, "Webcam face recognition (" + camera + ")", settings.enrollStages(), true);
    }

    @Override
    public List<ReaderDevice> devices() {
        return started && unavailable == null && frames.unavailable().isEmpty() ? List.of(device()) : List.of();
    }

    @Override
    public FingerPrint enroll(Consumer<EnrollProgress> everyStep) {
        // each step is said once: the same refusal on frame after frame is one sentence, not a flicker
        Consumer<EnrollProgress> progress = new Consumer<>() {
            private EnrollProgress said;

            @Override
            public void accept(EnrollProgress step) {
                if (!step.equals(said)) {
                    said = step;
                    everyStep.accept(step);
                }
            }
        };
        try (Scan scan = begin()) {
            int stages = settings.enrollStages();
            List<byte[]> accepted = new ArrayList<>();
            List<float[]> acceptedFaces = new ArrayList<>();
            progress.accept(new EnrollProgress(0, stages, ScanPrompt.LOOK_AT_CAMERA));
            long lastProgress = System.nanoTime();
            long lastAcceptedFrame = Long.MIN_VALUE;
            while (accepted.size() < stages) {
                if (System.nanoTime() - lastProgress > settings.scanTimeout().toNanos()) {
                    throw new ReaderTimeoutException("no usable face in front of the camera within " + settings.scanTimeout().toSeconds()
                            + " s (" + accepted.size() + " of " + stages + " pictures taken)");
                }
                GreyFrame frame = scan.next();
                if (frame == null || (lastAcceptedFrame != Long.MIN_VALUE
                        && frame.capturedNanos - lastAcceptedFrame < settings.enrollSpacing().toNanos())) {
                    continue;
                }
                FaceAnalysis analysis = scan.analyse(frame);
                log.debug("face enrolment frame: {}", analysis);
                if (!analysis.isGood()) {
                    progress.accept(new EnrollProgress(accepted.size(), stages, analysis.retry().orElse(ScanPrompt.RETRY_FACE_NOT_FOUND)));
                    continue;
                }
                byte[] histogram = analysis.histogram();
                float[] face = FaceHistogram.decode(histogram);
                if (acceptedFaces.stream().anyMatch(earlier -> FaceHistogram.distance(earlier, face) < SAME_PICTURE)) {
                    continue; // the same picture again (a frozen camera, a photo held still): not a new look
                }
                accepted.add(histogram);
                acceptedFaces.add(face);
                lastAcceptedFrame = frame.capturedNanos;
                lastProgress = System.nanoTime();
                progress.accept(new EnrollProgress(accepted.size(), stages,
                        accepted.size() < stages ? ScanPrompt.TURN_HEAD_A_LITTLE : ScanPrompt.FACE_DETECTED));
            }
            byte[] template = FaceTemplate.encode(accepted);
            log.info("face enrolled: {} pictures, template of {} bytes", accepted.size(), template.length);
            return new FingerPrint(template, DRIVER, frames.cameraName());
        }
    }

    @Override
    public boolean verify(FingerPrint print, Consumer<ScanPrompt> prompts) {
        try (Scan scan = begin()) {
            List<float[]> enrolled = faces(print); // inside the scan: a cancel while the templates open is not lost
            List<float[]> probes = probes(scan, prompts);
            double distance = FaceMatcher.distance(probes, enrolled);
            boolean match = matcher.matches(distance);
            log.info("face verify: distance {} (threshold {}) over {} pictures: {}", Math.round(distance * 10) / 10.0,
                    settings.threshold(), probes.size(), match ? "match" : "no match");
            return match;
        }
    }

    @Override
    public OptionalInt identify(List<FingerPrint> gallery, List<?> owners, Consumer<ScanPrompt> prompts) {
        if (gallery.size() != owners.size()) {
            throw new IllegalArgumentException("a face gallery of " + gallery.size() + " prints with " + owners.size() + " owners");
        }
        try (Scan scan = begin()) {
            // inside the scan: a cancel while the gallery opens (a few ms a hundred templates) is not lost
            List<List<float[]>> enrolled = new ArrayList<>();
            for (FingerPrint print : gallery) {
                enrolled.add(faces(print));
            }
            scan.checkCancelled();
            List<float[]> probes = probes(scan, prompts);
            List<Double> distances = new ArrayList<>();
            for (List<float[]> faces : enrolled) {
                distances.add(FaceMatcher.distance(probes, faces));
            }
            Optional<FaceMatcher.Candidate> best = matcher.pick(distances, owners);
            log.info("face identify among {} prints: {}", gallery.size(),
                    best.map(c -> "print #" + c.index() + " at distance " + Math.round(c.distance() * 10) / 10.0).orElse("nobody"));
            return best.map(c -> OptionalInt.of(c.index())).orElse(OptionalInt.empty());
        }
    }

    @Override
    public boolean isCompatible(FingerPrint print) {
        return DRIVER.equals(print.driver()) && FaceTemplate.isCurrent(print.template());
    }

    @Override
    public void cancel() {
        if (scanning.get()) {
            cancelled = true;
        }
    }

    @Override
    public void close() {
        cancel();
        worker.close();
    }

    /** The worker's client (its process id and restarts, for supervision and tests). */
    public FaceWorkerClient worker() {
        return worker;
    }

    private List<float[]> faces(FingerPrint print) {
        if (!isCompatible(print)) {
            throw new IncompatiblePrintException("this print was made by " + print.driver() + ", not by the face reader ("
                    + DRIVER + " version " + FaceTemplate.VERSION + "): enrol the face again");
        }
        return FaceTemplate.decode(print.template());
    }

    /** Good frames' faces: the first, then more within the decision window, up to framesToDecide. */
    private List<float[]> probes(Scan scan, Consumer<ScanPrompt> everyPrompt) {
        // a prompt is said once, when it changes: an empty counter must not make the screen flicker ten times a second
        Consumer<ScanPrompt> prompts = new Consumer<>() {
            private ScanPrompt said;

            @Override
            public void accept(ScanPrompt prompt) {
                if (prompt != said) {
                    said = prompt;
                    everyPrompt.accept(prompt);
                }
            }
        };
        prompts.accept(ScanPrompt.LOOK_AT_CAMERA);
        List<float[]> probes = new ArrayList<>();
        long started = System.nanoTime();
        long firstGood = 0;
        boolean onlyTwoFaces = true;
        ScanPrompt lastRefusal = null;
        while (probes.size() < settings.framesToDecide()) {
            long now = System.nanoTime();
            if (probes.isEmpty() && now - started > settings.scanTimeout().toNanos()) {
                if (lastRefusal != null && onlyTwoFaces) {
                    throw new ScanRetryException(ScanPrompt.RETRY_FACE_ONE_ONLY);
                }
                throw new ReaderTimeoutException("no usable face in front of the camera within " + settings.scanTimeout().toSeconds()
                        + " s" + (lastRefusal == null ? "" : " (last: " + lastRefusal.sentence() + ")"));
            }
            if (!probes.isEmpty() && now - firstGood > settings.decisionWindow().toNanos()) {
                break;
            }
            GreyFrame frame = scan.next();
            if (frame == null) {
                continue;
            }
            FaceAnalysis analysis = scan.analyse(frame);
            log.debug("face frame: {}", analysis);
            if (!analysis.isGood()) {
                ScanPrompt retry = analysis.retry().orElse(ScanPrompt.RETRY_FACE_NOT_FOUND);
                onlyTwoFaces &= retry == ScanPrompt.RETRY_FACE_ONE_ONLY;
                lastRefusal = retry;
                prompts.accept(retry);
                continue;
            }
            if (probes.isEmpty()) {
                firstGood = System.nanoTime();
                prompts.accept(ScanPrompt.FACE_DETECTED);
            }
            probes.add(FaceHistogram.decode(analysis.histogram()));
        }
        return probes;
    }

    private Scan begin() {
        if (!started) {
            start();
        }
        if (unavailable != null) {
            throw new NoReaderException("no face recognition: " + unavailable);
        }
        Optional<String> camera = frames.unavailable();
        if (camera.isPresent()) {
            throw new NoReaderException("no face recognition: " + camera.get());
        }
        if (!scanning.compareAndSet(false, true)) {
            throw new ReaderBusyException("the face reader is already scanning");
        }
        cancelled = false;
        try {
            return new Scan();
        } catch (RuntimeException e) {
            scanning.set(false);
            throw e;
        }
    }

    /** One scan's subscription to the camera: the scan asks for a frame, the camera's thread hands over a grey copy. */
    private final class Scan implements AutoCloseable {
        private final Object handover = new Object();
        private boolean wanted;
        private GreyFrame delivered;
        private final AutoCloseable subscription;

        /** The worker this scan began with: when it dies, the scan ends (never a silent restart mid-scan). */
        private final int generation;

        Scan() {
            worker.ping();
            generation = worker.workersStarted();
            subscription = frames.onFrame(this::offer);
        }

        FaceAnalysis analyse(GreyFrame frame) {
            worker.ensureSameWorker(generation);
            return worker.analyse(frame.pixels, frame.width, frame.height);
        }

        private void offer(BufferedImage image) {
            synchronized (handover) {
                if (!wanted) {
                    return; // nobody waits: the frame is not even copied
                }
            }
            GreyFrame frame = GreyFrame.of(image, System.nanoTime());
            if (frame == null) {
                return; // too small or absurd: never sent to the worker
            }
            synchronized (handover) {
                if (wanted) {
                    delivered = frame;
                    wanted = false;
                    handover.notifyAll();
                }
            }
        }

        /** The next frame captured after this call, or null when none came within half a second. */
        void checkCancelled() {
            if (cancelled) {
                throw new ScanCancelledException("the face scan was cancelled");
            }
        }

        GreyFrame next() {
            checkCancelled();
            synchronized (handover) {
                wanted = true;
                delivered = null;
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FRAME_WAIT_MILLIS);
                try {
                    while (delivered == null && !cancelled) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        TimeUnit.NANOSECONDS.timedWait(handover, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ScanCancelledException("the face scan was interrupted", e);
                }
                wanted = false;
                GreyFrame frame = delivered;
                delivered = null;
                if (cancelled) {
                    throw new ScanCancelledException("the face scan was cancelled");
                }
                return frame;
            }
        }

        @Override
        public void close() {
            try {
                subscription.close();
            } catch (Exception e) {
                log.warn("could not stop listening to the camera's frames: {}", e.toString());
            } finally {
                cancelled = false;
                scanning.set(false);
            }
        }
    }
}
