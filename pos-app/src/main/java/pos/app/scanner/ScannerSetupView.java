package pos.app.scanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import pos.device.wedge.WedgeTerminator;

/**
 * The scanner set-up window: binds {@code ScannerSetup.fxml} to a {@link ScannerSetupViewModel},
 * shows the code as a Code 128 barcode and hands every key of its window, with the time it came, to
 * the view model (the keys go nowhere else: this window has no scanner filter). Ctrl+S keeps what was
 * learned, F5 scans again, Esc closes. Thin. FX thread only.
 */
public final class ScannerSetupView {

    /** The sell screen's shortcut that opens this window. */
    public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN);
    /** A scanner that sends no Enter or Tab has finished when no key came for this long. */
    private static final Duration QUIET = Duration.millis(600);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    private final ScannerSetupViewModel model;
    private final PauseTransition quietTimer = new PauseTransition(QUIET);

    @FXML private ImageView barcodeImage;
    @FXML private Label codeLabel;
    @FXML private Label statusLabel;
    @FXML private Label learnedLabel;
    @FXML private Label adviceLabel;
    @FXML private Button saveButton;
    @FXML private Button closeButton;

    private ScannerSetupView(ScannerSetupViewModel model) {
        this.model = model;
    }

    /** Opens the window over {@code owner}. */
    public static Stage open(Window owner, ScannerSetupViewModel model, ResourceBundle text) {
        ScannerSetupView view = new ScannerSetupView(model);
        FXMLLoader loader = new FXMLLoader(ScannerSetupView.class.getResource("/pos/app/scanner/ScannerSetup.fxml"), text);
        loader.setControllerFactory(type -> view);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the scanner set-up", e);
        }
        root.getStylesheets().add(ScannerSetupView.class.getResource("/pos/app/scanner/scanner.css").toExternalForm());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(text.getString("scanner.setup.title"));
        // room for the learned lines and the advice that come after the scan; fits a 1024x768 screen
        Scene scene = new Scene(root, 720, 660);
        scene.addEventFilter(KeyEvent.ANY, key -> view.onKey(key, stage));
        stage.setScene(scene);
        stage.setOnHidden(hidden -> view.quietTimer.stop());
        stage.show();
        return stage;
    }

    @FXML
    private void initialize() {
        barcodeImage.setImage(Code128Image.render(model.code(), 520, 110));
        codeLabel.setText(model.code());
        statusLabel.textProperty().bind(model.statusProperty());
        model.problemProperty().addListener((obs, old, problem) -> {
            statusLabel.getStyleClass().remove("problem");
            if (problem) {
                statusLabel.getStyleClass().add("problem");
            }
        });
        learnedLabel.textProperty().bind(model.learnedTextProperty());
        adviceLabel.textProperty().bind(model.adviceProperty());
        saveButton.disableProperty().bind(model.canSaveProperty().not());
        quietTimer.setOnFinished(finished -> model.quiet());
    }

    /** Every key of the window: commands act, everything else is what the scanner sends. */
    private void onKey(KeyEvent key, Stage stage) {
        long now = System.nanoTime();
        if (key.getEventType() == KeyEvent.KEY_PRESSED) {
            if (key.getCode() == KeyCode.ESCAPE) {
                stage.close();
            } else if (key.getCode() == KeyCode.F5) {
                model.scanAgain();
            } else if (SAVE.match(key)) {
                model.save();
            } else if (!key.isShortcutDown() && !key.isAltDown() && key.getCode() == KeyCode.ENTER) {
                model.ended(WedgeTerminator.ENTER, now);
            } else if (!key.isShortcutDown() && !key.isAltDown() && key.getCode() == KeyCode.TAB) {
                model.ended(WedgeTerminator.TAB, now);
            }
        } else if (key.getEventType() == KeyEvent.KEY_TYPED) {
            String typed = key.getCharacter();
            if (!typed.isEmpty() && !Character.isISOControl(typed.charAt(0)) && !key.isShortcutDown()) {
                model.typed(typed.charAt(0), now);
                quietTimer.playFromStart();
            }
        }
        // the scanner's keys must not press a button or move the focus
        key.consume();
    }

    @FXML private void onSave() { model.save(); }
    @FXML private void onAgain() { model.scanAgain(); }
    @FXML private void onClose() { closeButton.getScene().getWindow().hide(); }
}
