package pos.device.fingerprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the till starts and supervises the fingerprint worker. Immutable.
 *
 * @param javaCommand the java launcher for the worker (the till's own by default)
 * @param classPath the worker's class path (the till's own by default)
 * @param environment extra environment for the worker, e.g. FP_VIRTUAL_IMAGE for the virtual reader
 * @param deviceId the reader to open, or null for the first one found
 * @param startTimeout how long starting the worker and opening the reader may take
 * @param callTimeout how long a call that needs no finger (device list, compatibility) may take
 * @param scanTimeout how long a scan may go without progress (no finger, no prompt) before it is cancelled
 * @param crashDirectory where a crashed worker's JVM writes its fatal error report
 *        ({@code fingerprint-worker-hs_err_pid<pid>.log}; issue 15: the till's {@code <data dir>/logs}, never the
 *        working directory)
 */
public record FingerprintWorkerSettings(String javaCommand, String classPath, Map<String, String> environment,
        String deviceId, Duration startTimeout, Duration callTimeout, Duration scanTimeout, Path crashDirectory) {

    public FingerprintWorkerSettings {
        Objects.requireNonNull(javaCommand, "javaCommand");
        Objects.requireNonNull(classPath, "classPath");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(scanTimeout, "scanTimeout");
        Objects.requireNonNull(crashDirectory, "crashDirectory");
    }

    /**
     * The till's java and class path, the first reader, 10 s to start, 5 s per call, 30 s without a finger; crash
     * reports in {@code pos.log.dir} (set by the till's launcher to {@code <data dir>/logs}), else in the temporary
     * directory.
     * The java is {@code java.home}'s {@code bin/java}; only when the runtime has none (a jlinked image with
     * its native commands stripped) the current process's own command, which must then be a java launcher.
     */
    public static FingerprintWorkerSettings defaults() {
        Path homeJava = Path.of(System.getProperty("java.home"), "bin", "java");
        String launcher = Files.isExecutable(homeJava) ? homeJava.toString()
                : ProcessHandle.current().info().command().orElse(homeJava.toString());
        return new FingerprintWorkerSettings(launcher, System.getProperty("java.class.path"), Map.of(), null,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), defaultCrashDirectory());
    }

    private static Path defaultCrashDirectory() {
        String logDir = System.getProperty("pos.log.dir");
        return Path.of(logDir != null && !logDir.isBlank() ? logDir : System.getProperty("java.io.tmpdir"));
    }

    /** These settings with libfprint's virtual_image reader listening on {@code socket} (tests, demos). */
    public FingerprintWorkerSettings withVirtualImageSocket(Path socket) {
        return new FingerprintWorkerSettings(javaCommand, classPath, Map.of("FP_VIRTUAL_IMAGE", socket.toString()),
                deviceId, startTimeout, callTimeout, scanTimeout, crashDirectory);
    }

    public FingerprintWorkerSettings withScanTimeout(Duration timeout) {
        return new FingerprintWorkerSettings(javaCommand, classPath, environment, deviceId, startTimeout, callTimeout, timeout, crashDirectory);
    }

    public FingerprintWorkerSettings withEnvironment(Map<String, String> extra) {
        return new FingerprintWorkerSettings(javaCommand, classPath, extra, deviceId, startTimeout, callTimeout, scanTimeout, crashDirectory);
    }

    /** These settings with crash reports written to {@code directory} (created when the worker starts). */
    public FingerprintWorkerSettings withCrashDirectory(Path directory) {
        return new FingerprintWorkerSettings(javaCommand, classPath, environment, deviceId, startTimeout, callTimeout,
                scanTimeout, directory);
    }
}
