package pos.app.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

/**
 * The first-run set-up screen: binds {@code Setup.fxml} to a {@link SetupViewModel}. Keyboard only: Enter goes on,
 * F8 skips the step, Esc goes back, 1…4 (or Alt+1…4 in a text field) picks a choice, F5 tests the hub; each button
 * shows its key. Every text comes from the set-up's bundle, relabelled at once when the language changes. Thin. FX
 * thread only.
 */
public final class SetupView {

    private final SetupViewModel model;

    @FXML private Label titleLabel;
    @FXML private Label progressLabel;
    @FXML private VBox languagePane;
    @FXML private VBox languageChoices;
    @FXML private VBox storePane;
    @FXML private TextField storeNameField;
    @FXML private TextField storeAddressField;
    @FXML private TextField taxNumberField;
    @FXML private VBox tillPane;
    @FXML private TextField tillIdField;
    @FXML private VBox currencyPane;
    @FXML private VBox currencyChoices;
    @FXML private VBox hubPane;
    @FXML private TextField hubField;
    @FXML private Button testHubButton;
    @FXML private Label hubResultLabel;
    @FXML private VBox catalogPane;
    @FXML private VBox catalogChoices;
    @FXML private TextField catalogField;
    @FXML private VBox printerPane;
    @FXML private VBox printerChoices;
    @FXML private VBox scannerPane;
    @FXML private VBox scannerChoices;
    @FXML private VBox supervisorPane;
    @FXML private TextField supervisorNameField;
    @FXML private TextField pinField;
    @FXML private TextField pinAgainField;
    @FXML private VBox finishPane;
    @FXML private Label summaryLabel;
    @FXML private Label messageLabel;
    @FXML private Button backButton;
    @FXML private Button skipButton;
    @FXML private Button nextButton;

    private Parent root;
    private Map<SetupViewModel.Step, Pane> panes;

    private SetupView(SetupViewModel model) {
        this.model = model;
    }

    /** The set-up screen's root, to be a scene's root; keys are taken by a filter on the root. */
    public static Parent load(SetupViewModel model) {
        SetupView view = new SetupView(model);
        FXMLLoader loader = new FXMLLoader(SetupView.class.getResource("/pos/app/setup/Setup.fxml"));
        loader.setControllerFactory(type -> view);
        try {
            view.root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the set-up screen", e);
        }
        view.root.getStylesheets().add(SetupView.class.getResource("/pos/app/setup/setup.css").toExternalForm());
        // on the scene: its keys come here whatever has the focus, and when nothing has it
        javafx.event.EventHandler<KeyEvent> keys = view::onKey;
        view.root.sceneProperty().addListener((o, was, is) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (is != null) {
                is.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
        });
        view.relabel();
        view.showStep();
        return view.root;
    }

    @FXML
    private void initialize() {
        panes = Map.of(SetupViewModel.Step.LANGUAGE, languagePane, SetupViewModel.Step.STORE, storePane,
                SetupViewModel.Step.TILL, tillPane, SetupViewModel.Step.CURRENCY, currencyPane,
                SetupViewModel.Step.HUB, hubPane, SetupViewModel.Step.CATALOG, catalogPane,
                SetupViewModel.Step.PRINTER, printerPane, SetupViewModel.Step.SCANNER, scannerPane,
                SetupViewModel.Step.SUPERVISOR, supervisorPane, SetupViewModel.Step.FINISH, finishPane);
        storeNameField.textProperty().bindBidirectional(model.storeNameProperty());
        storeAddressField.textProperty().bindBidirectional(model.storeAddressProperty());
        taxNumberField.textProperty().bindBidirectional(model.taxNumberProperty());
        tillIdField.textProperty().bindBidirectional(model.tillIdProperty());
        hubField.textProperty().bindBidirectional(model.hubAddressProperty());
        catalogField.textProperty().bindBidirectional(model.catalogPathProperty());
        supervisorNameField.textProperty().bindBidirectional(model.supervisorNameProperty());
        pinField.textProperty().bindBidirectional(model.pinProperty());
        pinAgainField.textProperty().bindBidirectional(model.pinAgainProperty());
        hubResultLabel.textProperty().bind(model.hubResultProperty());
        summaryLabel.textProperty().bind(model.summaryProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        catalogField.visibleProperty().bind(model.catalogSourceProperty().isEqualTo(SetupViewModel.CatalogSource.IMPORT));
        catalogField.managedProperty().bind(catalogField.visibleProperty());
        backButton.disableProperty().bind(model.busyProperty());
        skipButton.disableProperty().bind(model.busyProperty());
        nextButton.disableProperty().bind(model.busyProperty());
        testHubButton.disableProperty().bind(model.busyProperty());
        model.stepProperty().addListener((o, was, is) -> showStep());
        model.textProperty().addListener((o, was, is) -> relabel());
        model.languageProperty().addListener((o, was, is) -> relabel());
        model.moneyProperty().addListener((o, was, is) -> relabel());
        model.catalogSourceProperty().addListener((o, was, is) -> relabel());
        model.openPrinterProperty().addListener((o, was, is) -> relabel());
        model.openScannerProperty().addListener((o, was, is) -> relabel());
    }

    /** Every text again from the bundle in force: the userData keys, the step's title, the choices. */
    private void relabel() {
        ResourceBundle text = model.text();
        relabel(root, text);
        choices(languageChoices, List.of(SetupViewModel.Language.values()), language -> text.getString(language.nameKey()),
                model.languageProperty()::get);
        choices(currencyChoices, List.of(SetupViewModel.Money.values()), money -> MessageFormat.format(
                text.getString("setup.currency.option"), money.name(), money.currency().getDisplayName(text.getLocale())),
                model.moneyProperty()::get);
        choices(catalogChoices, List.of(SetupViewModel.CatalogSource.values()), source -> text.getString(
                source == SetupViewModel.CatalogSource.DEMO ? "setup.catalog.demo" : "setup.catalog.import"),
                model.catalogSourceProperty()::get);
        choices(printerChoices, List.of(Boolean.TRUE, Boolean.FALSE), yes -> text.getString(yes ? "setup.printer.open"
                : "setup.printer.later"), model.openPrinterProperty()::get);
        choices(scannerChoices, List.of(Boolean.TRUE, Boolean.FALSE), yes -> text.getString(yes ? "setup.scanner.open"
                : "setup.scanner.later"), model.openScannerProperty()::get);
        showStep();
    }

    private static void relabel(Node node, ResourceBundle text) {
        if (node.getUserData() instanceof String key && key.startsWith("setup.")) {
            if (node instanceof Labeled labeled) {
                labeled.setText(text.getString(key));
            } else if (node instanceof TextInputControl field) {
                field.setPromptText(text.getString(key));
            }
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> relabel(child, text));
        }
    }

    private <T> void choices(VBox box, List<T> options, Function<T, String> name, Supplier<T> chosen) {
        box.getChildren().clear();
        for (int i = 0; i < options.size(); i++) {
            int n = i + 1;
            Button button = new Button(MessageFormat.format(model.text().getString("setup.option"), n,
                    name.apply(options.get(i))));
            button.getStyleClass().add("choice");
            if (options.get(i).equals(chosen.get())) {
                button.getStyleClass().add("chosen");
            }
            button.setFocusTraversable(false);
            button.setOnAction(e -> model.choose(n));
            box.getChildren().add(button);
        }
    }

    private void showStep() {
        SetupViewModel.Step step = model.stepProperty().get();
        ResourceBundle text = model.text();
        panes.forEach((which, pane) -> {
            pane.setVisible(which == step);
            pane.setManaged(which == step);
        });
        titleLabel.setText(text.getString("setup.title." + step.name().toLowerCase(java.util.Locale.ROOT)));
        progressLabel.setText(MessageFormat.format(text.getString("setup.progress"), step.ordinal() + 1,
                SetupViewModel.Step.values().length));
        skipButton.setVisible(step != SetupViewModel.Step.FINISH);
        backButton.setVisible(step != SetupViewModel.Step.LANGUAGE);
        nextButton.setText(text.getString(step == SetupViewModel.Step.FINISH ? "setup.start" : "setup.next"));
        TextField first = switch (step) {
            case STORE -> storeNameField;
            case TILL -> tillIdField;
            case HUB -> hubField;
            case CATALOG -> model.catalogSourceProperty().get() == SetupViewModel.CatalogSource.IMPORT ? catalogField : null;
            case SUPERVISOR -> supervisorNameField;
            default -> null;
        };
        if (first != null) {
            first.requestFocus();
        } else {
            root.requestFocus();
        }
    }

    private void onKey(KeyEvent key) {
        boolean inField = key.getTarget() instanceof TextInputControl;
        KeyCode code = key.getCode();
        if (code == KeyCode.ENTER) {
            model.next();
        } else if (code == KeyCode.ESCAPE) {
            model.back();
        } else if (code == KeyCode.F8) {
            model.skip();
        } else if (code == KeyCode.F5 && model.stepProperty().get() == SetupViewModel.Step.HUB) {
            model.testHub();
        } else if (code.isDigitKey() && (!inField || key.isAltDown()) && !key.isControlDown()) {
            int n = code.getCode() - (code.getCode() >= KeyCode.NUMPAD0.getCode() ? KeyCode.NUMPAD0.getCode() : KeyCode.DIGIT0.getCode());
            model.choose(n);
            if (model.stepProperty().get() == SetupViewModel.Step.CATALOG) {
                showStep(); // the path field shows for an import: the cursor goes there
            }
        } else {
            return;
        }
        key.consume();
    }

    @FXML
    private void onNext() {
        model.next();
    }

    @FXML
    private void onSkip() {
        model.skip();
    }

    @FXML
    private void onBack() {
        model.back();
    }

    @FXML
    private void onTestHub() {
        model.testHub();
    }
}
