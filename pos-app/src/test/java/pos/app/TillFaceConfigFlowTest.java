package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
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

/**
 * Issue 16 point 3 in the till's real window (headless Monocle): with {@code pos.face=off} nothing about face is on
 * the status bar; with {@code pos.face=on} and no face reader (none handed in yet, no webcam) the status bar says
 * "No face recognition" with the reason, for the owner to fix.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("R18 issue 16: the face state on the status bar only when pos.face=on")
class TillFaceConfigFlowTest {

    @TempDir
    Path dataDir;
    Stage stage;
    Wiring wiring;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() throws Exception {
        if (wiring != null) {
            WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
        }
    }

    private void openTill(String face) throws Exception {
        TillConfig config = new ConfigLoader().load(null, Map.of(), Map.of("pos.data.dir", dataDir.toString(),
                "pos.till.id", "face-till", "pos.demo", "true", "pos.face", face), Path.of(System.getProperty("user.home")));
        WaitForAsyncUtils.asyncFx(() -> {
            Wiring.applyTheme();
            wiring = Wiring.start(config);
            Scene scene = new Scene(wiring.sellScreen(), 1024, 768);
            wiring.attach(scene);
            stage.setScene(scene);
            stage.show();
        }).get(30, TimeUnit.SECONDS);
    }

    private Label faceLabel(FxRobot robot) {
        return robot.lookup("#faceLabel").queryAs(Label.class);
    }

    @Test
    @DisplayName("issue 16: pos.face=on without a face reader: the status bar says so, with the reason in its tooltip")
    void faceOnWithoutAReaderSaysSoOnTheStatusBar(FxRobot robot) throws Exception {
        openTill("on");
        await("the people watch shows the face state").atMost(Duration.ofSeconds(10))
                .until(() -> WaitForAsyncUtils.asyncFx(() -> faceLabel(robot).isVisible()).get());
        Label face = faceLabel(robot);
        assertThat(face.getText()).isEqualTo("No face recognition");
        assertThat(face.getTooltip().getText()).contains("this till has no face reader yet");
        assertThat(face.getStyleClass()).contains("warning");
    }

    @Test
    @DisplayName("issue 16: pos.face=off (the default): nothing about face on the status bar")
    void faceOffShowsNothingAboutFace(FxRobot robot) throws Exception {
        openTill("off");
        Thread.sleep(2_500); // the people watch runs every second: it has run twice, and shown the fingerprint reader
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#fingerprintLabel").queryAs(Label.class).getText()).as("the watch ran").isNotEmpty();
        Label face = faceLabel(robot);
        assertThat(face.isVisible()).isFalse();
        assertThat(face.getText()).isEmpty();
    }
}
