package pos.app.people;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;

/** What the people overlays share: loading, the message line's style, the clerk tiles, digit keys. */
final class PeopleViews {

    private PeopleViews() {
    }

    static Parent load(String fxml, Object controller, ResourceBundle text) {
        FXMLLoader loader = new FXMLLoader(PeopleViews.class.getResource("/pos/app/people/" + fxml), text);
        loader.setController(controller);
        try {
            Parent parent = loader.load();
            parent.getStylesheets().add(PeopleViews.class.getResource("/pos/app/people/people.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the screen " + fxml, e);
        }
    }

    /** Red and bold while {@code isError}. */
    static void styleMessage(Label label, ReadOnlyBooleanProperty isError) {
        Runnable style = () -> {
            label.getStyleClass().remove("error");
            if (isError.get()) {
                label.getStyleClass().add("error");
            }
        };
        isError.addListener((obs, old, now) -> style.run());
        label.textProperty().addListener((obs, old, now) -> style.run());
        style.run();
    }

    /** One button per clerk ("Ann / Supervisor / Alt+1"), the selected one marked; a click picks it. */
    static void tiles(FlowPane pane, ObservableList<ClerkTile> clerks, ReadOnlyObjectProperty<ClerkTile> selected,
            String idPrefix, IntConsumer pick) {
        Runnable build = () -> {
            pane.getChildren().clear();
            for (int i = 0; i < clerks.size(); i++) {
                ClerkTile clerk = clerks.get(i);
                int index = i;
                Button tile = new Button(clerk.name() + "\n" + clerk.roleText()
                        + (clerk.shortcut().isEmpty() ? "" : "  ·  " + clerk.shortcut()));
                tile.setId(idPrefix + clerk.clerkId());
                tile.getStyleClass().add("people-tile");
                tile.setFocusTraversable(false);
                if (clerk.equals(selected.get())) {
                    tile.getStyleClass().add("selected");
                }
                tile.setOnAction(e -> pick.accept(index));
                pane.getChildren().add(tile);
            }
        };
        clerks.addListener((ListChangeListener<ClerkTile>) c -> build.run());
        selected.addListener((obs, old, now) -> build.run());
        build.run();
    }

    /**
     * Keeps the keyboard focus inside {@code overlay} while {@code shown}: whatever else asks for the focus
     * (the sell screen's entry field), the person in front of the overlay types into it.
     */
    static void holdFocus(javafx.scene.Parent overlay, ReadOnlyBooleanProperty shown, Runnable takeFocus) {
        Runnable check = () -> {
            javafx.scene.Scene scene = overlay.getScene();
            if (!shown.get() || scene == null) {
                return;
            }
            javafx.scene.Node owner = scene.getFocusOwner();
            for (javafx.scene.Node n = owner; n != null; n = n.getParent()) {
                if (n == overlay) {
                    return;
                }
            }
            takeFocus.run();
        };
        javafx.beans.value.ChangeListener<javafx.scene.Node> onFocus =
                (obs, old, now) -> javafx.application.Platform.runLater(check);
        overlay.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.focusOwnerProperty().removeListener(onFocus);
            }
            if (scene != null) {
                scene.focusOwnerProperty().addListener(onFocus);
                javafx.application.Platform.runLater(check);
            }
        });
        shown.addListener((obs, old, now) -> javafx.application.Platform.runLater(() -> {
            if (now) {
                check.run();
                return;
            }
            // hidden: give the keyboard back to the sell screen's entry field if it was in here
            javafx.scene.Scene scene = overlay.getScene();
            if (scene == null) {
                return;
            }
            for (javafx.scene.Node n = scene.getFocusOwner(); n != null; n = n.getParent()) {
                if (n == overlay) {
                    javafx.scene.Node entry = scene.lookup(".entry-field");
                    if (entry != null) {
                        entry.requestFocus();
                    }
                    return;
                }
            }
        }));
    }

    /** What a PIN overlay does with the keyboard. */
    interface PinKeys {
        /** Alt+1…9: the n-th person (0-based). */
        void pick(int index);

        void digit(char digit);

        void backspace();

        void enter();

        void escape();

        /** While true the overlay's text fields take the keys; only Enter and Esc act. */
        default boolean fieldsTakeKeys() {
            return false;
        }
    }

    /**
     * Installs the PIN keys on {@code overlay}: Alt+1…9, the digits as typed (any layout, the keypad too),
     * Backspace, Enter, Esc. Every key is consumed, so nothing reaches the screen underneath.
     */
    static void pinKeys(javafx.scene.Parent overlay, PinKeys keys) {
        overlay.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                keys.escape();
            } else if (e.getCode() == KeyCode.ENTER) {
                keys.enter();
            } else if (keys.fieldsTakeKeys()) {
                return;
            } else if (altIndex(e) >= 0) {
                keys.pick(altIndex(e));
            } else if (e.getCode() == KeyCode.BACK_SPACE) {
                keys.backspace();
            }
            e.consume();
        });
        overlay.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (keys.fieldsTakeKeys()) {
                return;
            }
            String typed = e.getCharacter();
            if (typed.length() == 1 && Character.isDigit(typed.charAt(0)) && !e.isAltDown() && !e.isControlDown()) {
                keys.digit((char) ('0' + Character.digit(typed.charAt(0), 10)));
            }
            e.consume();
        });
    }

    /** The digit typed with a key press (top row or keypad), or 0. */
    static char digit(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code.isDigitKey()) {
            String name = code.getName();
            return name.charAt(name.length() - 1);
        }
        return 0;
    }

    /** Alt+1…9 as 0…8, or -1. */
    static int altIndex(KeyEvent e) {
        if (!e.isAltDown() || !e.getCode().isDigitKey()) {
            return -1;
        }
        char d = digit(e);
        return d >= '1' && d <= '9' ? d - '1' : -1;
    }
}
