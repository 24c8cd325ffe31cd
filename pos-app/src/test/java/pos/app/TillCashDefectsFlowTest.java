package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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

/**
 * Issue 11, the cash panel in the till's real window at 1024×768 (headless Monocle), keyboard
 * only: an implausible tender is confirmed in the panel itself and its change shown in full
 * (defect 13), and the message line follows the amount as it is typed (defects 12, 14).
 */
@ExtendWith(ApplicationExtension.class)
class TillCashDefectsFlowTest {

    static final String MILK_EAN = TillFlowTest.MILK_EAN; // €5.09

    @TempDir
    static Path dataDir;

    Wiring wiring;
    Scene scene;

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "cash-till", "pos.scanner.maxGapMs", "150",
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
    void defect13_anImplausibleCashTenderIsConfirmedInThePanelAndItsChangeIsShownInFull(FxRobot robot) {
        openCashForMilk(robot);
        typeLikeAPerson(robot, "2147483648");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(state()).as("not taken at the first Enter").isEqualTo(CheckoutState.CASH);
        String saleId = wiring.sellModel().currentSale().id().value();
        assertThat(wiring.journal().find(saleId)).as("nothing journaled yet").isEmpty();
        Node confirm = robot.lookup(".tender-confirm").query();
        assertThat(confirm).as("the question is in the cash panel, no dialog").isNotNull();
        assertThat(confirm.isVisible()).isTrue();
        assertOnScreen(confirm);
        assertThat(robot.lookup(".tender-confirm-detail").queryAs(Label.class).getText())
                .contains("€2,147,483,648.00").contains("€2,147,483,642.91").contains("Enter").contains("Esc");
        assertOnScreen(robot.lookup(".tender-pane .pay").queryAs(Button.class));
        assertShownInFull(robot.lookup(".tender-change").queryAs(Label.class), "€2,147,483,642.91");
        assertThat(robot.lookup(".message").queryAs(Label.class).getText()).contains("Check the amount");

        robot.push(KeyCode.ENTER); // the clerk means it
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == CheckoutState.PAID);

        assertThat(wiring.journal().find(saleId)).hasValueSatisfying(r -> assertThat(r.tenders().get(0).changeMinor())
                .isEqualTo(214_748_364_291L));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(confirm.isVisible()).isFalse();
        assertShownInFull(robot.lookup(".tender-change").queryAs(Label.class), "€2,147,483,642.91");
    }

    @Test
    void defect13_escInTheConfirmationGoesBackToTheAmountAndTypingReplacesIt(FxRobot robot) {
        openCashForMilk(robot);
        typeLikeAPerson(robot, "2147483648");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Node confirm = robot.lookup(".tender-confirm").query();
        assertThat(confirm).isNotNull();
        assertThat(confirm.isVisible()).isTrue();

        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(state()).as("Esc corrects the amount, the cash panel stays").isEqualTo(CheckoutState.CASH);
        assertThat(confirm.isVisible()).isFalse();
        TextField tendered = robot.lookup(".tender-field").queryAs(TextField.class);
        assertThat(tendered.isFocused()).isTrue();
        assertThat(tendered.getSelectedText()).isEqualTo("2147483648");

        typeLikeAPerson(robot, "10");
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == CheckoutState.PAID);
        assertThat(wiring.sellModel().cash().changeTextProperty().get()).isEqualTo("€4.91");
        String saleId = wiring.sellModel().currentSale().id().value();
        assertThat(wiring.journal().find(saleId)).hasValueSatisfying(r -> assertThat(r.tenders().get(0).changeMinor())
                .isEqualTo(491));
    }

    @Test
    void defect12_defect14_theRedLineAboutTheAmountGoesAsSoonAsTheClerkTypesAnAmountThatWorks(FxRobot robot) {
        openCashForMilk(robot);
        typeLikeAPerson(robot, "4.50");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Label message = robot.lookup(".message").queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("€0.59 more needed.");
        assertThat(message.getStyleClass()).contains("error");

        robot.push(KeyCode.CONTROL, KeyCode.A);
        typeLikeAPerson(robot, "20");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup(".tender-change").queryAs(Label.class).getText()).isEqualTo("€14.91");
        assertThat(message.getText()).doesNotContain("more needed").contains("€14.91");
        assertThat(message.getStyleClass()).doesNotContain("error");
    }

    private void openCashForMilk(FxRobot robot) {
        robot.interact(() -> wiring.sellModel().handleScan(MILK_EAN));
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(state()).isEqualTo(CheckoutState.CASH);
        assertThat(robot.lookup(".tender-field").queryAs(TextField.class).isFocused()).isTrue();
    }

    /** A person's pace: far slower than the scanner gap, so never a burst. */
    private static void typeLikeAPerson(FxRobot robot, String keys) {
        for (char c : keys.toCharArray()) {
            robot.write(c);
            robot.sleep(170);
        }
    }

    private CheckoutState state() {
        return wiring.sellModel().stateProperty().get();
    }

    /** The label's text as drawn equals the whole text: nothing cut to "…". */
    private static void assertShownInFull(Label label, String expected) {
        assertThat(label.getText()).isEqualTo(expected);
        Text drawn = (Text) label.lookup(".text");
        assertThat(drawn.getText()).as("drawn text").isEqualTo(expected);
        assertOnScreen(label);
    }

    private static void assertOnScreen(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        Scene scene = node.getScene();
        assertThat(b.getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(b.getMinY()).isGreaterThanOrEqualTo(0);
        assertThat(b.getMaxX()).isLessThanOrEqualTo(scene.getWidth());
        assertThat(b.getMaxY()).isLessThanOrEqualTo(scene.getHeight());
    }
}
