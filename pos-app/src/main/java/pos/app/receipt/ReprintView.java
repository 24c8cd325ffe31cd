package pos.app.receipt;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import pos.app.ui.Fxml;

/** The reprint-by-number window ({@code Reprint.fxml}) bound to a {@link ReprintViewModel}: Enter prints, Esc closes. Thin; FX thread. */
public final class ReprintView {

    private final ReprintViewModel model;

    @FXML private TextField numberField;
    @FXML private Label messageLabel;
    @FXML private Button printButton;

    private ReprintView(ReprintViewModel model) {
        this.model = model;
    }

    public static Stage open(Window owner, ReprintViewModel model, ResourceBundle text) {
        ReprintView view = new ReprintView(model);
        Parent root = Fxml.load("/pos/app/receipt/Reprint.fxml", text, view, null);
        root.getStylesheets().add(ReprintView.class.getResource("/pos/app/receipt/receipt.css").toExternalForm());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(text.getString("reprint.title"));
        Scene scene = pos.app.ui.Windows.fittingScene(root, owner, 640, 260);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.setOnHidden(e -> owner.requestFocus()); // the clerk's keys go back to the sale
        pos.app.ui.Windows.keepOnScreen(stage, owner);
        stage.show();
        view.numberField.requestFocus();
        return stage;
    }

    @FXML
    private void initialize() {
        numberField.textProperty().bindBidirectional(model.numberProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        printButton.disableProperty().bind(model.busyProperty());
        numberField.setOnAction(e -> model.print());
    }

    @FXML private void onPrint() { model.print(); }
    @FXML private void onClose() { printButton.getScene().getWindow().hide(); }
}
