package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
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
import pos.app.checkout.CheckoutState;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.core.rules.CardSpending;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleSpec;

/**
 * Issue 11 defect 2, the age check through the till's real window (headless), keyboard only: an
 * age-restricted scan says at once to check the age; a cash payment stopped by the rule says nothing
 * was taken; after Fix (Alt+1) the age box shows a focus ring, Space ticks it, Enter pays (R13–R15).
 * The store's age rule ("alcohol-age" of assets/rules/default-rules.json) without its sale hours, so
 * the test does not depend on the time of day.
 */
@ExtendWith(ApplicationExtension.class)
class TillAgeCheckDefectsFlowTest {

    /** Sample catalog: "1056,4093705438021,Lager beer 0.5 L,569,STD,PIECE,,alcohol". */
    static final String BEER_EAN = "4093705438021";
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    /** Per test: an open sale now survives a restart of the till (issue 12.7), so each test starts a till of its own. */
    @TempDir
    Path dataDir;

    Wiring wiring;

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "test-till", "pos.scanner.maxGapMs", "150",
                        "pos.demo", "true"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        RuleBase ageOnly = RuleRegistry.builtIn().compile(new RuleBaseDefinition(1, List.of(), List.of(
                new RuleSpec("alcohol-age", "age_restricted", Map.of("categories", List.of("alcohol"), "min_age", 18)))));
        wiring.sellModel().useRules(() -> ageOnly, CardSpending.none(), "store-1");
        Scene scene = new Scene(wiring.sellScreen(), 1024, 768);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("issue 11 defect 2, R15: scanning an age-restricted item says at once, on the message line, to check the age")
    void defect2_anAgeRestrictedScanSaysCheckTheAgeAtOnce(FxRobot robot) {
        scanBurst(robot, BEER_EAN);
        Label message = robot.lookup(".message").queryAs(Label.class);
        assertThat(message.getText()).startsWith("Check the customer's age: Lager beer 0.5 L").contains("18");
        assertThat(message.getStyleClass()).contains("warning");
        assertThat(visibleAgeBox(robot)).as("the age box shows before any payment").isNotNull();
        assertThat(popupTitle(robot)).as("non-modal: no popup").isNull();
    }

    @Test
    @DisplayName("issue 11 defect 2, R13 R15: cash stopped by the age rule says nothing was taken; Alt+1 rings the box; Space ticks, Enter pays")
    void defect2_cashStoppedByTheAgeRuleThenFixSpaceEnterPays(FxRobot robot) throws Exception {
        scanBurst(robot, BEER_EAN);
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        slowType(robot, "10");
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> popupTitle(robot) != null);
        assertThat(popupTitle(robot).getText()).isEqualTo(TEXT.getString("check.title.cash")).doesNotContain("sent");
        assertThat(robot.lookup(".message").queryAs(Label.class).getText()).doesNotContain("not sent");

        CheckBox box = visibleAgeBox(robot);
        WritableImage unfocused = WaitForAsyncUtils.asyncFx(() -> box.snapshot(null, null)).get(5, TimeUnit.SECONDS);
        altDigit(robot, KeyCode.DIGIT1);
        assertThat(box.getScene().getFocusOwner()).isSameAs(box);
        WritableImage focused = WaitForAsyncUtils.asyncFx(() -> box.snapshot(null, null)).get(5, TimeUnit.SECONDS);
        assertThat(changedPixels(unfocused, focused)).as("a visible focus ring: changed pixels of a %sx%s box",
                box.getWidth(), box.getHeight()).isGreaterThan((int) (2 * (box.getWidth() + box.getHeight())));

        // Enter on the unticked box does not tick it: it tries to pay, and the rule stops it again
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> popupTitle(robot) != null);
        assertThat(box.isSelected()).as("Enter does not tick the box").isFalse();
        assertThat(popupTitle(robot)).as("the rule stopped the payment again").isNotNull();
        assertThat(wiring.sellModel().stateProperty().get()).isEqualTo(CheckoutState.CASH);

        altDigit(robot, KeyCode.DIGIT1);
        robot.push(KeyCode.SPACE);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(box.isSelected()).as("Space ticks the box").isTrue());
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> wiring.sellModel().stateProperty().get() == CheckoutState.PAID);
        assertThat(wiring.journal().find(wiring.sellModel().currentSale().id().value())).isPresent();
    }

    private static CheckBox visibleAgeBox(FxRobot robot) {
        return robot.lookup(".age-check").queryAllAs(CheckBox.class).stream().filter(Node::isVisible)
                .filter(b -> b.getParent() != null && b.getParent().isVisible()).findFirst().orElse(null);
    }

    private static Label popupTitle(FxRobot robot) {
        return robot.lookup(".popup-title").queryAllAs(Label.class).stream()
                .filter(l -> l.getParent().getParent() != null && l.getParent().getParent().isVisible()
                        && l.getParent().isVisible()).findFirst().orElse(null);
    }

    private static int changedPixels(WritableImage a, WritableImage b) {
        int w = (int) Math.min(a.getWidth(), b.getWidth());
        int h = (int) Math.min(a.getHeight(), b.getHeight());
        PixelReader pa = a.getPixelReader();
        PixelReader pb = b.getPixelReader();
        int changed = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (pa.getArgb(x, y) != pb.getArgb(x, y)) {
                    changed++;
                }
            }
        }
        return changed;
    }

    private static void altDigit(FxRobot robot, KeyCode digit) {
        robot.press(KeyCode.ALT).type(digit).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void slowType(FxRobot robot, String text) {
        for (char c : text.toCharArray()) {
            robot.write(c);
            robot.sleep(330);
        }
    }

    private static void scanBurst(FxRobot robot, String code) {
        for (char c : code.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
