package pos.device.webcam;

import java.time.Duration;

/** What the webcam tests share when they wait (with Awaitility) for the scanner's threads. Stateless. */
final class WebcamTestSupport {

    /** How often a wait looks again: short, as the scanner's threads answer within milliseconds. */
    static final Duration POLL = Duration.ofMillis(5);

    private WebcamTestSupport() {
    }

    static boolean noScannerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().equals("webcam-capture") || t.getName().equals("webcam-decoder")));
    }
}
