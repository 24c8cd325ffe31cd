package pos.device.wedge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.BaseRobot;
import org.testfx.util.WaitForAsyncUtils;

import pos.core.device.ScanEvent;

/**
 * The scene filter reads what the focused control expects (its {@code expects} property, or its
 * nearest ancestor's) and gives a burst that cannot be a code there back to it as typing, Enter
 * included. Real scene (headless Monocle), keys through the glass robot {@value #BURST_PACE_MILLIS} ms
 * apart: as fast as a scanner, or as a clerk's keys queued behind a stalled JavaFX thread.
 */
@ExtendWith(ApplicationExtension.class)
class WedgeFieldExpectationFxTest {

    /** Wide, as in KeyboardWedgeScannerTest: the robot's keys may be descheduled on a busy machine. */
    private static final Duration TEST_GAP = Duration.ofMillis(80);
    private static final long BURST_PACE_MILLIS = 8;
    private static final String EAN_13 = "4006381333931";

    private final List<ScanEvent> scans = new CopyOnWriteArrayList<>();
    private final AtomicInteger amountEntered = new AtomicInteger();
    private final AtomicInteger pinEntered = new AtomicInteger();
    private TextField codeField;
    private TextField amountField;
    private TextField pinField;
    private Button handOver;
    private final AtomicInteger codeEntered = new AtomicInteger();

    @Start
    void start(Stage stage) {
        codeField = new TextField();
        amountField = new TextField();
        amountField.getProperties().put(FieldExpectation.PROPERTY, "amount");
        amountField.setOnAction(action -> amountEntered.incrementAndGet());
        pinField = new TextField();
        pinField.setOnAction(action -> pinEntered.incrementAndGet());
        codeField.setOnAction(action -> codeEntered.incrementAndGet());
        // like the sell screen's cart: a key typed here goes on in the code field
        handOver = new Button("cart");
        handOver.addEventHandler(KeyEvent.KEY_TYPED, typed -> {
            codeField.requestFocus();
            codeField.appendText(typed.getCharacter());
            typed.consume();
        });
        VBox pinPad = new VBox(pinField);
        pinPad.getProperties().put(FieldExpectation.PROPERTY, "pin");
        Scene scene = new Scene(new VBox(8, codeField, amountField, pinPad, handOver), 320, 200);
        KeyboardWedgeScanner scanner = new KeyboardWedgeScanner(WedgeScannerSettings.defaults().withMaxInterKeyGap(TEST_GAP));
        scanner.onScan(scans::add);
        scanner.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    @DisplayName("R1 DESIGN §7 digits and Enter in a burst into an amount field are the clerk's typing: the field gets the digits and the Enter")
    void aBurstOfDigitsIntoAnAmountFieldIsTyping(FxRobot robot) {
        robot.interact(amountField::requestFocus);

        burst(robot, "100000", KeyCode.ENTER);

        assertThat(text(amountField)).isEqualTo("100000");
        assertThat(amountEntered).as("the Enter reached the amount field").hasValue(1);
        assertThat(scans).isEmpty();
    }

    @Test
    @DisplayName("R1 a product's EAN-13 scanned into an amount field is still a scan and leaves the field alone")
    void aValidEanIntoAnAmountFieldIsAScan(FxRobot robot) {
        robot.interact(amountField::requestFocus);

        burst(robot, EAN_13, KeyCode.ENTER);

        assertThat(scans).extracting(ScanEvent::code).containsExactly(EAN_13);
        assertThat(text(amountField)).isEmpty();
        assertThat(amountEntered).hasValue(0);
    }

    @Test
    @DisplayName("a pane's expects property covers the field in it: a PIN typed in a burst stays a PIN")
    void anAncestorsExpectationCoversTheFocusedField(FxRobot robot) {
        robot.interact(pinField::requestFocus);

        burst(robot, "123456", KeyCode.ENTER);

        assertThat(text(pinField)).isEqualTo("123456");
        assertThat(pinEntered).hasValue(1);
        assertThat(scans).isEmpty();
    }

    @Test
    @DisplayName("R1 in an unmarked field a burst of GTIN length with a wrong check digit is typing, a right one a scan")
    void anUnmarkedFieldIsACodeFieldThatRefusesWrongCheckDigits(FxRobot robot) {
        robot.interact(codeField::requestFocus);

        burst(robot, "4006381333932", KeyCode.ENTER);
        String typed = text(codeField);
        robot.interact(codeField::clear);
        burst(robot, EAN_13, KeyCode.ENTER);

        assertThat(typed).isEqualTo("4006381333932");
        assertThat(scans).extracting(ScanEvent::code).containsExactly(EAN_13);
        assertThat(text(codeField)).isEmpty();
    }

    @Test
    @DisplayName("keys given back that move the focus take the Enter after them along: it reaches the field they went to")
    void theTerminatorFollowsTypingThatMovedTheFocus(FxRobot robot) {
        robot.interact(handOver::requestFocus);

        burst(robot, "4006381333932", KeyCode.ENTER);

        assertThat(text(codeField)).isEqualTo("4006381333932");
        assertThat(codeEntered).as("the Enter reached the field the typing moved to").hasValue(1);
        assertThat(scans).isEmpty();
    }

    /** Sends each character as a real key press and release, {@value #BURST_PACE_MILLIS} ms apart, then the terminator. */
    private static void burst(FxRobot robot, String text, KeyCode terminator) {
        BaseRobot keyboard = robot.robotContext().getBaseRobot();
        for (char character : text.toCharArray()) {
            KeyCode key = KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(character)));
            keyboard.pressKeyboard(key);
            keyboard.releaseKeyboard(key);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BURST_PACE_MILLIS));
        }
        keyboard.pressKeyboard(terminator);
        keyboard.releaseKeyboard(terminator);
        WaitForAsyncUtils.waitForFxEvents();
        // anything wrongly held back would leak out after the gap
        LockSupport.parkNanos(TEST_GAP.multipliedBy(3).toNanos());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(TextField field) {
        try {
            return WaitForAsyncUtils.asyncFx((Callable<String>) field::getText).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read from the JavaFX thread", e);
        }
    }
}
