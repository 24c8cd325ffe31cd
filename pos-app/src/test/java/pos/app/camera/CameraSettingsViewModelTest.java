package pos.app.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.device.webcam.FrameFeedDevice;
import pos.device.webcam.FrameFeedDriver;
import pos.device.webcam.WebcamCameras;
import pos.device.webcam.WebcamScanner;
import pos.device.webcam.WebcamScannerSettings;
import pos.device.webcam.WebcamState;

/** Choosing the camera in settings: listed through the real webcam-capture API, used at once, remembered. */
class CameraSettingsViewModelTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final BufferedImage GREY = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);

    @TempDir
    Path dataDir;

    @Test
    void theCamerasAreListedAndTheChosenOneIsUsedAndRemembered() throws Exception {
        FrameFeedDriver driver = new FrameFeedDriver(new FrameFeedDevice("Counter cam", 10, List.of(GREY)),
                new FrameFeedDevice("Overhead cam", 10, List.of(GREY)));
        try (WebcamScanner scanner = new WebcamScanner(WebcamCameras.simulated(driver), WebcamScannerSettings.defaults())) {
            CameraSettingsViewModel model = new CameraSettingsViewModel(WebcamCameras.simulated(driver), scanner,
                    new CameraChoice(dataDir), TEXT, TaskExecutor.sameThread(), UiThread.sameThread());
            model.refresh();
            assertThat(model.names()).containsExactly("Counter cam", "Overhead cam");
            assertThat(model.statusProperty().get()).isEqualTo("2 cameras found. Choose one and press Enter.");
            assertThat(model.selectedProperty().get()).isEqualTo("Counter cam");

            model.selectedProperty().set("Overhead cam");
            model.use();

            assertThat(scanner.settings().camera()).isEqualTo("Overhead cam");
            assertThat(new CameraChoice(dataDir).saved()).contains("Overhead cam");
            assertThat(model.statusProperty().get()).isEqualTo("Scanning with Overhead cam. The choice is saved.");
            await("the scanner runs with the new camera").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(scanner.status().state()).isEqualTo(WebcamState.RUNNING));
            assertThat(scanner.status().camera()).isEqualTo("Overhead cam");
        }
    }

    @Test
    void noCameraIsSaidPlainly() {
        FrameFeedDriver empty = new FrameFeedDriver();
        try (WebcamScanner scanner = new WebcamScanner(WebcamCameras.simulated(empty), WebcamScannerSettings.defaults())) {
            CameraSettingsViewModel model = new CameraSettingsViewModel(WebcamCameras.simulated(empty), scanner,
                    new CameraChoice(dataDir), TEXT, TaskExecutor.sameThread(), UiThread.sameThread());
            model.refresh();
            assertThat(model.names()).isEmpty();
            assertThat(model.statusProperty().get()).isEqualTo("No camera is plugged in. Scanning goes on with the barcode scanner.");
            model.use();
            assertThat(model.statusProperty().get()).isEqualTo("Choose a camera first.");
            assertThat(new CameraChoice(dataDir).saved()).isEmpty();
        }
    }
}
