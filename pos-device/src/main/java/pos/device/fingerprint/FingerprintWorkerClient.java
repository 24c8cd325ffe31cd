package pos.device.fingerprint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.biometric.BiometricException;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.IncompatiblePrintException;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderBusyException;
import pos.core.biometric.ReaderErrorException;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;
import pos.core.biometric.UnreadableImageException;
import pos.core.biometric.WorkerCrashedException;
import pos.device.worker.WorkerCommand;
import pos.device.worker.WorkerSlot;

/**
 * The till's side of the fingerprint worker: starts {@link FingerprintWorkerMain} as a child process with the
 * till's java and class path, sends {@link WorkerMessage} requests, hands events to the caller's listener and
 * waits for the reply with a timeout that restarts whenever the worker shows progress. A worker that died
 * (crash, SIGKILL) fails the call in flight with {@link WorkerCrashedException}; a worker that stopped
 * answering is killed and the call fails with {@link ReaderTimeoutException}; either way the next call starts
 * a new worker. Thread-safe; several calls may be in flight (the worker runs them one after another).
 */
public final class FingerprintWorkerClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FingerprintWorkerClient.class);
    private static final int STDERR_TAIL_LINES = 20;
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(2);

    private final FingerprintWorkerSettings settings;
    private final AtomicInteger requestIds = new AtomicInteger();
    private final WorkerSlot<Worker> workers;

    public FingerprintWorkerClient(FingerprintWorkerSettings settings) {
        this.settings = settings;
        this.workers = new WorkerSlot<>("fingerprint reader", "fingerprint worker", log, this::start);
    }

    public FingerprintWorkerSettings settings() {
        return settings;
    }

    /** The running worker's process id, if one is running (for supervision and tests). */
    public OptionalLong workerPid() {
        return workers.pid();
    }

    /** How many workers this client has started (1 after the first start; more after restarts). */
    public int workersStarted() {
        return workers.started();
    }

    /**
     * Sends a request and waits for its reply.
     *
     * @param idleTimeout how long the worker may go without an event or a reply
     * @param events receives the request's events (prompts, stages) on the client's reading thread
     * @return the reply
     * @throws BiometricException the worker's failure, a timeout or a crash, as the matching exception
     */
    public WorkerMessage call(String operation, Map<String, String> fields, List<byte[]> blobs, Duration idleTimeout,
            Consumer<WorkerMessage> events) {
        Worker current = workers.running();
        int id = requestIds.incrementAndGet();
        Pending pending = new Pending(events);
        current.pending.put(id, pending);
        try {
            current.send(new WorkerMessage(WorkerMessage.REQUEST, id, operation, fields, blobs));
            return await(current, id, operation, pending, idleTimeout);
        } finally {
            current.pending.remove(id);
        }
    }

    /** Sends a request that needs no finger, with the settings' call timeout. */
    public WorkerMessage call(String operation, Map<String, String> fields) {
        return call(operation, fields, List.of(), settings.callTimeout(), event -> { });
    }

    /** Asks the worker to cancel what it is doing (the call in flight ends with {@link ScanCancelledException}). */
    public void cancel() {
        Worker current = workers.current();
        if (current != null && current.process.isAlive()) {
            try {
                current.send(WorkerMessage.of(WorkerMessage.REQUEST, 0, "cancel", Map.of()));
            } catch (WorkerCrashedException e) {
                log.warn("could not cancel the fingerprint scan: {}", e.getMessage());
            }
        }
    }

    /** The running worker, started if need be (its {@code openedDevice} is kept by {@link LibfprintReader}). */
    Worker current() {
        return workers.running();
    }

    private WorkerMessage await(Worker current, int id, String operation, Pending pending, Duration idleTimeout) {
        while (true) {
            long idleNanos = System.nanoTime() - pending.lastActivity.get();
            long remaining = idleTimeout.toNanos() - idleNanos;
            if (remaining <= 0) {
                throw timedOut(current, operation, pending, idleTimeout);
            }
            try {
                return unwrap(pending.result.get(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS));
            } catch (TimeoutException stillWaiting) {
                continue;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BiometricException failure) {
                    throw failure;
                }
                throw new ReaderErrorException("the fingerprint worker failed on " + operation + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                throw new ScanCancelledException("the fingerprint " + operation + " was interrupted", e);
            }
        }
    }

    /** No progress in time: cancel the scan; a worker that ignores the cancel is hung and killed. */
    private BiometricException timedOut(Worker current, String operation, Pending pending, Duration idleTimeout) {
        cancel();
        try {
            pending.result.get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hung) {
            log.warn("fingerprint worker (pid {}) did not answer {} within {} ms nor a cancel within {} ms; stopping it",
                    current.process.pid(), operation, idleTimeout.toMillis(), CANCEL_GRACE.toMillis());
            current.kill();
            if (pending.fingerOn) {
                // issue 15: stuck on an image it was given (a 4000x4000 frame of noise takes the matcher minutes)
                return new UnreadableImageException("the fingerprint reader could not read the image it was given ("
                        + operation + ": its driver was still working on it after " + idleTimeout.toSeconds()
                        + " s); its driver was restarted");
            }
            return new ReaderTimeoutException("the fingerprint reader did not answer (" + operation + ") within "
                    + idleTimeout.toSeconds() + " s; its driver was restarted, please try again");
        } catch (ExecutionException | RuntimeException ended) {
            log.debug("fingerprint {} ended after its timeout: {}", operation, ended.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending.fingerOn) {
            // issue 15: a finger (or an image) was there and the driver never finished reading it: not "no finger"
            return new UnreadableImageException("the fingerprint reader could not read the image it was given ("
                    + operation + ": no result within " + idleTimeout.toSeconds() + " s of the finger)");
        }
        return new ReaderTimeoutException("no finger on the reader within " + idleTimeout.toSeconds() + " s (" + operation + ")");
    }

    private static WorkerMessage unwrap(WorkerMessage reply) {
        if (reply.kind() == WorkerMessage.REPLY) {
            return reply;
        }
        String message = reply.fields().getOrDefault("message", "no reason given");
        switch (reply.fields().getOrDefault("kind", "device")) {
            case "no-reader":
                throw new NoReaderException(message);
            case "busy":
                throw new ReaderBusyException(message);
            case "retry":
                throw new ScanRetryException(ScanPrompt.valueOf(reply.field("prompt")));
            case "incompatible":
                throw new IncompatiblePrintException(message);
            case "cancelled":
                throw new ScanCancelledException(message);
            default:
                throw new ReaderErrorException(message);
        }
    }

    private Worker start() {
        return new Worker(new WorkerCommand("fingerprint worker", settings.javaCommand(), "128m", List.of("-Xss2m"),
                settings.crashDirectory(), settings.classPath(), FingerprintWorkerMain.class.getName(), settings.environment())
                .start(log));
    }

    @Override
    public void close() {
        stop(workers.close());
    }

    /**
     * Stops the running worker, if any; the next call starts a fresh one. A fresh worker has a fresh libfprint
     * context, which enumerates the readers plugged in now (after a reader was unplugged and plugged in again).
     */
    public void retire() {
        Worker current = workers.retire();
        if (current != null) {
            log.info("retiring fingerprint worker (pid {}): the next call starts a fresh one", current.process.pid());
        }
        stop(current);
    }

    private void stop(Worker current) {
        if (current == null) {
            return;
        }
        try {
            current.send(WorkerMessage.of(WorkerMessage.REQUEST, 0, "exit", Map.of()));
            current.closeInput();
            if (!current.process.waitFor(3, TimeUnit.SECONDS)) {
                log.warn("fingerprint worker (pid {}) did not exit within 3 s; killing it", current.process.pid());
                current.kill();
            }
        } catch (WorkerCrashedException e) {
            log.debug("fingerprint worker already gone when stopped: {}", e.getMessage());
            current.kill();
        } catch (InterruptedException e) {
            current.kill();
            Thread.currentThread().interrupt();
        }
    }

    /** A request waiting for its reply. */
    private static final class Pending {
        final CompletableFuture<WorkerMessage> result = new CompletableFuture<>();
        final Consumer<WorkerMessage> events;
        final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        /** Whether the last prompt said a finger is on the reader (a timeout then is no "no finger"). */
        volatile boolean fingerOn;

        Pending(Consumer<WorkerMessage> events) {
            this.events = events;
        }
    }

    /** One worker process and its two reading threads. */
    final class Worker implements WorkerSlot.Worker {
        final Process process;
        final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
        private final OutputStream input;
        private final Deque<String> stderrTail = new ArrayDeque<>();
        private final FatalErrorBanner fatalError = new FatalErrorBanner();
        private final java.util.concurrent.CountDownLatch errorsRead = new java.util.concurrent.CountDownLatch(1);
        volatile boolean dead;
        /** The reader this worker opened (set by {@link LibfprintReader}); null until then. */
        volatile pos.core.biometric.ReaderDevice openedDevice;

        Worker(Process process) {
            this.process = process;
            this.input = new BufferedOutputStream(process.getOutputStream());
            Thread replies = new Thread(this::readReplies, "fingerprint-worker-" + process.pid() + "-replies");
            replies.setDaemon(true);
            replies.start();
            Thread errors = new Thread(this::readErrors, "fingerprint-worker-" + process.pid() + "-stderr");
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
                throw new WorkerCrashedException("the fingerprint worker (pid " + process.pid() + ") is gone: " + e.getMessage()
                        + "; it is restarted on the next call", e);
            }
        }

        synchronized void closeInput() {
            try {
                input.close();
            } catch (IOException e) {
                log.debug("closing the fingerprint worker's stdin: {}", e.getMessage());
            }
        }

        /** SIGKILL, and waits (briefly) until the process is really gone. */
        void kill() {
            dead = true;
            process.destroyForcibly();
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    log.warn("fingerprint worker (pid {}) still runs 2 s after SIGKILL", process.pid());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void readReplies() {
            String ended = "its output ended";
            try (BufferedInputStream in = new BufferedInputStream(process.getInputStream())) {
                WorkerMessage message;
                while ((message = WorkerMessage.readFrom(in)) != null) {
                    Pending waiting = pending.get(message.id());
                    if (waiting == null) {
                        log.debug("fingerprint worker answered request #{} that nobody waits for", message.id());
                        continue;
                    }
                    waiting.lastActivity.set(System.nanoTime());
                    if (message.kind() == WorkerMessage.EVENT && message.operation().equals("prompt")) {
                        waiting.fingerOn = ScanPrompt.FINGER_DETECTED.name().equals(message.fields().get("prompt"));
                    }
                    if (message.kind() == WorkerMessage.EVENT) {
                        try {
                            waiting.events.accept(message);
                        } catch (RuntimeException e) {
                            log.warn("a fingerprint event listener failed on {}", message.operation(), e);
                        }
                    } else {
                        waiting.result.complete(message);
                    }
                }
            } catch (IOException e) {
                ended = "its output broke (" + e.getMessage() + ")";
            }
            dead = true;
            String exit = describeExit();
            try {
                errorsRead.await(1, TimeUnit.SECONDS); // the crash banner comes on stderr, after the last frame
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String fault = fatalError.fault();
            String reason = "the fingerprint worker (pid " + process.pid() + ") stopped: " + ended + ", " + exit
                    + (fault == null ? "" : "; " + fault) + "; it is restarted on the next call";
            if (!pending.isEmpty()) {
                // issue 15: the whole story (banner, last warnings, the crash report's file) for IT, in the log only
                log.warn("{}{}", reason, lastErrors());
            }
            boolean nativeCrash = fault != null || exit.contains("SIGSEGV") || exit.contains("SIGABRT")
                    || exit.contains("SIGBUS") || exit.contains("SIGILL") || exit.contains("SIGFPE");
            for (Pending waiting : pending.values()) {
                waiting.result.completeExceptionally(nativeCrash
                        ? new DriverCrashedException("the fingerprint reader's driver crashed (" + (fault == null ? exit
                                : fault + ", " + exit) + ")")
                        : new WorkerCrashedException(reason));
            }
        }

        /**
         * How the process ended. Java reports a process ended by signal N as exit value 128 + N (and a process may
         * also exit with such a value itself, which looks the same); a JVM that hit a fatal error (SIGSEGV in
         * native code) writes its report and then aborts: SIGABRT, exit value 134.
         */
        private String describeExit() {
            try {
                if (process.waitFor(1, TimeUnit.SECONDS)) {
                    return describeExitValue(process.exitValue());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "still running";
        }

        private String lastErrors() {
            synchronized (stderrTail) {
                return stderrTail.isEmpty() ? "" : "; its last words: " + String.join(" | ", stderrTail);
            }
        }

        private void readErrors() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue; // GLib puts an empty line before each of its messages
                    }
                    fatalError.read(line);
                    log.info("fingerprint worker {}: {}", process.pid(), line);
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_TAIL_LINES) {
                            stderrTail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                log.debug("fingerprint worker {} stderr ended: {}", process.pid(), e.getMessage());
            } finally {
                errorsRead.countDown();
            }
        }
    }

    /** "exit status 0", "exit status 134 (SIGABRT)", "exit status 137 (SIGKILL)": the value and, above 128, its signal. */
    public static String describeExitValue(int code) {
        if (code > 128 && code < 128 + 65) {
            return "exit status " + code + " (" + signalName(code - 128) + ")";
        }
        return "exit status " + code;
    }

    static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
    }

    /**
     * Issue 15: reads HotSpot's fatal error banner on the worker's stderr ("#  SIGSEGV (0xb) at pc=...",
     * "# C  [libfprint-2.so.2+0x53371]", "# An error report file ... saved as:", "# /path/hs_err_pid123.log")
     * into one short line for the log and the exception. Thread-safe.
     */
    public static final class FatalErrorBanner {
        private static final java.util.regex.Pattern SIGNAL = java.util.regex.Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
        private static final java.util.regex.Pattern FRAME = java.util.regex.Pattern.compile("^#\\s+[CjJVv]\\s+\\[([^\\]]+)\\]");
        /** glibc's last words before abort(): "*** stack smashing detected ***: terminated", "free(): invalid pointer". */
        private static final java.util.regex.Pattern LIBC_ABORT = java.util.regex.Pattern.compile(
                "\\*\\*\\* (.+) \\*\\*\\*: terminated|((?:free|malloc|realloc|munmap_chunk)\\(\\): .+|double free or corruption.*|corrupted .+)");
        private String libcAbort;
        private boolean inBanner;
        private boolean reportNext;
        private String signal;
        private String frame;
        private String report;

        public synchronized void read(String line) {
            java.util.regex.Matcher libc = LIBC_ABORT.matcher(line.trim());
            if (libc.matches() && libcAbort == null) {
                libcAbort = libc.group(1) != null ? libc.group(1) : libc.group(2); // the C library's own abort
                return;
            }
            if (line.contains("A fatal error has been detected by the Java Runtime Environment")) {
                inBanner = true;
                return;
            }
            if (!inBanner || !line.startsWith("#")) {
                return;
            }
            java.util.regex.Matcher matcher = SIGNAL.matcher(line);
            if (signal == null && matcher.find()) {
                signal = matcher.group(1);
            }
            matcher = FRAME.matcher(line);
            if (frame == null && matcher.find()) {
                frame = matcher.group(1);
            }
            if (reportNext) {
                report = line.substring(1).trim();
                reportNext = false;
            } else if (line.contains("error report file") && line.contains("saved as:")) {
                String path = line.substring(line.indexOf("saved as:") + "saved as:".length()).trim();
                reportNext = path.isEmpty();
                report = path.isEmpty() ? null : path;
            }
        }

        /**
         * "SIGSEGV in libfprint-2.so.2+0x53371, report in /…/fingerprint-worker-hs_err_pid123.log", or "libc: stack
         * smashing detected" when the C library aborted the process itself, or null when neither was seen.
         */
        public synchronized String fault() {
            if (!inBanner) {
                return libcAbort == null ? null : "libc: " + libcAbort;
            }
            return (signal == null ? "a fatal error" : signal) + (frame == null ? "" : " in " + frame)
                    + (report == null ? "" : ", report in " + report);
        }
    }
}
