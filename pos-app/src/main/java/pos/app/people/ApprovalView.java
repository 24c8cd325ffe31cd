package pos.app.people;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;

/** The supervisor approval over the sell screen (thin controller of {@link ApprovalViewModel}). */
public final class ApprovalView {

    private final ApprovalViewModel model;
    @FXML private StackPane root;
    @FXML private Label actionLabel;
    @FXML private Label subjectLabel;
    @FXML private Label fingerLabel;
    @FXML private Label faceLabel;
    @FXML private Label readerLabel;
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
        fingerLabel.visibleProperty().bind(model.fingerTextProperty().isNotEmpty()); // issue 16: no empty gap
        fingerLabel.managedProperty().bind(fingerLabel.visibleProperty());
        faceLabel.textProperty().bind(model.faceTextProperty()); // issue 16: nothing shows while face is off
        faceLabel.visibleProperty().bind(model.faceTextProperty().isNotEmpty());
        faceLabel.managedProperty().bind(faceLabel.visibleProperty());
        readerLabel.textProperty().bind(model.readerTextProperty());
        readerLabel.visibleProperty().bind(model.readerTextProperty().isNotEmpty());
        readerLabel.managedProperty().bind(readerLabel.visibleProperty());
        selectedLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.selectedProperty().get() == null ? "" : model.selectedProperty().get().name(),
                model.selectedProperty()));
        pinLabel.textProperty().bind(model.pinDotsProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        PeopleViews.styleMessage(messageLabel, model.messageIsErrorProperty());
        PeopleViews.tiles(supervisorTiles, model.supervisors(), model.selectedProperty(), "supervisor-",
                model::selectSupervisor);
        approveButton.disableProperty().bind(model.busyProperty());
        // every key is consumed: nothing reaches the sell screen while a supervisor is asked
        PeopleViews.pinKeys(root, new PeopleViews.PinKeys() {
            @Override
            public void pick(int index) {
                model.selectSupervisor(index);
            }

            @Override
            public void digit(char digit) {
                model.pinDigit(digit);
            }

            @Override
            public void backspace() {
                model.pinBackspace();
            }

            @Override
            public void enter() {
                model.submitPin();
            }

            @Override
            public void escape() {
                model.cancel();
            }
        });
        PeopleViews.holdFocus(root, model.shownProperty(), root::requestFocus);
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
