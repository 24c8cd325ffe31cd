package pos.device.face;

import org.junit.jupiter.api.Assumptions;

/** The face tests run the real OpenCV stack: without it (./pos test installs it) they are skipped, saying why. */
final class OpenCvInstalled {

    private OpenCvInstalled() {
    }

    static void assume() {
        java.util.Optional<String> missing = new FaceWorkerClient(FaceSettings.defaults()).missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "face tests skipped: " + missing.orElse(""));
    }
}
