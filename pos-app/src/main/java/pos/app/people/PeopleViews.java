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
        loader.setControllerFactory(type -> controller);
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
