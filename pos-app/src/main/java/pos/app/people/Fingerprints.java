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
 */
public final class Fingerprints implements AutoCloseable {

    /** The store's name for a libfprint driver's prints: "libfprint/" + the driver's own name. */
    public static final String DRIVER_PREFIX = "libfprint/";
    private static final Logger LOG = LoggerFactory.getLogger(Fingerprints.class);

    /** Who placed the finger. */
    public record Match(PersonKind kind, String personId) {
    }

    private final BiometricReader reader;
    private final TillPeople people;
    private final String offReason;
    private final List<Consumer<ScanPrompt>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService scans = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "till-fingerprint");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("uncaught on the fingerprint thread", e));
        return thread;
    });

    /** Scans with {@code reader} (started by {@link #start()}, closed by {@link #close()}) against {@code people}'s prints. */
    public Fingerprints(BiometricReader reader, TillPeople people) {
        this(Objects.requireNonNull(reader, "reader"), people, null);
    }

    private Fingerprints(BiometricReader reader, TillPeople people, String offReason) {
        this.reader = reader;
        this.people = Objects.requireNonNull(people, "people");
        this.offReason = offReason;
    }

    /** A till whose fingerprint reader is switched off; {@code reason} goes into the status sentence. */
    public static Fingerprints off(TillPeople people, String reason) {
        return new Fingerprints(null, people, Objects.requireNonNull(reason, "reason"));
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
        return status().readerDevice().map(device -> DRIVER_PREFIX + device.driver());
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
        return CompletableFuture.supplyAsync(() -> {
            ReaderDevice device = readyDevice();
            List<TillPeople.Enrolled> enrolled = people.prints(kind, DRIVER_PREFIX + device.driver()).usable();
            if (enrolled.isEmpty()) {
                throw new NobodyEnrolledException(kind);
            }
            List<FingerPrint> gallery = enrolled.stream()
                    .map(e -> new FingerPrint(e.print().template(), device.driver(), device.deviceId()))
                    .toList();
            // owners: a person's own fingers (or one finger enrolled twice) matching together is no doubt about who it is
            List<String> owners = enrolled.stream().map(e -> e.print().personId()).toList();
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
        return CompletableFuture.supplyAsync(() -> {
            ReaderDevice device = readyDevice();
            FingerPrint print = reader.enroll(step -> {
                prompt(step.prompt());
                progress.accept(step);
            });
            String printId = people.storePrint(new StoredPrint(personId, kind, finger, DRIVER_PREFIX + device.driver(),
                    print.template()));
            LOG.info("Enrolled the {} of {} {} on {}", finger, kind, personId, device);
            return printId;
        }, scans);
    }

    /** Cancels the scan in progress, if any (it ends with {@link pos.core.biometric.ScanCancelledException}). */
    public void cancel() {
        if (reader != null) {
            reader.cancel();
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
