package pos.app.receipt;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The receipt keys of the sell screen (issue 12): Alt+R reprints the last receipt, Shift+Alt+R reprints
 * one found by its number, Ctrl+Shift+P opens the printer settings. None acts while the till is locked
 * (nobody signed in). FX thread.
 */
public final class ReceiptKeys {

    public static final KeyCombination REPRINT_LAST = new KeyCodeCombination(KeyCode.R, KeyCombination.ALT_DOWN);
    public static final KeyCombination REPRINT_BY_NUMBER = new KeyCodeCombination(KeyCode.R, KeyCombination.SHIFT_DOWN,
            KeyCombination.ALT_DOWN);
    public static final KeyCombination PRINTER_SETTINGS = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private ReceiptKeys() {
    }

    public static void install(Scene scene, ObservableBooleanValue locked, Runnable reprintLast, Runnable reprintByNumber,
            Runnable printerSettings) {
        scene.getAccelerators().put(REPRINT_LAST, unlessLocked(locked, reprintLast));
        scene.getAccelerators().put(REPRINT_BY_NUMBER, unlessLocked(locked, reprintByNumber));
        scene.getAccelerators().put(PRINTER_SETTINGS, unlessLocked(locked, printerSettings));
    }

    private static Runnable unlessLocked(ObservableBooleanValue locked, Runnable action) {
        return () -> {
            if (!locked.get()) {
                action.run();
            }
        };
    }
}
