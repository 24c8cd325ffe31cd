package pos.app.camera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import pos.core.device.Scanner;
import pos.device.webcam.WebcamPreview;

/**
 * The camera settings window: binds {@code CameraSettings.fxml} to a
 * {@link CameraSettingsViewModel}, with the chosen camera's live picture. Enter uses the selected
 * camera, F5 looks again, Esc closes. Thin. FX thread only.
 */
public final class CameraSettingsView {

    private final CameraSettingsViewModel model;
    private final WebcamPreview preview = new WebcamPreview();
    private Scanner.Registration previewRegistration;

    @FXML private ComboBox<String> cameraBox;
    @FXML private Label statusLabel;
    @FXML private StackPane previewBox;
    @FXML private Button useButton;
    @FXML private Button refreshButton;
    @FXML private Button closeButton;

    private CameraSettingsView(CameraSettingsViewModel model) {
        this.model = model;
    }

    /** Opens the window over {@code owner} and lists the cameras. */
    public static Stage open(Window owner, CameraSettingsViewModel model, ResourceBundle text) {
        CameraSettingsView view = new CameraSettingsView(model);
        FXMLLoader loader = new FXMLLoader(CameraSettingsView.class.getResource("/pos/app/camera/CameraSettings.fxml"), text);
        loader.setControllerFactory(type -> view);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the camera settings", e);
        }
        root.getStylesheets().add(CameraSettingsView.class.getResource("/pos/app/camera/camera.css").toExternalForm());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(text.getString("camera.settings.title"));
        // issue 11: a window of its own that fits the screen; the till's main window keeps its size
        Scene scene = pos.app.ui.Windows.fittingScene(root, owner, 720, 560);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            } else if (e.getCode() == KeyCode.F5) {
                model.refresh();
            }
        });
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            view.previewRegistration.close();
            model.close();
        });
        pos.app.ui.Windows.keepOnScreen(stage, owner);
        stage.show();
        model.showReads();
        model.refresh();
        return stage;
    }

    @FXML
    private void initialize() {
        cameraBox.setItems(model.names());
        cameraBox.valueProperty().bindBidirectional(model.selectedProperty());
        cameraBox.disableProperty().bind(model.busyProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        useButton.disableProperty().bind(model.busyProperty().or(model.selectedProperty().isNull()));
        useButton.setDefaultButton(true);
        preview.getStyleClass().add("camera-preview");
        previewBox.getChildren().add(preview);
        previewRegistration = preview.attach(model.scanner());
    }

    @FXML private void onUse() { model.use(); }
    @FXML private void onRefresh() { model.refresh(); }
    @FXML private void onClose() { closeButton.getScene().getWindow().hide(); }
}
