package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.zxing.BarcodeFormat;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.device.webcam.FrameFeedDevice;
import pos.device.webcam.FrameFeedDriver;
import pos.device.webcam.SyntheticFrames;
import pos.device.webcam.WebcamCameras;
import pos.device.webcam.WebcamPreview;

/**
 * Issue 11 defect 10 in the till's real window (headless Monocle) at 1024×768, with a simulated camera the test
 * shows pictures to: the webcam's live picture never covers a line of the cart, and what the camera reads while the
 * camera settings are open is shown there, not added to the sale.
 */
@ExtendWith(ApplicationExtension.class)
class TillWebcamDefectsFlowTest {

    static final String MILK_EAN = TillFlowTest.MILK_EAN;

    @TempDir
    static Path tempDir;
    static int tills;

    final SyntheticFrames frames = new SyntheticFrames(5);
    final BufferedImage counter = frames.counter();
    FrameFeedDevice camera;
    Wiring wiring;

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", tempDir.resolve("webcam-till-" + (++tills)).toString(), "pos.till.id", "webcam-till",
                        "pos.demo", "true", "pos.webcam", "auto"),
                Path.of(System.getProperty("user.home")));
        camera = new FrameFeedDevice("Test camera", 20, List.of(counter));
        Wiring.applyTheme();
        wiring = Wiring.start(config, Clock.systemDefaultZone(), WebcamCameras.simulated(new FrameFeedDriver(camera)));
        Scene scene = new Scene(wiring.sellScreen(), 1024, 768);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window window : List.copyOf(Window.getWindows())) {
                if (window instanceof Stage other && other.getOwner() != null) {
                    other.close();
                }
            }
            wiring.close();
        }).get(15, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("issue 11 defect 10: with ten lines in the cart the webcam's picture covers none of them (nor their prices)")
    void defect10_theWebcamPreviewNeverCoversTheCart(FxRobot robot) {
        await().atMost(Duration.ofSeconds(20)).until(() -> wiring.sellModel().status().cameraTextProperty().get()
                .equals("Camera: Test camera"));
        robot.interact(() -> {
            for (String code : List.of("4098369006029", "4077354684879", "4052685969383", "4093739640179", "4072284642890",
                    "4069371955629", "4099556063627", "4046141627436", "4032622297519", "4096413411638")) {
                wiring.sellModel().handleScan(code); // ten products of the sample catalog, one line each
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().cart().rows()).as("the till says: %s", wiring.sellModel().messageProperty().get())
                .hasSizeGreaterThanOrEqualTo(8);

        WebcamPreview preview = robot.lookup(".webcam-preview").queryAs(WebcamPreview.class);
        TableView<?> cart = robot.lookup(".cart").queryAs(TableView.class);
        Bounds picture = inScene(preview);
        assertThat(preview.isVisible()).isTrue();
        assertThat(picture.getWidth()).as("the picture has a size").isPositive();
        assertThat(picture.intersects(inScene(cart))).as("the picture %s lies off the cart %s", picture, inScene(cart)).isFalse();
        for (Node cell : robot.lookup(".cart .table-cell").queryAll()) {
            assertThat(picture.intersects(inScene(cell))).as("the picture covers no cell of the cart").isFalse();
        }
        assertThat(picture.getMaxX()).as("the picture is on the screen").isLessThanOrEqualTo(1024);
    }

    @Test
    @DisplayName("issue 11 defect 10: what the camera reads while its settings are open shows there and is not added to the sale")
    void defect10_readsWhileTheCameraSettingsAreOpenAreNotAdded(FxRobot robot) {
        await().atMost(Duration.ofSeconds(20)).until(() -> wiring.sellModel().status().cameraTextProperty().get()
                .equals("Camera: Test camera"));
        int windows = Window.getWindows().size();
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows()).as("the camera settings opened").hasSize(windows + 1);

        camera.play(List.of(frames.frame(frames.barcode(MILK_EAN, BarcodeFormat.EAN_13, 380, 160), 2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup(".status").queryAllAs(Label.class).stream()
                .anyMatch(label -> label.getText() != null && label.getText().startsWith("Read " + MILK_EAN)));
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().cart().rows()).as("nothing was added while the settings were open").isEmpty();
        camera.play(List.of(counter));

        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows()).as("the camera settings closed").hasSize(windows);
        WaitForAsyncUtils.sleep(1600, TimeUnit.MILLISECONDS); // past the scanner's duplicate window
        camera.play(List.of(frames.frame(frames.barcode(MILK_EAN, BarcodeFormat.EAN_13, 380, 160), -3)));
        await().atMost(Duration.ofSeconds(20)).until(() -> wiring.sellModel().cart().rows().size() == 1);
        camera.play(List.of(counter));
    }

    private static Bounds inScene(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }
}
