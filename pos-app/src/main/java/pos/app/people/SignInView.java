package pos.app.people;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The sign-in screen over the whole till (thin controller of {@link SignInViewModel}). */
public final class SignInView {

    private final SignInViewModel model;
    @FXML private StackPane root;
    @FXML private Label titleLabel;
    @FXML private Label readerLabel;
    @FXML private HBox signInPane;
    @FXML private FlowPane clerkTiles;
    @FXML private Label fingerLabel;
    @FXML private Label faceLabel;
    @FXML private Label selectedLabel;
    @FXML private Label pinLabel;
    @FXML private Button signInButton;
    @FXML private VBox firstRunPane;
    @FXML private TextField nameField;
    @FXML private PasswordField pinField;
    @FXML private PasswordField repeatField;
    @FXML private Label messageLabel;
    @FXML private Label whoLabel;

    private SignInView(SignInViewModel model) {
        this.model = model;
    }

    public static Parent load(SignInViewModel model, ResourceBundle text) {
        return PeopleViews.load("SignIn.fxml", new SignInView(model), text);
    }

    @FXML
    private void initialize() {
        root.visibleProperty().bind(model.shownProperty());
        titleLabel.textProperty().bind(model.titleProperty());
        readerLabel.textProperty().bind(model.readerTextProperty());
        model.readerReadyProperty().addListener((obs, old, ready) -> readerStyle());
        readerStyle();
        fingerLabel.textProperty().bind(model.fingerTextProperty());
        fingerLabel.visibleProperty().bind(model.fingerTextProperty().isNotEmpty()); // issue 16: no empty gap
        fingerLabel.managedProperty().bind(fingerLabel.visibleProperty());
        whoLabel.textProperty().bind(model.whoTextProperty()); // issue 16: names the finger, the face, or neither
        faceLabel.textProperty().bind(model.faceTextProperty()); // issue 16: nothing shows while face is off
        faceLabel.visibleProperty().bind(model.faceTextProperty().isNotEmpty());
        faceLabel.managedProperty().bind(faceLabel.visibleProperty());
        selectedLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.selectedProperty().get() == null ? "" : model.selectedProperty().get().name(),
                model.selectedProperty()));
        pinLabel.textProperty().bind(model.pinDotsProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        PeopleViews.styleMessage(messageLabel, model.messageIsErrorProperty());
        PeopleViews.tiles(clerkTiles, model.clerks(), model.selectedProperty(), "clerk-", model::selectClerk);
        signInPane.visibleProperty().bind(model.firstRunProperty().not());
        signInPane.managedProperty().bind(signInPane.visibleProperty());
        firstRunPane.visibleProperty().bind(model.firstRunProperty());
        firstRunPane.managedProperty().bind(firstRunPane.visibleProperty());
        signInButton.disableProperty().bind(model.busyProperty());
        PeopleViews.pinKeys(root, new PeopleViews.PinKeys() {
            @Override
            public void pick(int index) {
                model.selectClerk(index);
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
                if (model.firstRunProperty().get()) {
                    onCreate();
                } else {
                    model.submitPin();
                }
            }

            @Override
            public void escape() {
                model.leave();
            }

            @Override
            public boolean fieldsTakeKeys() {
                return model.firstRunProperty().get();
            }
        });
        PeopleViews.holdFocus(root, model.shownProperty(), this::takeFocus);
        model.firstRunProperty().addListener((obs, old, first) -> javafx.application.Platform.runLater(this::takeFocus));
    }

    private void takeFocus() {
        if (model.firstRunProperty().get()) {
            nameField.requestFocus();
        } else {
            root.requestFocus();
        }
    }

    private void readerStyle() {
        readerLabel.getStyleClass().remove("warning");
        if (!model.readerReadyProperty().get()) {
            readerLabel.getStyleClass().add("warning");
        }
    }

    @FXML
    private void onSignIn() {
        model.submitPin();
    }

    @FXML
    private void onCreate() {
        char[] pin = pinField.getText().toCharArray();
        char[] repeat = repeatField.getText().toCharArray();
        pinField.clear();
        repeatField.clear();
        model.createFirstSupervisor(nameField.getText(), pin, repeat);
    }
}
