package pos.device.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.ReaderStatus;
import pos.device.face.sim.FacePhotos;
import pos.device.face.sim.FacePhotos.Person;
import pos.device.webcam.FrameFeedDevice;
import pos.device.webcam.FrameFeedDriver;
import pos.device.webcam.WebcamCameras;
import pos.device.webcam.WebcamScanner;
import pos.device.webcam.WebcamScannerSettings;
import pos.device.webcam.WebcamState;

/** Issue 16: the face reader on the till's own webcam scanner, played by the project's simulated camera driver. */
class FaceThroughWebcamTest {

    @TempDir
    static Path logs;

    @Test
    @DisplayName("R18 issue 16: through WebcamScanner and FrameFeedDevice, the reader names the camera, enrols the astronaut and recognises her")
    void enrolAndIdentifyThroughTheWebcam() {
        OpenCvInstalled.assume();
        FacePhotos photos = new FacePhotos();
        FrameFeedDevice camera = new FrameFeedDevice("Counter camera", 15,
                FacePhotos.enrollLooks().stream().map(look -> photos.frame(Person.ASTRONAUT, look)).toList());
        try (WebcamScanner webcam = new WebcamScanner(WebcamCameras.simulated(new FrameFeedDriver(camera)), WebcamScannerSettings.defaults());
                FaceReader reader = new FaceReader(FrameSource.of(webcam), FaceSettings.defaults().withCrashDirectory(logs)
                        .withEnrollment(4, Duration.ofMillis(250)).withScanTimeout(Duration.ofSeconds(5)))) {
            reader.start();
            assertThat(reader.status().reason()).isEqualTo("the camera is off");
            webcam.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> webcam.status().state() == WebcamState.RUNNING);
            ReaderStatus status = reader.status();
            assertThat(status.state()).isEqualTo(ReaderStatus.State.READY);
            assertThat(status.device().name()).isEqualTo("Webcam face recognition (Counter camera)");
            FingerPrint astronaut = reader.enroll(progress -> { });
            camera.play(List.of(photos.frame(Person.ASTRONAUT, FacePhotos.tryLooks().get(4))));
            assertThat(reader.identify(List.of(astronaut), List.of("astronaut"), prompt -> { })).hasValue(0);
            camera.play(List.of(photos.frame(Person.MESSI, FacePhotos.tryLooks().get(4))));
            assertThat(reader.identify(List.of(astronaut), List.of("astronaut"), prompt -> { })).isEmpty();
        }
    }
}
