package pos.app.returns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import pos.app.checkout.MessageKind;

/**
 * The returns screen (issue 12, point 3): binds {@code Returns.fxml} to a {@link ReturnsViewModel}. It
 * lies over the sell screen (under the supervisor's approval) while shown and takes every function key,
 * so nothing reaches the sale underneath: F2 the code field, Enter there finds the sale; ↑↓ pick a
 * line, F5 one more piece, F6 one less, F7 the whole line; F3 the reason; Enter elsewhere refunds; F9
 * finishes a return left unfinished; Esc back to selling. Thin: bindings and key forwarding only. FX thread only.
 */
public final class ReturnsView {

    private final ReturnsViewModel model;

    @FXML private StackPane root;
    @FXML private TextField codeField;
    @FXML private Button findButton;
    @FXML private Button closeButton;
    @FXML private Label saleLabel;
    @FXML private TableView<ReturnLineRow> table;
    @FXML private TableColumn<ReturnLineRow, Number> lineColumn;
    @FXML private TableColumn<ReturnLineRow, String> nameColumn;
    @FXML private TableColumn<ReturnLineRow, Number> soldColumn;
    @FXML private TableColumn<ReturnLineRow, Number> returnedColumn;
    @FXML private TableColumn<ReturnLineRow, Number> leftColumn;
    @FXML private TableColumn<ReturnLineRow, Number> chosenColumn;
    @FXML private TableColumn<ReturnLineRow, String> amountColumn;
    @FXML private Button moreButton;
    @FXML private Button lessButton;
    @FXML private Button wholeButton;
    @FXML private TextField reasonField;
    @FXML private Label totalLabel;
    @FXML private Button refundButton;
    @FXML private Button finishButton;
    @FXML private Label messageLabel;

    private ReturnsView(ReturnsViewModel model) {
        this.model = model;
    }

    /** Loads the screen bound to {@code model}; put it over the sell screen, under the approval overlay. */
    public static Parent load(ReturnsViewModel model, ResourceBundle text) {
        ReturnsView view = new ReturnsView(model);
        FXMLLoader loader = new FXMLLoader(ReturnsView.class.getResource("/pos/app/returns/Returns.fxml"), text);
        loader.setControllerFactory(type -> view);
        try {
            Parent parent = loader.load();
            parent.getStylesheets().add(ReturnsView.class.getResource("/pos/app/returns/returns.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the returns screen", e);
        }
    }

    @FXML
    private void initialize() {
        root.visibleProperty().bind(model.shownProperty());
        codeField.textProperty().bindBidirectional(model.queryProperty());
        reasonField.textProperty().bindBidirectional(model.reasonProperty());
        saleLabel.textProperty().bind(model.saleTextProperty());
        totalLabel.textProperty().bind(model.totalTextProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        model.messageKindProperty().addListener((obs, old, kind) -> styleMessage(kind));
        styleMessage(model.messageKindProperty().get());

        number(lineColumn, ReturnLineRow::lineNo);
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        number(soldColumn, ReturnLineRow::sold);
        number(returnedColumn, ReturnLineRow::returned);
        number(leftColumn, ReturnLineRow::left);
        number(chosenColumn, ReturnLineRow::chosen);
        amountColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().amountText()));
        table.setItems(model.rows());
        // a sale found (typed or scanned): the keyboard moves on to its lines
        model.rows().addListener((javafx.collections.ListChangeListener<ReturnLineRow>) change -> {
            if (!model.rows().isEmpty() && codeField.isFocused()) {
                table.requestFocus();
            }
        });
        table.setPlaceholder(new Label(model.text("returns.noSale")));
        model.selectedProperty().addListener((obs, old, index) -> select(index.intValue()));
        table.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            if (index.intValue() >= 0) {
                model.selectedProperty().set(index.intValue());
            }
        });

        findButton.setOnAction(e -> model.find());
        closeButton.setOnAction(e -> model.close());
        moreButton.setOnAction(e -> model.increase());
        lessButton.setOnAction(e -> model.decrease());
        wholeButton.setOnAction(e -> model.wholeLine());
        refundButton.setOnAction(e -> model.refund());
        finishButton.setOnAction(e -> model.finishUnfinished());
        finishButton.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.unfinished()));
        finishButton.managedProperty().bind(finishButton.visibleProperty());
        findButton.disableProperty().bind(model.busyProperty());
        refundButton.disableProperty().bind(model.busyProperty());

        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        model.shownProperty().addListener((obs, was, shown) -> Platform.runLater(() -> {
            if (shown) {
                codeField.requestFocus();
            } else if (root.getScene() != null && root.getScene().lookup(".entry-field") != null) {
                root.getScene().lookup(".entry-field").requestFocus(); // back to selling
            }
        }));
        holdFocus();
    }

    private static void number(TableColumn<ReturnLineRow, Number> column, Function<ReturnLineRow, Integer> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    private void select(int index) {
        if (index >= 0 && index < table.getItems().size()) {
            table.getSelectionModel().select(index);
            table.scrollTo(index);
        } else {
            table.getSelectionModel().clearSelection();
        }
    }

    /** Every function key and shortcut is the screen's while it shows: nothing reaches the sale underneath. */
    private void key(KeyEvent e) {
        KeyCode code = e.getCode();
        boolean inCode = codeField.isFocused();
        switch (code) {
            case ESCAPE -> model.close();
            case F2 -> codeField.requestFocus();
            case F3 -> reasonField.requestFocus();
            case F5 -> model.increase();
            case F6 -> model.decrease();
            case F7 -> model.wholeLine();
            case F9 -> model.finishUnfinished();
            case ENTER -> {
                if (inCode) {
                    model.find();
                    table.requestFocus();
                } else {
                    model.refund();
                }
            }
            case UP, DOWN -> {
                if (table.isFocused()) {
                    return; // the table moves its own selection
                }
                int next = model.selectedProperty().get() + (code == KeyCode.UP ? -1 : 1);
                if (next >= 0 && next < model.rows().size()) {
                    model.selectedProperty().set(next);
                }
            }
            default -> {
                if (!code.isFunctionKey() && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()
                        && !e.isShortcutDown()) {
                    return; // typing in the fields
                }
                if (code == KeyCode.U && e.isShortcutDown()) {
                    model.close();
                }
            }
        }
        e.consume();
    }

    private void styleMessage(MessageKind kind) {
        messageLabel.getStyleClass().removeAll("error", "success", "warning");
        if (kind == MessageKind.WARNING) {
            messageLabel.getStyleClass().add("warning");
        } else if (kind == MessageKind.ERROR) {
            messageLabel.getStyleClass().add("error");
        } else if (kind == MessageKind.SUCCESS) {
            messageLabel.getStyleClass().add("success");
        }
    }

    /**
     * While the screen shows, the keyboard stays in it, except in an overlay above it (the supervisor's
     * approval); when it hides, the sell screen takes the keyboard back.
     */
    private void holdFocus() {
        javafx.beans.value.ChangeListener<Node> onFocus = (obs, old, now) -> Platform.runLater(this::checkFocus);
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.focusOwnerProperty().removeListener(onFocus);
            }
            if (scene != null) {
                scene.focusOwnerProperty().addListener(onFocus);
            }
        });
    }

    private void checkFocus() {
        Scene scene = root.getScene();
        if (!model.shownProperty().get() || scene == null) {
            return;
        }
        for (Node n = scene.getFocusOwner(); n != null; n = n.getParent()) {
            if (n == root || (n.getStyleClass().contains("people-overlay") && n.isVisible())) {
                return;
            }
        }
        codeField.requestFocus();
    }
}
