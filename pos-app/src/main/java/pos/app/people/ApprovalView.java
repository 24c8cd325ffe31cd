package pos.app.people;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;

/** The supervisor approval over the sell screen (thin controller of {@link ApprovalViewModel}). */
public final class ApprovalView {

    private final ApprovalViewModel model;
    @FXML private StackPane root;
    @FXML private Label actionLabel;
    @FXML private Label subjectLabel;
    @FXML private Label fingerLabel;
    @FXML private FlowPane supervisorTiles;
    @FXML private Label selectedLabel;
    @FXML private Label pinLabel;
    @FXML private Label messageLabel;
    @FXML private Button approveButton;

    private ApprovalView(ApprovalViewModel model) {
        this.model = model;
    }

    public static Parent load(ApprovalViewModel model, ResourceBundle text) {
        return PeopleViews.load("Approval.fxml", new ApprovalView(model), text);
    }

    @FXML
    private void initialize() {
        root.visibleProperty().bind(model.shownProperty());
        actionLabel.textProperty().bind(model.actionTextProperty());
        subjectLabel.textProperty().bind(model.subjectTextProperty());
        fingerLabel.textProperty().bind(model.fingerTextProperty());
        selectedLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.selectedProperty().get() == null ? "" : model.selectedProperty().get().name(),
                model.selectedProperty()));
        pinLabel.textProperty().bind(model.pinDotsProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        PeopleViews.styleMessage(messageLabel, model.messageIsErrorProperty());
        PeopleViews.tiles(supervisorTiles, model.supervisors(), model.selectedProperty(), "supervisor-",
                model::selectSupervisor);
        approveButton.disableProperty().bind(model.busyProperty());
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        root.addEventFilter(KeyEvent.KEY_TYPED, this::typed);
        PeopleViews.holdFocus(root, model.shownProperty(), root::requestFocus);
    }

    private void key(KeyEvent e) {
        int alt = PeopleViews.altIndex(e);
        char digit = PeopleViews.digit(e);
        if (alt >= 0) {
            model.selectSupervisor(alt);
        } else if (digit != 0 && !e.isAltDown() && !e.isControlDown()) {
            // the digit itself arrives as the KEY_TYPED event (any layout, the keypad too)
        } else if (e.getCode() == KeyCode.BACK_SPACE) {
            model.pinBackspace();
        } else if (e.getCode() == KeyCode.ENTER) {
            model.submitPin();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            model.cancel();
        }
        e.consume(); // nothing reaches the sell screen while a supervisor is asked
    }

    private void typed(KeyEvent e) {
        String typed = e.getCharacter();
        if (typed.length() == 1 && Character.isDigit(typed.charAt(0)) && !e.isAltDown() && !e.isControlDown()) {
            model.pinDigit((char) ('0' + Character.digit(typed.charAt(0), 10)));
        }
        e.consume();
    }

    @FXML
    private void onApprove() {
        model.submitPin();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }
}
