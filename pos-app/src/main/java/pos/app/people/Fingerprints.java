package pos.app.people;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.biometric.BiometricReader;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderDevice;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ScanPrompt;
import pos.core.people.PersonKind;
import pos.core.people.StoredPrint;
import pos.sync.people.TillPeople;

/**
 * The till's fingerprint reader as the screens use it: every scan runs on one worker thread of its own (never
 * the FX thread, one at a time, in order) and answers a future; prompts ("place your finger") go to every
 * {@linkplain #onPrompt listener}. Prints come from and go to the till's {@link TillPeople}, sealed there. A
 * till without a reader ({@code pos.fingerprint=off}, libfprint missing, nothing plugged in) answers
 * {@link #status()} with the reason and fails scans with {@link NoReaderException}. Thread-safe.
 *
 * <pre>{@code
 * fingerprints.identify(PersonKind.CLERK).thenAccept(match -> match.ifPresent(m -> signIn(m.personId())));
 * }</pre>
 *
 * <p>Issue 16: the same service serves the webcam's face reader ({@link Modality#FACE}): its templates are stored as
 * the "finger" {@value #FACE} under the driver {@value #FACE_DRIVER_PREFIX}…, sealed and synced like prints.
 */
public final class Fingerprints implements AutoCloseable {

    /** The store's name for a libfprint driver's prints: "libfprint/" + the driver's own name. */
    public static final String DRIVER_PREFIX = "libfprint/";
    /** Issue 16: the store's name for a face reader's templates: "face/" + the reader's driver ("face/opencv-lbph"). */
    public static final String FACE_DRIVER_PREFIX = "face/";
    /** Issue 16: the "finger" a face template is stored as. */
    public static final String FACE = "face";
    private static final Logger LOG = LoggerFactory.getLogger(Fingerprints.class);

    /** Who placed the finger. */
    public record Match(PersonKind kind, String personId) {
    }

    /** What the reader reads (issue 16): the store's driver prefix of its templates and its scan thread's name. */
    public enum Modality {
        FINGER(DRIVER_PREFIX, "till-fingerprint"),
        FACE(FACE_DRIVER_PREFIX, "till-face");

        private final String driverPrefix;
        private final String threadName;

        Modality(String driverPrefix, String threadName) {
            this.driverPrefix = driverPrefix;
            this.threadName = threadName;
        }

        public String driverPrefix() {
            return driverPrefix;
        }
    }

    private final BiometricReader reader;
    private final TillPeople people;
    private final String offReason;
    private final Modality modality;
    private final boolean wanted;
    private final List<Consumer<ScanPrompt>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService scans;
    /** How many times {@link #cancel()} was called: a scan asked for before the last cancel never starts. */
    private final java.util.concurrent.atomic.AtomicLong cancels = new java.util.concurrent.atomic.AtomicLong();

    /** Scans with {@code reader} (started by {@link #start()}, closed by {@link #close()}) against {@code people}'s prints. */
    public Fingerprints(BiometricReader reader, TillPeople people) {
        this(Objects.requireNonNull(reader, "reader"), people, null, Modality.FINGER, true);
    }

    private Fingerprints(BiometricReader reader, TillPeople people, String offReason, Modality modality, boolean wanted) {
        this.reader = reader;
        this.people = Objects.requireNonNull(people, "people");
        this.offReason = offReason;
        this.modality = Objects.requireNonNull(modality, "modality");
        this.wanted = wanted;
        this.scans = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, modality.threadName);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.error("uncaught on the {} thread", modality.threadName, e));
            return thread;
        });
    }

    /** A till whose fingerprint reader is switched off; {@code reason} goes into the status sentence. */
    public static Fingerprints off(TillPeople people, String reason) {
        return new Fingerprints(null, people, Objects.requireNonNull(reason, "reason"), Modality.FINGER, false);
    }

    /** Issue 16: the webcam's face reader, templates stored under {@value #FACE_DRIVER_PREFIX}{@code <driver>}. */
    public static Fingerprints face(BiometricReader reader, TillPeople people) {
        return new Fingerprints(Objects.requireNonNull(reader, "reader"), people, null, Modality.FACE, true);
    }

    /**
     * Issue 16: face switched on ({@code pos.face=on}) but no face reader to use ({@code reason} says why: no webcam,
     * OpenCV missing); the people window and the status bar say so, the counter's screens show nothing of face.
     */
    public static Fingerprints faceUnavailable(TillPeople people, String reason) {
        return new Fingerprints(null, people, Objects.requireNonNull(reason, "reason"), Modality.FACE, true);
    }

    /** Issue 16: face switched off ({@code pos.face=off}): nothing about face is shown anywhere. */
    public static Fingerprints faceOff(TillPeople people) {
        return new Fingerprints(null, people, "switched off", Modality.FACE, false);
    }

    /** What this reader reads. */
    public Modality modality() {
        return modality;
    }

    /** Whether the till is set to use this reader at all (false: switched off, nothing about it is shown). */
    public boolean isWanted() {
        return wanted;
    }

    /** Starts the reader on the scan thread (starting the driver's worker takes a moment); never throws. */
    public void start() {
        if (reader != null) {
            scans.execute(() -> {
                // issue 14: the reader's worker (a process of its own) starts after the till's first frame
                pos.app.ui.FirstFrame.awaitShown(java.time.Duration.ofSeconds(10));
                reader.start();
            });
        }
    }

    /**
     * Looks for a reader again when there is none ready (one plugged in after the till started, or back after an
     * unplug or a driver fault), on the scan thread, after any scan in progress; never throws.
     */
    public void recheck() {
        if (reader != null && !status().isReady()) {
            scans.execute(() -> {
                if (!reader.status().isReady()) {
                    reader.start();
                }
            });
        }
    }

    /** The reader's state with its sentence; "no fingerprint reader (switched off)" when off. Never throws. */
    public ReaderStatus status() {
        return reader == null ? ReaderStatus.noReader(offReason) : reader.status();
    }

    /** Whether a reader is open and ready to scan. */
    public boolean isReady() {
        return status().isReady();
    }

    /** The store's driver name of prints this reader makes and matches, e.g. "libfprint/virtual_image". */
    public Optional<String> driver() {
        return status().readerDevice().map(device -> modality.driverPrefix + device.driver());
    }

    /** Whether anyone of {@code kind} has a print this reader can match (false without a reader). */
    public boolean anyEnrolled(PersonKind kind) {
        // sealed rows only: nothing is decrypted for this question (the screens ask it every second)
        return driver().map(driver -> people.store().prints(kind, null).stream().anyMatch(p -> p.driver().equals(driver)))
                .orElse(false);
    }

    /** Adds a listener for every prompt of every scan (on the scan thread); close the answer to remove it. */
    public AutoCloseable onPrompt(Consumer<ScanPrompt> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /**
     * Reads a finger and finds whose it is among every enrolled {@code kind} (1:N). Completes with the match,
     * empty when the finger is nobody's, or exceptionally with a {@link pos.core.biometric.BiometricException}
     * (no reader, timeout, retry, cancelled, device error; {@link pos.core.biometric.AmbiguousMatchException} when the
     * finger matches two people's prints) or {@link NobodyEnrolledException}.
     */
    public CompletableFuture<Optional<Match>> identify(PersonKind kind) {
        long asked = cancels.get();
        return CompletableFuture.supplyAsync(() -> {
            notCancelledSince(asked);
            ReaderDevice device = readyDevice();
            List<TillPeople.Enrolled> enrolled = people.prints(kind, modality.driverPrefix + device.driver()).usable();
            if (enrolled.isEmpty()) {
                throw new NobodyEnrolledException(kind);
            }
            List<FingerPrint> gallery = enrolled.stream()
                    .map(e -> new FingerPrint(e.print().template(), device.driver(), device.deviceId()))
                    .toList();
            // owners: a person's own fingers (or one finger enrolled twice) matching together is no doubt about who it is
            List<String> owners = enrolled.stream().map(e -> e.print().personId()).toList();
            notCancelledSince(asked);
            OptionalInt index = reader.identify(gallery, owners, this::prompt);
            Optional<Match> match = index.isPresent()
                    ? Optional.of(new Match(kind, enrolled.get(index.getAsInt()).print().personId()))
                    : Optional.empty();
            LOG.info("{} identification among {} prints: {}", kind, gallery.size(),
                    match.map(m -> "matched " + m.personId()).orElse("no match"));
            return match;
        }, scans);
    }

    /**
     * Enrols one finger of a person: the reader asks for it several times ({@code progress} hears every stage,
     * on the scan thread); the print is sealed and stored on the till and synced to the store. Completes with
     * the print's record id.
     */
    public CompletableFuture<String> enroll(PersonKind kind, String personId, String finger, Consumer<EnrollProgress> progress) {
        Objects.requireNonNull(progress, "progress");
        long asked = cancels.get();
        return CompletableFuture.supplyAsync(() -> {
            notCancelledSince(asked);
            ReaderDevice device = readyDevice();
            FingerPrint print = reader.enroll(step -> {
                prompt(step.prompt());
                progress.accept(step);
            });
            String printId = people.storePrint(new StoredPrint(personId, kind, finger, modality.driverPrefix + device.driver(),
                    print.template()));
            LOG.info("Enrolled the {} of {} {} on {}", finger, kind, personId, device);
            return printId;
        }, scans);
    }

    /**
     * Removes every template of {@code personId} this kind of reader made (any driver of its prefix: issue 16's "Remove
     * face"), as tombstones that sync; on the scan thread, after any scan in progress. Completes with how many.
     */
    public CompletableFuture<Integer> removeAll(PersonKind kind, String personId) {
        Objects.requireNonNull(personId, "personId");
        return CompletableFuture.supplyAsync(() -> {
            List<String> ids = people.store().prints(kind, personId).stream()
                    .filter(p -> p.driver().startsWith(modality.driverPrefix))
                    .map(p -> p.printId())
                    .toList();
            ids.forEach(people::deletePrint);
            LOG.info("Removed {} {} template(s) of {} {}", ids.size(), modality, kind, personId);
            return ids.size();
        }, scans);
    }

    /** Whether {@code personId} has a template of this kind of reader (sealed rows only, nothing is opened). */
    public boolean hasAny(PersonKind kind, String personId) {
        return people.store().prints(kind, personId).stream().anyMatch(p -> p.driver().startsWith(modality.driverPrefix));
    }

    /**
     * Cancels the scan in progress, if any, and every scan asked for before now that has not started yet (they end
     * with {@link pos.core.biometric.ScanCancelledException}): a screen closed while its scan still waited behind
     * another must not leave that scan holding the reader until its timeout.
     */
    public void cancel() {
        cancels.incrementAndGet();
        if (reader != null) {
            reader.cancel();
        }
    }

    private void notCancelledSince(long asked) {
        if (cancels.get() != asked) {
            throw new pos.core.biometric.ScanCancelledException("the scan was cancelled before it started");
        }
    }

    private ReaderDevice readyDevice() {
        ReaderStatus status = status();
        if (!status.isReady()) {
            throw new NoReaderException(status.sentence());
        }
        return status.device();
    }

    private void prompt(ScanPrompt prompt) {
        for (Consumer<ScanPrompt> listener : listeners) {
            try {
                listener.accept(prompt);
            } catch (RuntimeException e) {
                LOG.error("a fingerprint prompt listener failed on {}", prompt, e);
            }
        }
    }

    /** Cancels a scan in progress, stops the scan thread and the reader. */
    @Override
    public void close() {
        cancel();
        scans.shutdown();
        try {
            if (!scans.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("a fingerprint scan was still running 5 s after cancel at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader != null) {
            reader.close();
        }
    }
}
