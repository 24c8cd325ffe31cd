package pos.app.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The parked sales list (Ctrl+Shift+H): binds {@code ParkedSales.fxml} to a {@link ParkedSalesViewModel}.
 * Up/Down choose, Enter recalls and closes, Esc closes. Thin. FX thread only.
 */
public final class ParkedSalesView {

    /** Ctrl+H parks the open sale. */
    public static final KeyCombination PARK = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN);
    /** Ctrl+Shift+H lists the parked sales. */
    public static final KeyCombination RECALL = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final ParkedSalesViewModel model;

    @FXML private Parent root;
    @FXML private ListView<String> list;
    @FXML private Label messageLabel;
    @FXML private Button recallButton;
    @FXML private Button closeButton;

    private ParkedSalesView(ParkedSalesViewModel model) {
        this.model = model;
    }

    /** Loads the FXML bound to {@code model}. */
    public static Parent load(ParkedSalesViewModel model) {
        ParkedSalesView view = new ParkedSalesView(model);
        FXMLLoader loader = new FXMLLoader(ParkedSalesView.class.getResource("/pos/app/recovery/ParkedSales.fxml"),
                model.bundle());
        loader.setControllerFactory(type -> view);
        try {
            Parent parent = loader.load();
            parent.getStylesheets().add(ParkedSalesView.class.getResource("/pos/app/recovery/recovery.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the parked sales view", e);
        }
    }

    /** Opens the list in a window of its own over {@code owner} and returns it. */
    public static Stage open(Window owner, ParkedSalesViewModel model) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(model.bundle().getString("park.title"));
        Scene scene = pos.app.ui.Windows.fittingScene(load(model), owner, 900, 560);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case ESCAPE -> stage.close();
                case ENTER -> model.recall(stage::close);
                case UP -> model.move(-1);
                case DOWN -> model.move(1);
                default -> {
                    return;
                }
            }
            e.consume();
        });
        stage.setScene(scene);
        pos.app.ui.Windows.keepOnScreen(stage, owner);
        stage.show();
        return stage;
    }

    @FXML
    private void initialize() {
        list.setItems(model.rows());
        list.setFocusTraversable(false);
        list.getSelectionModel().select(model.selectedProperty().get());
        model.selectedProperty().addListener((obs, was, now) -> list.getSelectionModel().select(now.intValue()));
        list.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> {
            if (now.intValue() >= 0) {
                model.selectedProperty().set(now.intValue());
            }
        });
        messageLabel.textProperty().bind(model.messageProperty());
        recallButton.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.rows()));
        recallButton.setOnAction(e -> model.recall(() -> ((Stage) root.getScene().getWindow()).close()));
        closeButton.setOnAction(e -> ((Stage) root.getScene().getWindow()).close());
    }
}
