package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.device.webcam.WebcamScanner;
import pos.device.webcam.WebcamScannerSettings;

/**
 * Issue 11 defect 10: the simulated camera ({@code pos.webcam=simulated}) read by the real webcam scanner adds
 * nothing by itself, and one sample code per request.
 */
class DemoCameraTest {

    @Test
    @DisplayName("issue 11 defect 10: the simulated camera shows a code only when asked, and each request is one read")
    void defect10_theSimulatedCameraShowsACodeOnlyWhenAsked() {
        DemoCamera demo = new DemoCamera();
        List<String> reads = new CopyOnWriteArrayList<>();
        try (WebcamScanner scanner = new WebcamScanner(demo.webcams(), WebcamScannerSettings.defaults())) {
            scanner.onScan(scan -> reads.add(scan.code()));
            scanner.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> scanner.stats().framesDecoded() >= 10);
            pause(3000);
            assertThat(reads).as("nothing read while nobody asked").isEmpty();

            demo.showNextCode();
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.size() == 1);
            pause(DemoCamera.SHOWN_FOR.toMillis() + 2500);
            assertThat(reads).as("one request, one read").hasSize(1);

            demo.showNextCode();
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.size() == 2);
            assertThat(reads.get(1)).as("the next sample product").isNotEqualTo(reads.get(0));
            pause(DemoCamera.SHOWN_FOR.toMillis() + 2500);
            assertThat(reads).hasSize(2);
        }
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
