package pos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.testing.DrawnText;

/**
 * Issue 11, defect 3, on a 1024×768 screen (this class runs in its own JVM whose headless screen is 1024×768: see
 * pos-app's pom, which also sets {@code pos.test.smallScreen}): Reports and Camera settings open as windows of their
 * own that fit inside the screen's visual bounds, and the till's main window keeps its size. Run in the default
 * execution (a {@code -Dtest} naming it selects it there too) it is skipped: that JVM's screen is 1280×800.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("Secondary windows on a 1024×768 screen (issue 11)")
class SecondaryWindowsSmallScreenTest {

    @TempDir
    Path dataDir;

    Wiring wiring;
    Stage main;

    @org.junit.jupiter.api.BeforeAll
    static void onlyOnTheSmallScreen() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("pos.test.smallScreen"),
                "runs in pos-app's small-screen execution, whose headless screen is 1024×768");
    }

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(), Map.of("pos.data.dir", dataDir.toString(),
                "pos.demo", "true", "pos.webcam", "simulated", "pos.signin", "off"), dataDir);
        Wiring.applyTheme();
        wiring = Wiring.start(config, Clock.systemDefaultZone(), DemoCamera.cameras());
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(wiring.sellScreen(), screen.getWidth(), screen.getHeight()));
        wiring.attach(stage.getScene());
        stage.show();
        main = stage;
    }

    @AfterEach
    void stop() throws Exception {
        if (wiring != null) {
            WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("the headless screen of this test is 1024×768")
    void theScreenIs1024By768() {
        Rectangle2D bounds = Screen.getPrimary().getBounds();
        assertThat(List.of(bounds.getWidth(), bounds.getHeight())).containsExactly(1024.0, 768.0);
    }

    @Test
    @DisplayName("Reports and Camera settings fit inside the screen's visual bounds and leave the main window's size alone")
    void reportsAndCameraSettingsFitTheScreen() throws Exception {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = main.getWidth();
        double height = main.getHeight();
        for (String which : List.of("reports", "camera", "shift")) {
            Stage window = WaitForAsyncUtils.asyncFx(() -> which.equals("reports") ? wiring.openReports(main)
                    : which.equals("shift") ? wiring.shifts().open(main) // issue 12: the shift screen too
                    : wiring.openCameraSettings(main)).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            try {
                assertThat(window).as(which).isNotSameAs(main);
                assertThat(window.getWidth()).as(which + " width").isLessThanOrEqualTo(screen.getWidth());
                assertThat(window.getHeight()).as(which + " height").isLessThanOrEqualTo(screen.getHeight());
                assertThat(window.getX()).as(which + " x").isGreaterThanOrEqualTo(screen.getMinX());
                assertThat(window.getY()).as(which + " y").isGreaterThanOrEqualTo(screen.getMinY());
                assertThat(window.getX() + window.getWidth()).as(which + " right edge").isLessThanOrEqualTo(screen.getMaxX());
                assertThat(window.getY() + window.getHeight()).as(which + " bottom edge").isLessThanOrEqualTo(screen.getMaxY());
                assertThat(List.of(main.getWidth(), main.getHeight())).as("the main window with " + which + " open")
                        .containsExactly(width, height);
            } finally {
                WaitForAsyncUtils.asyncFx(window::hide).get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @DisplayName("with the camera's picture beside the cart, every button under and beside the cart shows its whole label")
    void actionButtonsAreNotCutBesideTheCamera() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(gridButtons(main.getScene().getRoot())).contains("Parked sales (Ctrl+Shift+H)", "Printer (Ctrl+Shift+P)",
                "Find (Ctrl+F)").noneMatch(label -> label.contains(" (cut to "));
        assertThat(DrawnText.entryHint(main.getScene().getRoot())).as("the entry field's hint, short beside the camera, drawn whole")
                .isEqualTo("Scan or type (F2) \u00b7 12* then scan");
    }

    @Test
    @DisplayName("the same in Chinese, whose font's lines are taller: a long label takes two lines, it is not cut")
    void actionButtonsAreNotCutBesideTheCameraInChinese() throws Exception {
        TillConfig chinese = new ConfigLoader().load(null, Map.of(), Map.of("pos.data.dir", dataDir.resolve("zh").toString(),
                "pos.demo", "true", "pos.webcam", "simulated", "pos.signin", "off", "pos.locale", "zh-CN"), dataDir);
        Wiring zh = WaitForAsyncUtils.asyncFx(() -> Wiring.start(chinese, Clock.systemDefaultZone(), DemoCamera.cameras()))
                .get(30, TimeUnit.SECONDS);
        Stage stage = null;
        try {
            stage = WaitForAsyncUtils.asyncFx(() -> {
                Rectangle2D screen = Screen.getPrimary().getVisualBounds();
                Stage s = new Stage();
                s.setScene(new Scene(zh.sellScreen(), screen.getWidth(), screen.getHeight()));
                zh.attach(s.getScene());
                s.show();
                return s;
            }).get(30, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(gridButtons(stage.getScene().getRoot())).contains("取单 (Ctrl+Shift+H)", "打印机 (Ctrl+Shift+P)",
                    "查找 (Ctrl+F)").noneMatch(label -> label.contains(" (cut to "));
            assertThat(DrawnText.entryHint(stage.getScene().getRoot())).isEqualTo("扫码或输入 (F2)· 12* 后扫码 = 12 件");
        } finally {
            Stage shown = stage;
            WaitForAsyncUtils.asyncFx(() -> {
                if (shown != null) {
                    shown.hide();
                }
                zh.close();
            }).get(10, TimeUnit.SECONDS);
        }
    }

    /** The visible grid buttons' labels, each marked with what was drawn where it is cut; the camera column must show. */
    private static List<String> gridButtons(javafx.scene.Parent root) throws Exception {
        assertThat(WaitForAsyncUtils.asyncFx(() -> root.lookup(".camera-slot").isVisible()).get(10, TimeUnit.SECONDS))
                .as("the camera column is shown, which narrows the cart's column").isTrue();
        return WaitForAsyncUtils.asyncFx(() -> root.lookupAll(".grid-actions .button").stream()
                .filter(javafx.scene.Node::isVisible).map(javafx.scene.control.Button.class::cast)
                .map(b -> b.getText() + (shownWhole(b) ? "" : " (cut to " + DrawnText.drawn(b) + ")")).toList())
                .get(10, TimeUnit.SECONDS);
    }

    /** Whether the button's label is drawn whole (on one line or wrapped), not cut to an ellipsis. */
    private static boolean shownWhole(javafx.scene.control.Button button) {
        return DrawnText.drawn(button).equals(button.getText());
    }
}
