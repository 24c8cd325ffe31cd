package pos.app.people;

import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import pos.core.people.Role;

/** The people window: clerks, members, enrolment with its stages (thin controller of {@link PeopleViewModel}). */
public final class PeopleView {

    private final PeopleViewModel model;
    private final ResourceBundle text;
    @FXML private Label readerLabel;
    @FXML private TableView<PersonRow> table;
    @FXML private TableColumn<PersonRow, String> nameColumn;
    @FXML private TableColumn<PersonRow, String> detailColumn;
    @FXML private TableColumn<PersonRow, String> fingersColumn;
    @FXML private Label selectedLabel;
    @FXML private ChoiceBox<String> fingerChoice;
    @FXML private Button enrollButton;
    @FXML private Button stopButton;
    @FXML private Label stageLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label promptLabel;
    @FXML private TextField clerkName;
    @FXML private ChoiceBox<Role> roleChoice;
    @FXML private PasswordField clerkPin;
    @FXML private TextField memberName;
    @FXML private TextField memberBalance;
    @FXML private Label messageLabel;
    @FXML private Label enrollBlockedLabel;
    @FXML private Button closeButton;
    @FXML private TableColumn<PersonRow, String> faceColumn;
    @FXML private javafx.scene.layout.HBox faceButtons;
    @FXML private Button enrollFaceButton;
    @FXML private Button removeFaceButton;
    @FXML private Label faceBlockedLabel;

    private PeopleView(PeopleViewModel model, ResourceBundle text) {
        this.model = model;
        this.text = text;
    }

    /** Opens the window over {@code owner}; {@code closed} runs when it closes (the sign-in list refreshes). */
    public static Stage open(Window owner, PeopleViewModel model, ResourceBundle text, Runnable closed) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(text.getString("people.title"));
        // issue 11: a window of its own that fits the screen; the till's main window keeps its size
        Scene scene = pos.app.ui.Windows.fittingScene(PeopleViews.load("People.fxml", new PeopleView(model, text), text),
                owner, 1120, 760);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                if (model.enrollingProperty().get()) {
                    model.cancelEnroll();
                } else {
                    stage.close();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.E && e.isShortcutDown()) {
                if (model.readerReadyProperty().get()) {
                    model.enrollSelected(((ChoiceBox<?>) scene.lookup("#fingerChoice")).getValue().toString());
                } else {
                    model.enrollSelected(PeopleViewModel.FINGERS.get(0)); // says why it cannot
                }
                e.consume();
            } else if (e.getCode() == KeyCode.F && e.isShortcutDown() && model.faceReadyProperty().get()) {
                model.enrollFaceSelected(); // issue 16
                e.consume();
            } else if (e.getCode() == KeyCode.R && e.isShortcutDown() && model.faceReadyProperty().get()) {
                model.removeFaceSelected();
                e.consume();
            }
        });
        stage.setOnHidden(e -> {
            model.cancelEnroll();
            closed.run();
        });
        stage.setScene(scene);
        pos.app.ui.Windows.keepOnScreen(stage, owner);
        stage.show();
        return stage;
    }

    @FXML
    private void initialize() {
        readerLabel.textProperty().bind(model.readerTextProperty());
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        detailColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().detail()));
        fingersColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.valueOf(c.getValue().fingers())));
        table.setItems(model.rows());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.select(row));
        selectedLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.selectedProperty().get() == null ? text.getString("people.enroll.none")
                        : model.selectedProperty().get().name(), model.selectedProperty()));
        fingerChoice.getItems().setAll(PeopleViewModel.FINGERS);
        fingerChoice.setValue(PeopleViewModel.FINGERS.get(0));
        fingerChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String finger) {
                return finger == null ? "" : model.fingerName(finger);
            }

            @Override
            public String fromString(String s) {
                throw new UnsupportedOperationException("the finger is chosen, never typed");
            }
        });
        enrollButton.disableProperty().bind(model.enrollingProperty().or(model.selectedProperty().isNull())
                .or(model.readerReadyProperty().not()));
        fingerChoice.disableProperty().bind(model.readerReadyProperty().not());
        enrollBlockedLabel.textProperty().bind(model.enrollBlockedTextProperty());
        enrollBlockedLabel.visibleProperty().bind(model.enrollBlockedTextProperty().isNotEmpty());
        enrollBlockedLabel.managedProperty().bind(enrollBlockedLabel.visibleProperty());
        clerkName.textProperty().bindBidirectional(model.clerkNameProperty());
        memberName.textProperty().bindBidirectional(model.memberNameProperty());
        memberBalance.textProperty().bindBidirectional(model.memberBalanceProperty());
        // Enter in the last field of a form adds, as the Add button does
        clerkPin.setOnAction(e -> onAddClerk());
        memberBalance.setOnAction(e -> onAddMember());
        stopButton.disableProperty().bind(model.enrollingProperty().not());
        stageLabel.textProperty().bind(model.stageTextProperty());
        stageLabel.visibleProperty().bind(model.stageTextProperty().isNotEmpty()); // face-polish: no empty lines at 768 px
        stageLabel.managedProperty().bind(stageLabel.visibleProperty());
        progressBar.progressProperty().bind(model.progressProperty());
        promptLabel.textProperty().bind(model.promptTextProperty());
        promptLabel.visibleProperty().bind(model.promptTextProperty().isNotEmpty()); // face-polish: no empty lines at 768 px
        promptLabel.managedProperty().bind(promptLabel.visibleProperty());
        roleChoice.getItems().setAll(Role.values());
        roleChoice.setValue(Role.CASHIER);
        roleChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role role) {
                return role == null ? "" : text.getString("role." + role.name());
            }

            @Override
            public Role fromString(String s) {
                throw new UnsupportedOperationException("the role is chosen, never typed");
            }
        });
        // issue 16: face shows only when a face reader is ready; the one line says why when switched on but not
        faceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().face() ? text.getString("people.face.yes") : ""));
        faceColumn.visibleProperty().bind(model.faceReadyProperty());
        faceButtons.visibleProperty().bind(model.faceReadyProperty());
        faceButtons.managedProperty().bind(model.faceReadyProperty());
        enrollFaceButton.disableProperty().bind(model.enrollingProperty().or(model.busyProperty())
                .or(model.selectedProperty().isNull()));
        removeFaceButton.disableProperty().bind(model.enrollingProperty().or(model.busyProperty())
                .or(model.selectedProperty().isNull()));
        faceBlockedLabel.textProperty().bind(model.faceBlockedTextProperty());
        faceBlockedLabel.visibleProperty().bind(model.faceBlockedTextProperty().isNotEmpty());
        faceBlockedLabel.managedProperty().bind(faceBlockedLabel.visibleProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        PeopleViews.styleMessage(messageLabel, model.messageIsErrorProperty());
    }

    @FXML
    private void onEnroll() {
        model.enrollSelected(fingerChoice.getValue());
    }

    @FXML
    private void onEnrollFace() {
        model.enrollFaceSelected();
    }

    @FXML
    private void onRemoveFace() {
        model.removeFaceSelected();
    }

    @FXML
    private void onStop() {
        model.cancelEnroll();
    }

    @FXML
    private void onAddClerk() {
        char[] pin = clerkPin.getText().toCharArray();
        clerkPin.clear(); // a PIN is typed again, never kept in the form
        model.addClerk(roleChoice.getValue(), pin);
    }

    @FXML
    private void onAddMember() {
        model.addMember();
    }

    @FXML
    private void onClose() {
        closeButton.getScene().getWindow().hide();
    }
}
