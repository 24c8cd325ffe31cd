package pos.app.people;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;

/** Member pay over the sell screen (thin controller of {@link MemberPayViewModel}). */
public final class MemberPayView {

    private final MemberPayViewModel model;
    @FXML private StackPane root;
    @FXML private Label fingerLabel;
    @FXML private Label faceLabel;
    @FXML private Label memberLabel;
    @FXML private Label balanceLabel;
    @FXML private Label payLabel;
    @FXML private Label messageLabel;
    @FXML private Button payButton;

    private MemberPayView(MemberPayViewModel model) {
        this.model = model;
    }

    public static Parent load(MemberPayViewModel model, ResourceBundle text) {
        return PeopleViews.load("MemberPay.fxml", new MemberPayView(model), text);
    }

    @FXML
    private void initialize() {
        root.visibleProperty().bind(model.shownProperty());
        fingerLabel.textProperty().bind(model.fingerTextProperty());
        fingerLabel.visibleProperty().bind(model.fingerTextProperty().isNotEmpty()); // issue 16: no empty gap
        fingerLabel.managedProperty().bind(fingerLabel.visibleProperty());
        faceLabel.textProperty().bind(model.faceTextProperty()); // issue 16: nothing shows while face is off
        faceLabel.visibleProperty().bind(model.faceTextProperty().isNotEmpty());
        faceLabel.managedProperty().bind(faceLabel.visibleProperty());
        memberLabel.textProperty().bind(model.memberTextProperty());
        balanceLabel.textProperty().bind(model.balanceTextProperty());
        payLabel.textProperty().bind(model.payTextProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        PeopleViews.styleMessage(messageLabel, model.messageIsErrorProperty());
        payButton.disableProperty().bind(model.canPayProperty().not().or(model.busyProperty()));
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.confirm();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                model.cancel();
            }
            e.consume();
        });
        PeopleViews.holdFocus(root, model.shownProperty(), root::requestFocus);
    }

    @FXML
    private void onPay() {
        model.confirm();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }
}
