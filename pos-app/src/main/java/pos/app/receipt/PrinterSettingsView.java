package pos.app.receipt;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import pos.app.ui.Fxml;
import pos.core.receipt.PaperWidth;
import pos.device.printer.PrinterSettings;

/**
 * The receipt printer settings window ({@code PrinterSettings.fxml}) bound to a {@link PrinterSettingsViewModel}.
 * Keyboard only: Tab between the fields, arrows in the lists, Enter prints a test page, Ctrl+Enter saves,
 * Esc closes. Thin; FX thread.
 */
public final class PrinterSettingsView {

    private final PrinterSettingsViewModel model;

    @FXML private ComboBox<PrinterSettings.Kind> kindBox;
    @FXML private TextField addressField;
    @FXML private Label hintLabel;
    @FXML private TextField baudField;
    @FXML private ComboBox<PaperWidth> paperBox;
    @FXML private CheckBox gbkBox;
    @FXML private Label messageLabel;
    @FXML private Button testButton;
    @FXML private Button saveButton;
    @FXML private Button closeButton;

    private PrinterSettingsView(PrinterSettingsViewModel model) {
        this.model = model;
    }

    public static Stage open(Window owner, PrinterSettingsViewModel model, ResourceBundle text) {
        PrinterSettingsView view = new PrinterSettingsView(model);
        Parent root = Fxml.load("/pos/app/receipt/PrinterSettings.fxml", text, view, null);
        root.getStylesheets().add(PrinterSettingsView.class.getResource("/pos/app/receipt/receipt.css").toExternalForm());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(text.getString("printer.title"));
        Scene scene = pos.app.ui.Windows.fittingScene(root, owner, 760, 560);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                stage.close();
            } else if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                model.save();
            } else if (e.getCode() == KeyCode.ENTER && !e.isAltDown() && !e.isShiftDown()) {
                e.consume();
                model.printTestPage();
            }
        });
        stage.setScene(scene);
        stage.setOnHidden(e -> owner.requestFocus()); // the clerk's keys go back to the sale
        pos.app.ui.Windows.keepOnScreen(stage, owner);
        stage.show();
        view.kindBox.requestFocus();
        return stage;
    }

    @FXML
    private void initialize() {
        kindBox.getItems().setAll(PrinterSettings.Kind.values());
        kindBox.setConverter(converter(model::kindName));
        kindBox.valueProperty().bindBidirectional(model.kindProperty());
        addressField.textProperty().bindBidirectional(model.addressProperty());
        addressField.disableProperty().bind(model.kindProperty().isEqualTo(PrinterSettings.Kind.NONE));
        hintLabel.textProperty().bind(model.addressHintProperty());
        baudField.textProperty().bindBidirectional(model.baudProperty());
        baudField.disableProperty().bind(model.kindProperty().isNotEqualTo(PrinterSettings.Kind.SERIAL));
        paperBox.getItems().setAll(PaperWidth.values());
        paperBox.setConverter(converter(model::paperName));
        paperBox.valueProperty().bindBidirectional(model.paperProperty());
        gbkBox.selectedProperty().bindBidirectional(model.gbkProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        testButton.disableProperty().bind(model.busyProperty());
        saveButton.disableProperty().bind(model.busyProperty());
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override public String toString(T value) { return value == null ? "" : name.apply(value); }
            @Override public T fromString(String string) { throw new UnsupportedOperationException("chosen from the list only"); }
        };
    }

    @FXML private void onTest() { model.printTestPage(); }
    @FXML private void onSave() { model.save(); }
    @FXML private void onClose() { closeButton.getScene().getWindow().hide(); }
}
