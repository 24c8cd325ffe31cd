package pos.app.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.Wiring;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;

/**
 * Issue 12 point 5 on a 1024×768 screen (pos-app's small-screen execution, like {@code SecondaryWindowsSmallScreenTest}):
 * the drawer count of the euro's 15 notes and coins, its totals and the "Make the Z" button all show inside the shift
 * window. Skipped in the default execution (1280×800).
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("The shift screen's drawer count fits a 1024×768 screen (issue 12)")
class ShiftScreenSmallScreenTest {

    @TempDir
    Path dataDir;

    Wiring wiring;
    Stage main;

    @BeforeAll
    static void onlyOnTheSmallScreen() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("pos.test.smallScreen"),
                "runs in pos-app's small-screen execution, whose headless screen is 1024×768");
    }

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(), Map.of("pos.data.dir", dataDir.toString(),
                "pos.demo", "true", "pos.signin", "off"), dataDir);
        Wiring.applyTheme();
        wiring = Wiring.start(config);
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
    @DisplayName("counting the drawer: every count field, the totals and the Z button are inside the window")
    void theCountFits(FxRobot robot) throws Exception {
        Stage window = WaitForAsyncUtils.asyncFx(() -> wiring.shifts().open(main)).get(10, TimeUnit.SECONDS);
        robot.targetWindow(window);
        await().atMost(Duration.ofSeconds(10)).until(onFx(() -> robot.lookup(".shift-amount").query().isFocused()));
        robot.write("100");
        robot.type(KeyCode.ENTER);
        Label headline = robot.lookup(".shift-headline").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(10)).until(onFx(() -> headline.getText().startsWith("Shift open")));
        robot.push(KeyCode.F9);
        await().atMost(Duration.ofSeconds(10)).until(onFx(() -> robot.lookup(".shift-z").query().isVisible()));
        WaitForAsyncUtils.waitForFxEvents();

        Scene scene = window.getScene();
        assertThat(robot.lookup(".count-field").queryAll()).hasSize(15);
        for (Node node : robot.lookup(".count-field").queryAll()) {
            assertInside(scene, node);
        }
        assertInside(scene, robot.lookup(".shift-variance").query());
        assertInside(scene, robot.lookup(".shift-z").query());
        assertInside(scene, robot.lookup(".shift-reason").query());
    }

    private static void assertInside(Scene scene, Node node) throws Exception {
        Bounds b = WaitForAsyncUtils.asyncFx(() -> node.localToScene(node.getBoundsInLocal())).get(10, TimeUnit.SECONDS);
        assertThat(b.getMaxY()).as(node.getStyleClass() + " bottom").isLessThanOrEqualTo(scene.getHeight());
        assertThat(b.getMaxX()).as(node.getStyleClass() + " right").isLessThanOrEqualTo(scene.getWidth());
    }
}
