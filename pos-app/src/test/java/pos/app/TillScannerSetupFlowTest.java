package pos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
import pos.app.scanner.LearnedScannerFile;
import pos.app.checkout.CheckoutState;

/**
 * The scanner set-up through the till's real window (headless Monocle): Ctrl+J on the sell screen,
 * the scanner reads the code shown with its prefix, Ctrl+S keeps it; from then on the till's scanner
 * needs the prefix, so even digits that make a valid EAN, typed fast into the cash field, stay typing.
 */
@ExtendWith(ApplicationExtension.class)
class TillScannerSetupFlowTest {

    static final String MILK_EAN = TillFlowTest.MILK_EAN;
    /** A prefix the robot can type without Shift: what a scanner set to send "qx" before each code sends. */
    static final String PREFIX = "qx";

    @TempDir
    static Path dataDir;

    Wiring wiring;
    Stage mainStage;
    final List<String> scans = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "setup-till", "pos.demo", "true",
                        "pos.scanner.maxGapMs", "150"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        wiring.scanner().onScan(scan -> scans.add(scan.code()));
        Scene scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
        mainStage = stage;
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Window.getWindows().stream().filter(w -> w != mainStage).toList().forEach(Window::hide);
            wiring.close();
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("R1 DESIGN §7 Ctrl+J, scan the code shown: the prefix is learned, kept in scanner.properties and used at once")
    void theSetUpLearnsTheScannersPrefix(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).press(KeyCode.J).release(KeyCode.J).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Label code = robot.lookup(".barcode-text").queryAs(Label.class);
        assertThat(code).as("the set-up window is open").isNotNull();
        assertThat(robot.lookup(".scanner-setup .image-view").queryAs(javafx.scene.image.ImageView.class).getImage())
                .isNotNull();

        PacedKeys keys = new PacedKeys(robot);
        sendWithShift(keys, PREFIX + code.getText());
        keys.key(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        Label learned = robot.lookup(".scanner-setup .learned").queryAs(Label.class);
        // the burst ends on the scanner's gap timer: on a busy machine that comes a little later
        org.awaitility.Awaitility.await("the set-up's learned lines").atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(learned.getText()).contains("Before each code: \u201cqx\u201d")
                        .contains("Ends each code with: Enter"));
        robot.press(KeyCode.CONTROL).press(KeyCode.S).release(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> new LearnedScannerFile(dataDir).saved().isPresent());
        assertThat(new LearnedScannerFile(dataDir).saved()).hasValueSatisfying(kept -> assertThat(kept.prefix()).isEqualTo(PREFIX));
        assertThat(wiring.scanner().settings().prefix()).isEqualTo(PREFIX);
        assertThat(scans).as("the set-up's keys never reached the till's scanner").isEmpty();
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        // with the prefix, a scan carries it; fast digits without it stay typing, even a valid EAN
        keys.type(PREFIX + MILK_EAN, 8, KeyCode.ENTER);
        awaitCartSize(1);
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().stateProperty().get()).isEqualTo(CheckoutState.CASH);
        keys.type("4098369006029", 8, null);
        PacedKeys.pause(450);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".tender-field").queryAs(TextField.class).getText()).isEqualTo("4098369006029");
        assertThat(scans).containsExactly(MILK_EAN);
    }

    /** Letters as a scanner sends them: capitals with Shift; the hyphen with its own key. */
    private static void sendWithShift(PacedKeys keys, String text) {
        for (char c : text.toCharArray()) {
            if (c == '-') {
                keys.key(KeyCode.MINUS);
            } else if (Character.isUpperCase(c)) {
                keys.shifted(c);
            } else {
                keys.key(c);
            }
            PacedKeys.pause(8);
        }
    }

    private void awaitCartSize(int size) throws TimeoutException {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> wiring.sellModel().cart().rows().size() == size);
    }
}
