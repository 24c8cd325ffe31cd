package pos.device.wedge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import javafx.event.Event;
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
 * The scanner on a real (headless Monocle) scene, keys sent through TestFX's robots.
 *
 * <p>Scanner bursts go through the glass robot key by key, {@value #SCANNER_PACE_MILLIS} ms apart like
 * a real scanner, so the scene gets KEY_PRESSED, KEY_TYPED and KEY_RELEASED with real key codes.
 * Why the gap is {@code TEST_GAP} and not the 35 ms default: the robot queues each key to the JavaFX
 * thread from the test thread, and on a busy 2-core machine that thread may be descheduled for tens
 * of milliseconds. A person's typing goes through {@code robot.write} at {@value #PERSON_PACE_MILLIS}
 * ms per key (plus the robot's own ~50 ms wait), far above the gap.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardWedgeScannerTest {

    private static final Duration TEST_GAP = Duration.ofMillis(80);
    private static final long SCANNER_PACE_MILLIS = 8;
    private static final int PERSON_PACE_MILLIS = 250;
    private static final String EAN_13 = "4006381333931";

    private final List<ScanEvent> scans = new CopyOnWriteArrayList<>();
    private final List<RejectedScan> rejections = new CopyOnWriteArrayList<>();
    private final List<KeyEvent> keysAtField = new CopyOnWriteArrayList<>();
    private final List<KeyEvent> keysAtButton = new CopyOnWriteArrayList<>();
    private final List<Long> pressedAtNanos = new CopyOnWriteArrayList<>();
    private final AtomicInteger payPressed = new AtomicInteger();
    private final AtomicReference<String> textWhileHeld = new AtomicReference<>();

    private KeyboardWedgeScanner scanner;
    private TextField codeField;
    private Button payButton;

    @Start
    void start(Stage stage) {
        codeField = new TextField();
        payButton = new Button("Pay");
        // a leaked Enter would press the default button from anywhere in the scene
        payButton.setDefaultButton(true);
        payButton.setOnAction(action -> payPressed.incrementAndGet());
        codeField.addEventFilter(KeyEvent.ANY, keysAtField::add);
        payButton.addEventFilter(KeyEvent.ANY, keysAtButton::add);
        Scene scene = new Scene(new VBox(8, codeField, payButton), 320, 120);
        stage.addEventFilter(KeyEvent.KEY_PRESSED, pressed -> pressedAtNanos.add(System.nanoTime()));

        scanner = new KeyboardWedgeScanner(WedgeScannerSettings.defaults().withMaxInterKeyGap(TEST_GAP));
        scanner.onScan(scans::add);
        scanner.onRejected(rejections::add);
        scanner.install(scene);

        stage.setScene(scene);
        stage.show();
        codeField.requestFocus();
    }

    @Test
    @DisplayName("R1 a scan with the text field focused reaches the listener and leaves the field untouched")
    void aScanWithTheTextFieldFocusedLeavesTheFieldEmpty(FxRobot robot) {
        robot.interact(codeField::requestFocus);

        scanLikeAScanner(robot, EAN_13, KeyCode.ENTER);
        waitLongerThanTheGap();

        assertThat(scans).as(gapsSeen()).extracting(ScanEvent::code).containsExactly(EAN_13);
        assertThat(scans.get(0).source()).isEqualTo(KeyboardWedgeScanner.DEFAULT_NAME);
        assertThat(fieldText()).isEmpty();
        assertThat(keysAtField).as("key events of the scan that reached the field").isEmpty();
        assertThat(payPressed).as("the scan's Enter must not press the default button").hasValue(0);
    }

    @Test
    @DisplayName("R1 a scan with a button focused reaches the listener and does not press the button")
    void aScanWithAButtonFocusedDoesNotPressIt(FxRobot robot) {
        robot.interact(payButton::requestFocus);

        scanLikeAScanner(robot, EAN_13, KeyCode.ENTER);
        waitLongerThanTheGap();

        assertThat(scans).as(gapsSeen()).extracting(ScanEvent::code).containsExactly(EAN_13);
        assertThat(keysAtButton).as("key events of the scan that reached the button").isEmpty();
        assertThat(payPressed).hasValue(0);
        assertThat(KeyboardWedgeScannerTest.<Boolean>onFx(payButton::isFocused)).isTrue();
        assertThat(fieldText()).isEmpty();
    }

    @Test
    @DisplayName("a person typing slowly sees every character in the field, and their Enter still works")
    void slowTypingLandsInTheFieldAndIsNoScan(FxRobot robot) {
        robot.interact(codeField::requestFocus);

        robot.write("hello", PERSON_PACE_MILLIS);
        awaitFieldText("hello");
        robot.sleep(PERSON_PACE_MILLIS);
        robot.type(KeyCode.ENTER);
        waitLongerThanTheGap();

        assertThat(fieldText()).isEqualTo("hello");
        assertThat(typedAtField()).isEqualTo("hello");
        assertThat(keysAtField).as("the person's Enter reached the field")
                .anyMatch(key -> key.getEventType() == KeyEvent.KEY_PRESSED && key.getCode() == KeyCode.ENTER);
        assertThat(scans).isEmpty();
        assertThat(payPressed).as("a person's Enter presses the default button").hasValue(1);
    }

    @Test
    @DisplayName("a person's Tab and Shift+Tab still move the focus")
    void aPersonsTabStillMovesTheFocus(FxRobot robot) {
        robot.interact(codeField::requestFocus);

        robot.type(KeyCode.TAB);
        boolean buttonFocusedAfterTab = KeyboardWedgeScannerTest.<Boolean>onFx(payButton::isFocused);
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        boolean fieldFocusedAfterShiftTab = KeyboardWedgeScannerTest.<Boolean>onFx(codeField::isFocused);

        assertThat(buttonFocusedAfterTab).isTrue();
        assertThat(fieldFocusedAfterShiftTab).isTrue();
        assertThat(scans).isEmpty();
    }

    @Test
    @DisplayName("a fast burst without a terminator is given back to the field as typing")
    void aBurstWithoutTerminatorIsTypedIntoTheField(FxRobot robot) {
        robot.interact(codeField::requestFocus);

        scanLikeAScanner(robot, "40063813", null);

        awaitFieldText("40063813");
        assertThat(scans).isEmpty();
        assertThat(typedAtField()).isEqualTo("40063813");
    }

    @Test
    @DisplayName("a single key appears in the field without waiting for the next key")
    void aSingleKeyAppearsOnItsOwn(FxRobot robot) {
        robot.interact(codeField::requestFocus);
        long before = System.nanoTime();

        robot.type(KeyCode.X);
        awaitFieldText("x");

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(scans).isEmpty();
    }

    @Test
    @DisplayName("Bad input: an over-long burst is swallowed and reported, and the next scan works")
    void anOverLongBurstIsRejectedAndTheNextScanWorks(FxRobot robot) {
        robot.interact(codeField::requestFocus);

        scanLikeAScanner(robot, "1234567890".repeat(7), KeyCode.ENTER);
        waitLongerThanTheGap();
        scanLikeAScanner(robot, EAN_13, KeyCode.ENTER);
        waitLongerThanTheGap();

        assertThat(rejections).as(gapsSeen()).extracting(RejectedScan::reason, RejectedScan::length)
                .containsExactly(tuple(RejectReason.TOO_LONG, 70));
        assertThat(scans).extracting(ScanEvent::code).containsExactly(EAN_13);
        assertThat(fieldText()).isEmpty();
        assertThat(payPressed).hasValue(0);
    }

    @Test
    @DisplayName("R1 a scan ended by Tab is taken and the focus stays where it was")
    void aScanEndedByTabKeepsTheFocus(FxRobot robot) {
        robot.interact(codeField::requestFocus);

        scanLikeAScanner(robot, EAN_13, KeyCode.TAB);
        waitLongerThanTheGap();

        assertThat(scans).as(gapsSeen()).extracting(ScanEvent::code).containsExactly(EAN_13);
        assertThat(KeyboardWedgeScannerTest.<Boolean>onFx(codeField::isFocused)).as("Tab must not move the focus").isTrue();
        assertThat(keysAtField).isEmpty();
    }

    @Test
    @DisplayName("a failing listener neither stops the others nor lets the scan leak, and a closed one hears nothing")
    void aFailingListenerDoesNotBreakTheScan(FxRobot robot) {
        List<ScanEvent> closedListenerHeard = new CopyOnWriteArrayList<>();
        scanner.onScan(closedListenerHeard::add).close();
        scanner.onScan(scan -> {
            throw new IllegalStateException("listener bug (expected in this test)");
        });
        List<ScanEvent> laterListenerHeard = new CopyOnWriteArrayList<>();
        scanner.onScan(laterListenerHeard::add);
        robot.interact(codeField::requestFocus);

        scanLikeAScanner(robot, EAN_13, KeyCode.ENTER);
        waitLongerThanTheGap();

        assertThat(laterListenerHeard).as(gapsSeen()).extracting(ScanEvent::code).containsExactly(EAN_13);
        assertThat(closedListenerHeard).isEmpty();
        assertThat(fieldText()).isEmpty();
        assertThat(payPressed).hasValue(0);
    }

    @Test
    @DisplayName("once uninstalled the scanner takes nothing and keys go straight to the field")
    void afterUninstallKeysGoStraightToTheField(FxRobot robot) {
        robot.interact(codeField::requestFocus);
        robot.interact(() -> scanner.uninstall());

        scanLikeAScanner(robot, "40063813", KeyCode.ENTER);
        waitLongerThanTheGap();

        assertThat(fieldText()).isEqualTo("40063813");
        assertThat(scans).isEmpty();
        assertThat(payPressed).as("the Enter was a plain key again").hasValue(1);
    }

    @Test
    @DisplayName("uninstalling gives keys still held back to the focused field")
    void uninstallingGivesBackHeldKeys(FxRobot robot) {
        robot.interact(codeField::requestFocus);

        // one runnable on the JavaFX thread: no timer can release the keys before the uninstall
        robot.interact(() -> {
            for (String character : List.of("4", "0")) {
                KeyCode code = KeyCode.getKeyCode(character);
                Event.fireEvent(codeField, new KeyEvent(KeyEvent.KEY_PRESSED, "", character, code, false, false, false, false));
                Event.fireEvent(codeField, new KeyEvent(KeyEvent.KEY_TYPED, character, "", KeyCode.UNDEFINED, false, false, false, false));
                Event.fireEvent(codeField, new KeyEvent(KeyEvent.KEY_RELEASED, "", character, code, false, false, false, false));
            }
            textWhileHeld.set(codeField.getText());
            scanner.uninstall();
        });

        assertThat(textWhileHeld.get()).as("the keys were held before the uninstall").isEmpty();
        assertThat(fieldText()).isEqualTo("40");
        assertThat(typedAtField()).isEqualTo("40");
    }

    @Test
    @DisplayName("R1 reconfigured with a prefix, the scanner takes only bursts that carry it, and gives the rest back as typing")
    void reconfiguringTakesEffectOnTheInstalledScene(FxRobot robot) {
        robot.interact(codeField::requestFocus);
        robot.interact(() -> scanner.reconfigure(scanner.settings().withPrefix("qx")));

        scanLikeAScanner(robot, EAN_13, KeyCode.ENTER);
        waitLongerThanTheGap();
        String typed = fieldText();
        robot.interact(codeField::clear);
        scanLikeAScanner(robot, "qx" + EAN_13, KeyCode.ENTER);
        waitLongerThanTheGap();

        assertThat(typed).as("without the prefix: typing").isEqualTo(EAN_13);
        assertThat(scans).as(gapsSeen()).extracting(ScanEvent::code).containsExactly(EAN_13);
        assertThat(fieldText()).isEmpty();
        assertThat(scanner.settings().prefix()).isEqualTo("qx");
        assertThat(KeyboardWedgeScannerTest.<Boolean>onFx(() -> scanner.isInstalled(codeField.getScene()))).isTrue();
    }

    @Test
    void installingOffTheJavaFxThreadIsRefused() {
        Scene scene = onFx(() -> codeField.getScene());

        assertThatThrownBy(() -> scanner.install(scene))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JavaFX application thread");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Sends each character as a real key press and release, {@value #SCANNER_PACE_MILLIS} ms apart. */
    private void scanLikeAScanner(FxRobot robot, String code, KeyCode terminator) {
        BaseRobot keyboard = robot.robotContext().getBaseRobot();
        pressedAtNanos.clear();
        for (char character : code.toCharArray()) {
            KeyCode key = KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(character)));
            keyboard.pressKeyboard(key);
            keyboard.releaseKeyboard(key);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SCANNER_PACE_MILLIS));
        }
        if (terminator != null) {
            keyboard.pressKeyboard(terminator);
            keyboard.releaseKeyboard(terminator);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Gives any wrongly held keystroke the time to leak out before the assertions. */
    private static void waitLongerThanTheGap() {
        LockSupport.parkNanos(TEST_GAP.multipliedBy(3).toNanos());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void awaitFieldText(String expected) {
        try {
            WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> expected.equals(fieldText()));
        } catch (TimeoutException e) {
            fail("the field should read \"%s\" but reads \"%s\" (%s)", expected, fieldText(), gapsSeen(), e);
        }
    }

    private String fieldText() {
        return onFx(codeField::getText);
    }

    /** The printable characters typed at the field, in order. */
    private String typedAtField() {
        return keysAtField.stream()
                .filter(key -> key.getEventType() == KeyEvent.KEY_TYPED)
                .filter(key -> !Character.isISOControl(key.getCharacter().charAt(0)))
                .map(KeyEvent::getCharacter)
                .collect(Collectors.joining());
    }

    /** The gaps between key presses the scene saw, to explain a timing failure. */
    private String gapsSeen() {
        List<Long> gapsMillis = new ArrayList<>();
        for (int i = 1; i < pressedAtNanos.size(); i++) {
            gapsMillis.add(TimeUnit.NANOSECONDS.toMillis(pressedAtNanos.get(i) - pressedAtNanos.get(i - 1)));
        }
        return "gaps between key presses in ms: " + gapsMillis;
    }

    private static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read from the JavaFX thread", e);
        }
    }
}
