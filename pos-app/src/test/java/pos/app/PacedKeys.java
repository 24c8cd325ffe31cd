package pos.app;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.robot.BaseRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Real key presses through the glass robot at a set pace, sent from the test thread without waiting
 * for the JavaFX thread: keys sent while that thread is busy queue up and arrive back to back, as a
 * clerk's do on a loaded till (DESIGN §7). Digits and letters (typed without Shift: lower case).
 */
final class PacedKeys {

    private final BaseRobot keyboard;

    PacedKeys(FxRobot robot) {
        this.keyboard = robot.robotContext().getBaseRobot();
    }

    /** Presses and releases one key. */
    void key(KeyCode key) {
        keyboard.pressKeyboard(key);
        keyboard.releaseKeyboard(key);
    }

    /** Presses and releases the key of {@code character}. */
    void key(char character) {
        key(KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(character))));
    }

    /** The key of {@code character} with Shift held: a capital letter. */
    void shifted(char character) {
        keyboard.pressKeyboard(KeyCode.SHIFT);
        key(character);
        keyboard.releaseKeyboard(KeyCode.SHIFT);
    }

    /** Each character of {@code text}, {@code paceMillis} apart, then {@code terminator} right after, then waits for the JavaFX thread. */
    void type(String text, long paceMillis, KeyCode terminator) {
        for (int i = 0; i < text.length(); i++) {
            if (i > 0) {
                pause(paceMillis);
            }
            key(text.charAt(i));
        }
        if (terminator != null) {
            key(terminator);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
