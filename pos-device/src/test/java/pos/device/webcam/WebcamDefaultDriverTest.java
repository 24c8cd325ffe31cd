package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static pos.device.webcam.WebcamTestSupport.POLL;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The real default driver (BridJ + OpenIMAJ grabber over V4L2) on whatever machine runs the tests:
 * a CI box has no camera (and may lack libv4l-0), a developer's PC may have one. Either way the
 * scanner never throws: it runs, or says plainly why not.
 */
class WebcamDefaultDriverTest {

    @Test
    void theRealDriverRunsOrSaysWhyNotAndNeverThrows() {
        WebcamCameras cameras = WebcamCameras.defaultDriver();
        assertThat(cameras.isSimulated()).isFalse();
        try (WebcamScanner scanner = new WebcamScanner(cameras, WebcamScannerSettings.defaults())) {
            assertThatCode(scanner::start).doesNotThrowAnyException();
            await("the camera to run or to give up").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                    .untilAsserted(() -> assertThat(scanner.status().state() == WebcamState.RUNNING || scanner.status().state().isFailure())
                            .as(() -> String.valueOf(scanner.status())).isTrue());
            WebcamStatus status = scanner.status();
            if (status.state() != WebcamState.RUNNING) {
                assertThat(status.state()).isIn(WebcamState.NO_CAMERA, WebcamState.BUSY);
                assertThat(status.message()).endsWith(WebcamStatus.WEDGE_GOES_ON);
                assertThat(status.message()).doesNotContain("Exception");
            }
        }
    }
}
