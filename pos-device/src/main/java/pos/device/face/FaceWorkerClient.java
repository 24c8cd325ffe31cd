package pos.device.face;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.biometric.BiometricException;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderErrorException;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.WorkerCrashedException;
import pos.device.fingerprint.FingerprintWorkerClient;
import pos.device.fingerprint.WorkerMessage;
import pos.device.worker.WorkerCommand;
import pos.device.worker.WorkerSlot;

/**
 * The till's side of the face worker (issue 16): starts {@code pos.device.face.FaceWorkerMain} (compiled only where
 * OpenCV is installed) in a JVM of its own with OpenCV's jar on its class path, sends it grey frames and reads back
 * {@link FaceAnalysis}. As {@link FingerprintWorkerClient}: a worker that died (SIGKILL, SIGSEGV in OpenCV) fails
 * the call in flight with {@link WorkerCrashedException} ({@link DriverCrashedException} for a native crash), one
 * that stops answering is killed ({@link ReaderTimeoutException}); the next call starts a new worker. Thread-safe:
 * calls are sent one at a time.
 */
public final class FaceWorkerClient implements AutoCloseable {

    /** The worker's main class, by name: it exists only in a till built where OpenCV's jar was installed. */
    public static final String WORKER_CLASS = "pos.device.face.FaceWorkerMain";
    /** Frames outside these bounds are refused before they are sent. */
    public static final int MIN_SIDE = 64;
    public static final int MAX_SIDE = 640;

    private static final Logger log = LoggerFactory.getLogger(FaceWorkerClient.class);

    private final FaceSettings settings;
    private final AtomicInteger requestIds = new AtomicInteger();
    private final Object calls = new Object();
    private final WorkerSlot<Worker> workers;

    public FaceWorkerClient(FaceSettings settings) {
        this.settings = settings;
        this.workers = new WorkerSlot<>("face reader", "face worker", log, this::start);
    }

    /** Why face recognition cannot run on this till (OpenCV, its data or the worker missing), or empty. */
    public Optional<String> missing() {
        if (!Files.isReadable(settings.openCvJar()) || !Files.isReadable(settings.openCvLibrary())) {
            return Optional.of("OpenCV is not installed: sudo apt-get install libopencv-java opencv-data");
        }
        if (!Files.isReadable(settings.openCvData().resolve("haarcascades/haarcascade_frontalface_alt2.xml"))) {
            return Optional.of("OpenCV's face data is not installed: sudo apt-get install opencv-data");
        }
        if (FaceWorkerClient.class.getClassLoader().getResource(WORKER_CLASS.replace('.', '/') + ".class") == null) {
            return Optional.of("the till was built before OpenCV was installed: restart it with ./pos to rebuild");
        }
        return Optional.empty();
    }

    /** The running worker's process id, if one runs (for supervision and tests). */
    public OptionalLong workerPid() {
        return workers.pid();
    }

    public int workersStarted() {
        return workers.started();
    }

    /**
     * Throws how the worker of {@code generation} (a {@link #workersStarted()} value) ended, if it is gone: a scan that
     * began with one worker ends when that worker dies, even between two frames, instead of going on with a new one.
     */
    public void ensureSameWorker(int generation) {
        Worker current;
        synchronized (workers) {
            current = workers.current();
            if (current != null && workers.started() == generation && !current.dead && current.process.isAlive()) {
                return;
            }
        }
        if (current != null) {
            try {
                current.finished.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (current.death != null) {
                throw current.death;
            }
        }
        throw new WorkerCrashedException("the face worker stopped during the scan; it is restarted on the next call");
    }

    /** Starts the worker if need be and checks that OpenCV and the cascades loaded; returns OpenCV's version. */
    public String ping() {
        return call("ping", Map.of(), List.of()).field("opencv");
    }

    /** Analyses one grey frame (row by row, one byte a pixel). */
    public FaceAnalysis analyse(byte[] grey, int width, int height) {
        checkSize(grey, width, height, MIN_SIDE, MAX_SIDE);
        WorkerMessage reply = call("analyse", Map.of("width", Integer.toString(width), "height", Integer.toString(height)), List.of(grey));
        String verdict = reply.field("verdict");
        Optional<ScanPrompt> retry = verdict.equals("OK") ? Optional.empty() : Optional.of(ScanPrompt.valueOf(verdict));
        return new FaceAnalysis(FaceAnalysis.parseBoxes(reply.fields().get("faces")), retry, reply.fields().getOrDefault("measures", ""),
                reply.blobs().isEmpty() ? null : reply.blobs().get(0), Long.parseLong(reply.fields().getOrDefault("millis", "0")));
    }

    /**
     * One camera frame as a scan sends it: made grey and downscaled here ({@code GreyFrame}), then analysed by the
     * worker; empty for a frame a scan would not send (under 64 x 64 or absurdly large). For benchmarks of the till's
     * per-frame path (pos-bench's face bench); scans use their own copy of the same steps.
     */
    public Optional<FaceAnalysis> analyse(java.awt.image.BufferedImage frame) {
        GreyFrame grey = GreyFrame.of(frame, System.nanoTime());
        return grey == null ? Optional.empty() : Optional.of(analyse(grey.pixels, grey.width, grey.height));
    }

    /** The histogram of a face crop already cut (the matcher-level measurements: LFW's 25 x 25 faces). */
    public byte[] describeCrop(byte[] grey, int width, int height) {
        checkSize(grey, width, height, 16, MAX_SIDE);
        return call("describe", Map.of("width", Integer.toString(width), "height", Integer.toString(height)), List.of(grey)).blobs().get(0);
    }

    private static void checkSize(byte[] grey, int width, int height, int min, int max) {
        if (width < min || height < min || width > max || height > max) {
            throw new IllegalArgumentException("a face frame of " + width + " x " + height + " pixels: it must be between "
                    + min + " and " + max + " pixels on each side");
        }
        if (grey.length != width * height) {
            throw new IllegalArgumentException("a grey frame of " + width + " x " + height + " needs " + width * height
                    + " bytes, not " + grey.length);
        }
    }

    private WorkerMessage call(String operation, Map<String, String> fields, List<byte[]> blobs) {
        synchronized (calls) {
            Worker current = workers.running();
            int id = requestIds.incrementAndGet();
            current.pending = new CompletableFuture<>();
            try {
                try {
                    current.send(new WorkerMessage(WorkerMessage.REQUEST, id, operation, fields, blobs));
                } catch (WorkerCrashedException gone) {
                    // the worker died before the request reached it: its reading thread says how (exit status, signal)
                    current.pending.get(2, TimeUnit.SECONDS);
                    throw gone;
                }
                WorkerMessage reply = current.pending.get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (reply.kind() == WorkerMessage.FAILURE) {
                    String message = reply.fields().getOrDefault("message", "no reason given");
                    if ("no-reader".equals(reply.fields().get("kind"))) {
                        throw new NoReaderException(message);
                    }
                    throw new ReaderErrorException(message);
                }
                return reply;
            } catch (TimeoutException e) {
                log.warn("face worker (pid {}) did not answer {} within {} ms; stopping it", current.process.pid(), operation,
                        settings.callTimeout().toMillis());
                current.kill();
                throw new ReaderTimeoutException("the face reader did not answer (" + operation + ") within "
                        + settings.callTimeout().toSeconds() + " s; it was restarted, please try again", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BiometricException failure) {
                    throw failure;
                }
                throw new ReaderErrorException("the face worker failed on " + operation + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScanCancelledException("the face " + operation + " was interrupted", e);
            }
        }
    }

    private Worker start() {
        return new Worker(new WorkerCommand("face worker", settings.javaCommand(), "192m",
                List.of("-Dpos.face.opencvLibrary=" + settings.openCvLibrary(), "-Dpos.face.cascades=" + settings.openCvData()),
                settings.crashDirectory(), WorkerCommand.classPath(settings.classPath(), settings.openCvJar()), WORKER_CLASS, Map.of())
                .start(log));
    }

    @Override
    public void close() {
        Worker current = workers.close();
        if (current == null) {
            return;
        }
        try {
            current.send(WorkerMessage.of(WorkerMessage.REQUEST, 0, "exit", Map.of()));
            if (!current.process.waitFor(3, TimeUnit.SECONDS)) {
                current.kill();
            }
        } catch (WorkerCrashedException e) {
            current.kill();
        } catch (InterruptedException e) {
            current.kill();
            Thread.currentThread().interrupt();
        }
    }

    /** One worker process and its two reading threads. */
    private static final class Worker implements WorkerSlot.Worker {
        final Process process;
        private final OutputStream input;
        private final FingerprintWorkerClient.FatalErrorBanner fatalError = new FingerprintWorkerClient.FatalErrorBanner();
        private final java.util.concurrent.CountDownLatch errorsRead = new java.util.concurrent.CountDownLatch(1);
        volatile CompletableFuture<WorkerMessage> pending = new CompletableFuture<>();
        volatile boolean dead;
        /** How it ended (set once its output ended), and the latch that says so. */
        volatile WorkerCrashedException death;
        final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

        Worker(Process process) {
            this.process = process;
            this.input = new BufferedOutputStream(process.getOutputStream());
            Thread replies = new Thread(this::readReplies, "face-worker-" + process.pid() + "-replies");
            replies.setDaemon(true);
            replies.start();
            Thread errors = new Thread(this::readErrors, "face-worker-" + process.pid() + "-stderr");
            errors.setDaemon(true);
            errors.start();
        }

        @Override
        public Process process() {
            return process;
        }

        @Override
        public boolean dead() {
            return dead;
        }

        synchronized void send(WorkerMessage message) {
            try {
                message.writeTo(input);
            } catch (IOException e) {
                dead = true;
                throw new WorkerCrashedException("the face worker (pid " + process.pid() + ") is gone: " + e.getMessage()
                        + "; it is restarted on the next call", e);
            }
        }

        void kill() {
            dead = true;
            process.destroyForcibly();
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void readReplies() {
            String ended = "its output ended";
            try (BufferedInputStream in = new BufferedInputStream(process.getInputStream())) {
                WorkerMessage message;
                while ((message = WorkerMessage.readFrom(in, "face worker")) != null) {
                    pending.complete(message);
                }
            } catch (IOException e) {
                ended = "its output broke (" + e.getMessage() + ")";
            }
            dead = true;
            String exit = "still running";
            try {
                if (process.waitFor(1, TimeUnit.SECONDS)) {
                    exit = FingerprintWorkerClient.describeExitValue(process.exitValue());
                }
                errorsRead.await(1, TimeUnit.SECONDS); // the crash banner comes on stderr, after the last frame
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String fault = fatalError.fault();
            boolean nativeCrash = fault != null || exit.contains("SIGSEGV") || exit.contains("SIGABRT")
                    || exit.contains("SIGBUS") || exit.contains("SIGILL") || exit.contains("SIGFPE");
            String reason = "the face worker (pid " + process.pid() + ") stopped: " + ended + ", " + exit
                    + (fault == null ? "" : "; " + fault) + "; it is restarted on the next call";
            if (!pending.isDone()) {
                log.warn("{}", reason);
            }
            death = nativeCrash
                    ? new DriverCrashedException("the face reader's OpenCV crashed (" + (fault == null ? exit : fault + ", " + exit)
                            + "); it was restarted, please look at the camera again")
                    : new WorkerCrashedException(reason);
            finished.countDown();
            pending.completeExceptionally(death);
        }

        private void readErrors() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        fatalError.read(line);
                        log.info("face worker {}: {}", process.pid(), line);
                    }
                }
            } catch (IOException e) {
                log.debug("face worker {} stderr ended: {}", process.pid(), e.getMessage());
            } finally {
                errorsRead.countDown();
            }
        }
    }
}
