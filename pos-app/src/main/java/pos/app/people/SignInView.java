package pos.app.people;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
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
    @FXML private Label selectedLabel;
    @FXML private Label pinLabel;
    @FXML private Button signInButton;
    @FXML private VBox firstRunPane;
    @FXML private TextField nameField;
    @FXML private PasswordField pinField;
    @FXML private PasswordField repeatField;
    @FXML private Label messageLabel;

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
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        root.addEventFilter(KeyEvent.KEY_TYPED, this::typed);
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

    private void key(KeyEvent e) {
        if (!model.shownProperty().get()) {
            return;
        }
        if (e.getCode() == KeyCode.ESCAPE) {
            model.leave();
            e.consume();
            return;
        }
        if (model.firstRunProperty().get()) {
            if (e.getCode() == KeyCode.ENTER) {
                onCreate();
                e.consume();
            }
            return; // the fields take the keys
        }
        int alt = PeopleViews.altIndex(e);
        char digit = PeopleViews.digit(e);
        if (alt >= 0) {
            model.selectClerk(alt);
        } else if (digit != 0 && !e.isAltDown() && !e.isControlDown()) {
            // the digit itself arrives as the KEY_TYPED event (any layout, the keypad too)
        } else if (e.getCode() == KeyCode.BACK_SPACE) {
            model.pinBackspace();
        } else if (e.getCode() == KeyCode.ENTER) {
            model.submitPin();
        } else {
            return;
        }
        e.consume();
    }

    private void typed(KeyEvent e) {
        if (model.firstRunProperty().get()) {
            return; // the fields take the keys
        }
        String typed = e.getCharacter();
        if (typed.length() == 1 && Character.isDigit(typed.charAt(0)) && !e.isAltDown() && !e.isControlDown()) {
            model.pinDigit((char) ('0' + Character.digit(typed.charAt(0), 10)));
        }
        e.consume();
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
