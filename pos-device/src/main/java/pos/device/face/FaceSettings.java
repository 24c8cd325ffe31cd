package pos.device.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the face reader runs (issue 16). Immutable.
 *
 * @param javaCommand the java launcher for the worker (the till's own by default)
 * @param classPath the till's class path; the worker's adds {@code openCvJar}
 * @param openCvJar Debian's OpenCV Java bindings (libopencv-java), never bundled with the till
 * @param openCvLibrary the JNI library those bindings load
 * @param openCvData opencv-data's folder (its {@code haarcascades} hold the face and eye cascades)
 * @param crashDirectory where a crashed worker's JVM writes its report ({@code face-worker-hs_err_pid<pid>.log}):
 *        the till's {@code <data dir>/logs}
 * @param enrollStages how many accepted frames an enrolment takes
 * @param enrollSpacing the least time between two accepted enrolment frames
 * @param scanTimeout how long a scan may go without progress (an accepted frame) before it ends
 * @param callTimeout how long the worker may take for one frame (or to start) before it is replaced
 * @param framesToDecide how many good frames a verify or identify looks at (at most)
 * @param decisionWindow how long, after the first good frame, it waits for the others
 * @param threshold the largest distance (chi-square, {@link FaceHistogram#distance}) that still matches
 * @param margin how much nearer than the best other person the best one must be to be named
 */
public record FaceSettings(String javaCommand, String classPath, Path openCvJar, Path openCvLibrary, Path openCvData,
        Path crashDirectory, int enrollStages, Duration enrollSpacing, Duration scanTimeout, Duration callTimeout,
        int framesToDecide, Duration decisionWindow, double threshold, double margin) {

    /** The measured threshold (see the face measurement test): no impostor of the test population comes under it. */
    public static final double THRESHOLD = 80.0;
    public static final double MARGIN = 20.0;

    public FaceSettings {
        Objects.requireNonNull(javaCommand, "javaCommand");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(openCvJar, "openCvJar");
        Objects.requireNonNull(openCvLibrary, "openCvLibrary");
        Objects.requireNonNull(openCvData, "openCvData");
        Objects.requireNonNull(crashDirectory, "crashDirectory");
        if (enrollStages < 1 || framesToDecide < 1) {
            throw new IllegalArgumentException("a face enrolment takes at least 1 frame and a decision at least 1, not "
                    + enrollStages + " and " + framesToDecide);
        }
    }

    /** The till's java and class path, Debian's OpenCV paths, 8 enrolment frames, 30 s, 3 frames to decide. */
    public static FaceSettings defaults() {
        Path homeJava = Path.of(System.getProperty("java.home"), "bin", "java");
        String launcher = Files.isExecutable(homeJava) ? homeJava.toString()
                : ProcessHandle.current().info().command().orElse(homeJava.toString());
        String logDir = System.getProperty("pos.log.dir");
        Path crashes = Path.of(logDir != null && !logDir.isBlank() ? logDir : System.getProperty("java.io.tmpdir"));
        return new FaceSettings(launcher, System.getProperty("java.class.path"),
                Path.of("/usr/share/java/opencv4/opencv-460.jar"), Path.of("/usr/lib/jni/libopencv_java460.so"),
                Path.of("/usr/share/opencv4"), crashes, 8, Duration.ofMillis(250), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 3, Duration.ofMillis(1500), THRESHOLD, MARGIN);
    }

    public FaceSettings withCrashDirectory(Path directory) {
        return new FaceSettings(javaCommand, classPath, openCvJar, openCvLibrary, openCvData, directory, enrollStages,
                enrollSpacing, scanTimeout, callTimeout, framesToDecide, decisionWindow, threshold, margin);
    }

    public FaceSettings withScanTimeout(Duration timeout) {
        return new FaceSettings(javaCommand, classPath, openCvJar, openCvLibrary, openCvData, crashDirectory, enrollStages,
                enrollSpacing, timeout, callTimeout, framesToDecide, decisionWindow, threshold, margin);
    }

    public FaceSettings withEnrollment(int stages, Duration spacing) {
        return new FaceSettings(javaCommand, classPath, openCvJar, openCvLibrary, openCvData, crashDirectory, stages,
                spacing, scanTimeout, callTimeout, framesToDecide, decisionWindow, threshold, margin);
    }

    public FaceSettings withDecision(double newThreshold, double newMargin) {
        return new FaceSettings(javaCommand, classPath, openCvJar, openCvLibrary, openCvData, crashDirectory, enrollStages,
                enrollSpacing, scanTimeout, callTimeout, framesToDecide, decisionWindow, newThreshold, newMargin);
    }

    /** These settings with another OpenCV jar (a till built without it, or a test of the missing case). */
    public FaceSettings withOpenCvJar(Path jar) {
        return new FaceSettings(javaCommand, classPath, jar, openCvLibrary, openCvData, crashDirectory, enrollStages,
                enrollSpacing, scanTimeout, callTimeout, framesToDecide, decisionWindow, threshold, margin);
    }
}
