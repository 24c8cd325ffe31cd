package pos.app.people;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import pos.core.biometric.AmbiguousMatchException;
import pos.core.biometric.BiometricReader;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderDevice;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;

/**
 * Our own port ({@link BiometricReader}) answering as the webcam face reader of issue 16 does, for the view models'
 * tests until pos-device's face reader lands: the test puts a person in front of the "camera" ({@link #show}), one
 * frame at a time; enrolment takes {@value #STAGES} frames with the face reader's prompts; identification answers
 * the gallery's index of that person's template, empty for a stranger, {@link ReaderTimeoutException} when no face
 * came, {@link ScanCancelledException} on {@link #cancel()}. The "template" is the person's name, never a photo.
 * Thread-safe.
 */
final class ScriptedFaceReader implements BiometricReader {

    static final String DRIVER = "opencv-lbph";
    static final int STAGES = 8;
    private static final ReaderDevice WEBCAM = new ReaderDevice(DRIVER, "webcam-0", "Counter webcam", STAGES, true);

    private final BlockingQueue<String> camera = new LinkedBlockingQueue<>();
    private final AtomicInteger identifications = new AtomicInteger();
    private volatile ReaderStatus status;
    private volatile boolean running;
    private volatile boolean cancelled;

    /** A ready face reader. */
    ScriptedFaceReader() {
        this.status = ReaderStatus.ready(WEBCAM);
    }

    /** A face reader that found no camera or no OpenCV: {@code reason}. */
    static ScriptedFaceReader unavailable(String reason) {
        ScriptedFaceReader reader = new ScriptedFaceReader();
        reader.status = ReaderStatus.noReader(reason);
        return reader;
    }

    /** {@code person} looks into the camera for {@code frames} frames (each read takes one). */
    void show(String person, int frames) {
        for (int i = 0; i < frames; i++) {
            camera.add(person);
        }
    }

    /** How many identifications started (the screens watch by starting one after another). */
    int identifications() {
        return identifications.get();
    }

    @Override
    public void start() {
    }

    @Override
    public ReaderStatus status() {
        return status;
    }

    @Override
    public List<ReaderDevice> devices() {
        return status.isReady() ? List.of(WEBCAM) : List.of();
    }

    @Override
    public FingerPrint enroll(Consumer<EnrollProgress> progress) {
        begin();
        try {
            progress.accept(new EnrollProgress(0, STAGES, ScanPrompt.LOOK_AT_CAMERA));
            String person = null;
            for (int taken = 1; taken <= STAGES; taken++) {
                person = nextFace(5_000);
                progress.accept(new EnrollProgress(taken, STAGES,
                        taken == STAGES ? ScanPrompt.FACE_DETECTED : ScanPrompt.TURN_HEAD_A_LITTLE));
            }
            return new FingerPrint(template(person), DRIVER, WEBCAM.deviceId());
        } finally {
            running = false;
        }
    }

    @Override
    public boolean verify(FingerPrint print, Consumer<ScanPrompt> prompts) {
        OptionalInt match = identify(List.of(print), prompts);
        return match.isPresent();
    }

    @Override
    public OptionalInt identify(List<FingerPrint> gallery, List<?> owners, Consumer<ScanPrompt> prompts) {
        begin();
        identifications.incrementAndGet();
        try {
            prompts.accept(ScanPrompt.LOOK_AT_CAMERA);
            byte[] seen = template(nextFace(200));
            int first = -1;
            for (int i = 0; i < gallery.size(); i++) {
                if (Arrays.equals(gallery.get(i).template(), seen)) {
                    if (first >= 0 && !owners.get(first).equals(owners.get(i))) {
                        throw new AmbiguousMatchException(first, i);
                    }
                    first = first < 0 ? i : first;
                }
            }
            return first < 0 ? OptionalInt.empty() : OptionalInt.of(first);
        } finally {
            running = false;
        }
    }

    private void begin() {
        if (!status.isReady()) {
            throw new NoReaderException(status.sentence());
        }
        cancelled = false;
        running = true;
    }

    private String nextFace(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (cancelled) {
                throw new ScanCancelledException("the face scan was cancelled");
            }
            try {
                String person = camera.poll(10, TimeUnit.MILLISECONDS);
                if (person != null) {
                    return person;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScanCancelledException("interrupted while waiting for a face", e);
            }
        }
        throw new ReaderTimeoutException("no face came in front of the camera");
    }

    static byte[] template(String person) {
        return ("lbph-histogram-of:" + person).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isCompatible(FingerPrint print) {
        return DRIVER.equals(print.driver());
    }

    @Override
    public void cancel() {
        if (running) {
            cancelled = true;
        }
    }

    @Override
    public void close() {
        cancel();
    }
}
