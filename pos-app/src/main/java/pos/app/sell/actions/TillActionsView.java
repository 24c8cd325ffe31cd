package pos.app.sell.actions;

import java.util.Locale;
import java.util.ResourceBundle;
import javafx.event.ActionEvent;
import javafx.event.Event;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import pos.app.ui.Fxml;

/**
 * Issue 12's actions around the sale as buttons under the cart, each with its shortcut on it: returns (Ctrl+U),
 * the shift (Ctrl+S), no sale (Ctrl+N), park (Ctrl+H), the parked sales (Ctrl+Shift+H) and the printer settings
 * (Ctrl+Shift+P). A button presses its own key: the action is whatever the key does where it is installed (an
 * accelerator or a key filter on the window's scene), so a button and its key can never do different things,
 * and a locked till ignores both. Thin: no state of its own. FX thread only.
 */
public final class TillActionsView {

    private static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");

    private Parent root;

    private TillActionsView() {
    }

    public static TillActionsView load(ResourceBundle text) {
        TillActionsView view = new TillActionsView();
        view.root = Fxml.load("/pos/app/sell/actions/TillActions.fxml", text, view, null);
        return view;
    }

    public Parent root() {
        return root;
    }

    /** The key event that {@code shortcut} (as written in a button's userData, e.g. "Shortcut+Shift+H") is. */
    static KeyEvent keyOf(String shortcut) {
        KeyCodeCombination key = (KeyCodeCombination) KeyCombination.valueOf(shortcut);
        boolean viaShortcut = key.getShortcut() == KeyCombination.ModifierValue.DOWN;
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key.getCode(),
                key.getShift() == KeyCombination.ModifierValue.DOWN,
                key.getControl() == KeyCombination.ModifierValue.DOWN || viaShortcut && !MAC,
                key.getAlt() == KeyCombination.ModifierValue.DOWN,
                key.getMeta() == KeyCombination.ModifierValue.DOWN || viaShortcut && MAC);
    }

    @FXML
    private void onShortcut(ActionEvent e) {
        Node button = (Node) e.getSource();
        Event.fireEvent(button, keyOf((String) button.getUserData()));
    }
}
