package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
import pos.app.testing.DrawnText;

/**
 * Issue 12 through the till's real window (headless, Monocle) at 1024x768: the day's new actions are buttons under
 * the cart, each showing its whole label with its shortcut, and a button does what its key does (returns, the shift
 * screen, park, the parked sales); the style rule "every button shows its keyboard shortcut".
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("Issue 12: returns, shift, no sale, park, parked sales and printer as buttons with their shortcuts")
class TillActionButtonsFlowTest {

    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    static Path dataDir;

    Wiring wiring;
    Scene scene;

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "buttons-till", "pos.scanner.maxGapMs", "150",
                        "pos.demo", "true"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        scene = new Scene(wiring.sellScreen(), 1024, 768);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("at 1024x768 every button shows its whole label with its shortcut; each does what its key does")
    void buttonsShowTheirShortcutsAndDoWhatTheKeysDo(FxRobot robot) throws Exception {
        List<String> labels = readOnFx(() -> robot.lookup(".till-actions .button").queryAllAs(Button.class).stream()
                .filter(Node::isVisible).map(b -> b.getText() + (shownWhole(b) ? "" : " (cut)")).toList());
        assertThat(labels).containsExactly("Returns (Ctrl+U)", "Shift (Ctrl+S)", "No sale (Ctrl+N)", "Park (Ctrl+H)",
                "Parked sales (Ctrl+Shift+H)", "Set-up (Ctrl+G)", "Printer (Ctrl+Shift+P)"); // issue 14: the set-up again
        assertThat(readOnFx(() -> robot.lookup(".grid-actions .button").queryAllAs(Button.class).stream()
                .filter(Node::isVisible).map(Button::getText).toList())).as("the search moved to Ctrl+F and says so")
                .contains("Find (Ctrl+F)");
        assertThat(DrawnText.entryHint(scene.getRoot())).as("without the camera the entry field's whole hint fits")
                .isEqualTo("Scan, or type a code or name (F2) \u00b7 12* then scan");

        // Shift (Ctrl+S): the shift screen opens, asking for the float; Esc leaves it
        robot.clickOn("Shift (Ctrl+S)");
        await("the shift screen opens").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> window("shift").isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.targetWindow(window("shift").orElseThrow());
        robot.type(KeyCode.ESCAPE);
        await("Esc leaves the shift screen").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> window("shift").isEmpty()));
        robot.targetWindow(scene.getWindow());

        // Park (Ctrl+H): the sale on the counter is parked, the counter is free
        for (char c : TillFlowTest.MILK_EAN.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        await("the milk is in the cart").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().currentSale().lines().size() == 1));
        String parked = readOnFx(() -> wiring.sellModel().currentSale().id().value());
        robot.clickOn("Park (Ctrl+H)");
        await("the sale is parked").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().currentSale().isEmpty() && wiring.recovery().parked().size() == 1));

        // Parked sales (Ctrl+Shift+H): the list opens; Enter recalls the sale
        robot.clickOn("Parked sales (Ctrl+Shift+H)");
        await("the parked sales open").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> window("recovery").isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.targetWindow(window("recovery").orElseThrow());
        robot.type(KeyCode.ENTER);
        await("the sale is back on the counter").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().currentSale().id().value().equals(parked)));
        robot.targetWindow(scene.getWindow());

        // Returns (Ctrl+U): the returns screen shows over the sell screen
        robot.clickOn("Returns (Ctrl+U)");
        await("the returns screen shows").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> wiring.returnsModel().shownProperty().get()));
    }

    /** Whether the button's label is shown whole (not cut to an ellipsis). */
    private static boolean shownWhole(Button button) {
        return DrawnText.drawn(button).equals(button.getText());
    }

    private static Optional<Window> window(String rootStyle) {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                && w.getScene().getRoot().getStyleClass().contains(rootStyle)).findFirst();
    }
}
