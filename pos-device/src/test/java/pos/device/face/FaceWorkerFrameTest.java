package pos.device.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.biometric.ScanPrompt;
import pos.device.face.sim.FacePhotos;
import pos.device.face.sim.FacePhotos.Person;

/** A camera frame sent as a scan sends it (grey, downscaled), through the real worker: what the face bench times. */
class FaceWorkerFrameTest {

    @TempDir
    Path logs;

    @Test
    @DisplayName("R18 issue 16: a camera frame goes to the worker as a scan sends it; a frame a scan would not send is not sent")
    void aCameraFrameIsAnalysedAsAScanSendsIt() {
        OpenCvInstalled.assume();
        FacePhotos photos = new FacePhotos();
        try (FaceWorkerClient worker = new FaceWorkerClient(FaceSettings.defaults().withCrashDirectory(logs))) {
            Optional<FaceAnalysis> messi = worker.analyse(photos.frame(Person.MESSI, FacePhotos.enrollLooks().get(0)));
            assertThat(messi).hasValueSatisfying(analysis -> {
                assertThat(analysis.isGood()).as("%s", analysis).isTrue();
                assertThat(analysis.histogram()).hasSize(FaceHistogram.LENGTH);
            });

            // a 1280 x 960 frame is downscaled to 640 x 480 first: the face's box comes back in the smaller frame
            BufferedImage large = new BufferedImage(1280, 960, BufferedImage.TYPE_INT_RGB);
            large.createGraphics().drawImage(photos.frame(Person.MESSI, FacePhotos.enrollLooks().get(0)), 0, 0, 1280, 960, null);
            FaceAnalysis scaled = worker.analyse(large).orElseThrow();
            assertThat(scaled.faces()).isNotEmpty().allSatisfy(box -> assertThat(box.x() + box.width()).isLessThanOrEqualTo(640));

            assertThat(worker.analyse(photos.noFace(FacePhotos.NoFace.EMPTY_COUNTER)))
                    .hasValueSatisfying(analysis -> assertThat(analysis.retry()).contains(ScanPrompt.RETRY_FACE_NOT_FOUND));
            assertThat(worker.analyse(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB))).as("under 64 x 64: never sent").isEmpty();
        }
    }
}
