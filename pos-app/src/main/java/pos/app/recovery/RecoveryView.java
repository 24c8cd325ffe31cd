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
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The recovery screen (issue 12 point 7), shown at start-up when payments wait: binds {@code Recovery.fxml}
 * to a {@link RecoveryViewModel}. Keyboard only: Up/Down choose, Enter finishes the sale, F8 refunds, Esc
 * closes (the payments keep waiting; the status bar says how many). Thin. FX thread only.
 */
public final class RecoveryView {

    private final RecoveryViewModel model;

    @FXML private Parent root;
    @FXML private ListView<String> list;
    @FXML private Label messageLabel;
    @FXML private Button finishButton;
    @FXML private Button refundButton;
    @FXML private Button closeButton;

    private RecoveryView(RecoveryViewModel model) {
        this.model = model;
    }

    /** Loads the FXML bound to {@code model}. */
    public static Parent load(RecoveryViewModel model) {
        RecoveryView view = new RecoveryView(model);
        FXMLLoader loader = new FXMLLoader(RecoveryView.class.getResource("/pos/app/recovery/Recovery.fxml"), model.bundle());
        loader.setControllerFactory(type -> view);
        try {
            Parent parent = loader.load();
            parent.getStylesheets().add(RecoveryView.class.getResource("/pos/app/recovery/recovery.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the recovery view", e);
        }
    }

    /** Opens the screen in a window of its own over {@code owner} and returns it. */
    public static Stage open(Window owner, RecoveryViewModel model) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(model.bundle().getString("recovery.title"));
        Scene scene = pos.app.ui.Windows.fittingScene(load(model), owner, 1000, 640);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case ESCAPE -> stage.close();
                case ENTER -> model.finish();
                case F8 -> model.refund();
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
        model.selectedProperty().addListener((obs, was, now) -> {
            list.getSelectionModel().select(now.intValue());
            list.scrollTo(Math.max(0, now.intValue()));
        });
        model.rows().addListener((javafx.collections.ListChangeListener<String>) c ->
                list.getSelectionModel().select(model.selectedProperty().get()));
        list.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> {
            if (now.intValue() >= 0) {
                model.selectedProperty().set(now.intValue());
            }
        });
        messageLabel.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((obs, was, failed) -> {
            if (failed) {
                messageLabel.getStyleClass().add("failed");
            } else {
                messageLabel.getStyleClass().remove("failed");
            }
        });
        finishButton.disableProperty().bind(model.busyProperty().or(javafx.beans.binding.Bindings.isEmpty(model.rows())));
        refundButton.disableProperty().bind(finishButton.disableProperty());
        finishButton.setOnAction(e -> model.finish());
        refundButton.setOnAction(e -> model.refund());
        closeButton.setOnAction(e -> ((Stage) root.getScene().getWindow()).close());
    }

}
