package pos.device.fingerprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.biometric.AmbiguousMatchException;
import pos.core.biometric.BiometricException;
import pos.core.biometric.BiometricReader;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderBusyException;
import pos.core.biometric.ReaderDevice;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.WorkerCrashedException;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.UnreadableImageException;

/**
 * The {@link BiometricReader} over libfprint-2, run in a supervised worker process ({@link
 * FingerprintWorkerClient}, {@link FingerprintWorkerMain}; DESIGN §7). {@link #start()} starts the worker and
 * opens the first reader; without libfprint or a reader the status says "No fingerprint reader" and the till
 * carries on (PIN sign-in). A worker that crashed or hung is replaced on the next call, which also opens the
 * reader again; calling {@link #start()} again looks for a reader plugged in since. Thread-safe; one scan at a
 * time.
 *
 * <p>For pos-app: {@code var reader = new LibfprintReader(FingerprintWorkerSettings.defaults()); reader.start();
 * reader.status()} for the sign-in screen; {@code enroll(progress -> ui(progress.sentence()))}, {@code
 * verify(print, prompt -> ...)}, {@code identify(gallery, prompt -> ...)} on a background thread; {@code
 * cancel()} from the Cancel button; {@code close()} at shutdown.
 */
public final class LibfprintReader implements BiometricReader {

    private static final Logger log = LoggerFactory.getLogger(LibfprintReader.class);

    private final FingerprintWorkerClient client;
    private final ReentrantLock scanning = new ReentrantLock();
    private final SecondOwnerCheck secondOwner = new SecondOwnerCheck();
    private volatile SecondOwnerCheck.Verdict lastCheck;
    private volatile ReaderStatus status = new ReaderStatus(ReaderStatus.State.STOPPED, "Fingerprint reader not started", null);

    public LibfprintReader(FingerprintWorkerSettings settings) {
        this.client = new FingerprintWorkerClient(settings);
    }

    /** The supervised worker (process id, restarts), for the till's diagnostics and for tests. */
    public FingerprintWorkerClient worker() {
        return client;
    }

    @Override
    public void start() {
        try {
            open();
        } catch (NoReaderException e) {
            status = ReaderStatus.noReader(e.getMessage());
            // issue 14: no reader, no worker (58 MiB of a process): the next scan or look for a reader starts a fresh one
            client.retire();
            log.info("fingerprint: {}", status.sentence());
        } catch (BiometricException e) {
            status = new ReaderStatus(ReaderStatus.State.ERROR, "Fingerprint reader failed: " + e.getMessage(), null);
            log.warn("fingerprint reader failed to start: {}", e.getMessage());
        }
    }

    @Override
    public ReaderStatus status() {
        return status;
    }

    @Override
    public List<ReaderDevice> devices() {
        WorkerMessage reply;
        try {
            reply = client.call("devices", Map.of());
        } catch (NoReaderException e) {
            log.debug("no fingerprint readers: {}", e.getMessage());
            return List.of();
        }
        int count = Integer.parseInt(reply.field("count"));
        List<ReaderDevice> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            devices.add(device(reply, i + "."));
        }
        return devices;
    }

    @Override
    public FingerPrint enroll(Consumer<EnrollProgress> progress) {
        return scan(() -> {
            ReaderDevice device = open();
            int stages = device.enrollStages();
            int[] completed = {0};
            WorkerMessage reply = client.call("enroll", Map.of(), List.of(), client.settings().scanTimeout(), event -> {
                if (event.operation().equals("stage")) {
                    completed[0] = Integer.parseInt(event.field("completed"));
                    progress.accept(new EnrollProgress(completed[0], stages, ScanPrompt.REMOVE_FINGER));
                } else if (event.operation().equals("prompt")) {
                    progress.accept(new EnrollProgress(completed[0], stages, ScanPrompt.valueOf(event.field("prompt"))));
                }
            });
            return WorkerPrints.fromReply(reply);
        });
    }

    @Override
    public boolean verify(FingerPrint print, Consumer<ScanPrompt> prompts) {
        return scan(() -> {
            open();
            WorkerMessage reply = client.call("verify", WorkerPrints.fields(List.of(print)), WorkerPrints.blobs(List.of(print)),
                    client.settings().scanTimeout(), promptsTo(prompts));
            return Boolean.parseBoolean(reply.field("matched"));
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>libfprint's identify answers with the first print in the gallery's order that passes bozorth3's threshold,
     * not the best one. bozorth3 stays the judge of acceptance; the press libfprint read comes back with the answer,
     * and {@link SecondOwnerCheck} scores its minutiae with SourceAFIS against the matched print and every later print
     * of another owner (the earlier ones bozorth3 already refused): if one of those scores as high, or above SourceAFIS's threshold and close to it, nobody is
     * named. One press either way. Only when minutiae cannot be read from the prints (a reader whose prints are not
     * NBIS minutiae, e.g. one that matches on the chip) does it fall back to reading the finger a second time
     * against the prints after the match that are someone else's (the prints before it did not pass).
     */
    @Override
    public OptionalInt identify(List<FingerPrint> gallery, List<?> owners, Consumer<ScanPrompt> prompts) {
        if (owners.size() != gallery.size()) {
            throw new IllegalArgumentException("a gallery of " + gallery.size() + " prints needs as many owners, not " + owners.size());
        }
        if (gallery.isEmpty()) {
            return OptionalInt.empty();
        }
        return scan(() -> {
            open();
            lastCheck = null;
            WorkerMessage reply = identifyOnce(gallery, prompts);
            int first = Integer.parseInt(reply.field("index"));
            if (first < 0) {
                return OptionalInt.empty();
            }
            Object owner = owners.get(first);
            if (owners.stream().allMatch(each -> Objects.equals(each, owner))) {
                return OptionalInt.of(first);
            }
            if (!reply.blobs().isEmpty()) {
                SecondOwnerCheck.Verdict verdict = secondOwner.check(reply.blobs().get(0), gallery, owners, first);
                lastCheck = verdict;
                if (verdict.readable()) {
                    if (verdict.ambiguous()) {
                        log.warn("fingerprint: a finger matched print #{} (SourceAFIS {}) and scores {} on #{} of another owner;"
                                + " nobody named", first, Math.round(verdict.matchedScore()), Math.round(verdict.rivalScore()),
                                verdict.rival());
                        throw new AmbiguousMatchException(first, verdict.rival());
                    }
                    return OptionalInt.of(first);
                }
            }
            return secondRead(gallery, owners, prompts, first);
        });
    }

    /**
     * How long the last identify's check of a second owner took (SourceAFIS over the other owners' prints, in this
     * process), in nanoseconds; 0 when the last identify needed none (no match, or one owner). For the benchmark.
     */
    public long lastCheckNanos() {
        SecondOwnerCheck.Verdict last = lastCheck;
        return last == null ? 0 : last.nanos();
    }

    /** The last check of a second owner (scores), for the population sweep's calibration; null before any. */
    SecondOwnerCheck.Verdict lastCheck() {
        return lastCheck;
    }

    /** The fallback without minutiae: the finger read again against the later prints of other owners. */
    private OptionalInt secondRead(List<FingerPrint> gallery, List<?> owners, Consumer<ScanPrompt> prompts, int first) {
        Object owner = owners.get(first);
        List<Integer> others = new ArrayList<>();
        for (int j = first + 1; j < gallery.size(); j++) {
            if (!Objects.equals(owners.get(j), owner)) {
                others.add(j);
            }
        }
        if (others.isEmpty()) {
            return OptionalInt.of(first);
        }
        List<FingerPrint> rest = new ArrayList<>(others.size());
        for (int j : others) {
            rest.add(gallery.get(j));
        }
        int second = Integer.parseInt(identifyOnce(rest, prompts).field("index"));
        if (second >= 0) {
            log.warn("fingerprint: a finger matched prints #{} and #{} of different owners; nobody named", first,
                    others.get(second));
            throw new AmbiguousMatchException(first, others.get(second));
        }
        return OptionalInt.of(first);
    }

    /** One identify in the worker: field index (the first print that passes, or -1), blob 0 the press read. */
    private WorkerMessage identifyOnce(List<FingerPrint> gallery, Consumer<ScanPrompt> prompts) {
        return client.call("identify", WorkerPrints.fields(gallery), WorkerPrints.blobs(gallery),
                client.settings().scanTimeout(), promptsTo(prompts));
    }

    @Override
    public boolean isCompatible(FingerPrint print) {
        open();
        WorkerMessage reply = client.call("compatible", WorkerPrints.fields(List.of(print)), WorkerPrints.blobs(List.of(print)),
                client.settings().callTimeout(), event -> { });
        return Boolean.parseBoolean(reply.field("compatible"));
    }

    @Override
    public void cancel() {
        client.cancel();
    }

    @Override
    public void close() {
        client.close();
        status = new ReaderStatus(ReaderStatus.State.STOPPED, "Fingerprint reader stopped", null);
    }

    /** The reader the current worker has open, opening it first (after a start or a restart). */
    private ReaderDevice open() {
        FingerprintWorkerClient.Worker current = client.current();
        ReaderDevice device = current.openedDevice;
        if (device == null) {
            Map<String, String> fields = new HashMap<>();
            if (client.settings().deviceId() != null) {
                fields.put("device", client.settings().deviceId());
            }
            try {
                WorkerMessage reply = client.call("open", fields, List.of(), client.settings().startTimeout(), event -> { });
                device = device(reply, "");
            } catch (NoReaderException e) {
                status = ReaderStatus.noReader(e.getMessage());
                throw e;
            }
            current.openedDevice = device;
            status = ReaderStatus.ready(device);
            log.info("fingerprint: {} (worker pid {})", status.sentence(), current.process.pid());
        }
        return device;
    }

    private <T> T scan(Supplier<T> work) {
        if (!scanning.tryLock()) {
            throw new ReaderBusyException("the fingerprint reader is busy with another scan; finish or cancel it first");
        }
        try {
            return work.get();
        } catch (NoReaderException e) {
            // unplugged during the scan: libfprint's context keeps the removed device, so the next call starts a
            // fresh worker whose context enumerates the readers plugged in by then
            client.retire();
            status = ReaderStatus.noReader(e.getMessage());
            throw e;
        } catch (WorkerCrashedException | ReaderTimeoutException e) {
            if (e instanceof DriverCrashedException || e instanceof UnreadableImageException) {
                restartAfter(e); // issue 15: the clerk is told "it has been restarted": make it so before saying it
            }
            if (client.workerPid().isEmpty()) {
                status = new ReaderStatus(ReaderStatus.State.ERROR,
                        "Fingerprint reader restarting after a failure; please scan again", status.device());
            }
            throw e;
        } finally {
            scanning.unlock();
        }
    }

    /** A fresh worker with the reader open, so that the next press works at once; a failure here is only logged. */
    private void restartAfter(BiometricException failure) {
        try {
            open();
            log.info("fingerprint worker restarted (pid {}) after: {}", client.workerPid().orElse(-1), failure.getMessage());
        } catch (BiometricException again) {
            log.warn("fingerprint worker could not be restarted after {}: {}", failure.getMessage(), again.getMessage());
        }
    }

    private static Consumer<WorkerMessage> promptsTo(Consumer<ScanPrompt> prompts) {
        return event -> {
            if (event.operation().equals("prompt")) {
                prompts.accept(ScanPrompt.valueOf(event.field("prompt")));
            }
        };
    }

    private static ReaderDevice device(WorkerMessage reply, String prefix) {
        return new ReaderDevice(reply.field(prefix + "driver"), reply.field(prefix + "deviceId"), reply.field(prefix + "name"),
                Integer.parseInt(reply.field(prefix + "stages")), Boolean.parseBoolean(reply.field(prefix + "identify")));
    }

    /** Prints on the wire: raw template blobs, driver and device id as fields. */
    static final class WorkerPrints {
        private WorkerPrints() {
        }

        static Map<String, String> fields(List<FingerPrint> prints) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < prints.size(); i++) {
                fields.put("driver." + i, prints.get(i).driver());
                fields.put("device." + i, prints.get(i).deviceId());
            }
            return fields;
        }

        static List<byte[]> blobs(List<FingerPrint> prints) {
            List<byte[]> blobs = new ArrayList<>(prints.size());
            for (FingerPrint print : prints) {
                blobs.add(print.template());
            }
            return blobs;
        }

        static FingerPrint fromReply(WorkerMessage reply) {
            return FingerprintWorkerMain.prints(reply).get(0);
        }
    }
}
