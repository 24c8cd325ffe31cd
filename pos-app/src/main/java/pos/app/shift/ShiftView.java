package pos.app.shift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import pos.app.shift.ShiftViewModel.Phase;

/**
 * The shift screen (Ctrl+S): binds {@code Shift.fxml} to a {@link ShiftViewModel}. Keyboard only: Enter opens the
 * shift / makes the Z / starts the next shift, F5 pay-in, F6 pay-out, F8 X report, F9 count the drawer, F4 print,
 * Esc leaves the count or closes the window. Thin: bindings and forwarding. FX thread only.
 */
public final class ShiftView {

    private final ShiftViewModel model;

    @FXML private BorderPane root;
    @FXML private Label headlineLabel;
    @FXML private Button closeButton;
    @FXML private VBox entryBox;
    @FXML private Label amountLabel;
    @FXML private TextField amountField;
    @FXML private Label reasonLabel;
    @FXML private TextField reasonField;
    @FXML private VBox countBox;
    @FXML private GridPane countGrid;
    @FXML private Label countedLabel;
    @FXML private Label expectedLabel;
    @FXML private Label varianceLabel;
    @FXML private Button openButton;
    @FXML private Button payInButton;
    @FXML private Button payOutButton;
    @FXML private Button xButton;
    @FXML private Button countButton;
    @FXML private Button zButton;
    @FXML private Button nextButton;
    @FXML private Button printButton;
    @FXML private Label messageLabel;
    @FXML private Label reportTitleLabel;
    @FXML private ListView<ReportLine> reportList;
    private TextField firstCountField;

    private ShiftView(ShiftViewModel model) {
        this.model = model;
    }

    /** Loads the FXML bound to {@code model}; call {@link ShiftViewModel#activate()} to read the shift. */
    public static Parent load(ShiftViewModel model, ResourceBundle text) {
        ShiftView view = new ShiftView(model);
        FXMLLoader loader = new FXMLLoader(ShiftView.class.getResource("/pos/app/shift/Shift.fxml"), text);
        loader.setControllerFactory(type -> view);
        try {
            Parent parent = loader.load();
            parent.getStylesheets().add(ShiftView.class.getResource("/pos/app/shift/shift.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the shift screen", e);
        }
    }

    /** Opens the shift screen in a window of its own over {@code owner} (window-modal) and reads the shift. */
    public static Stage open(Window owner, ShiftViewModel model, ResourceBundle text) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(text.getString("shift.title"));
        Scene scene = pos.app.ui.Windows.fittingScene(load(model, text), owner, 1180, 800);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean handled = true;
            switch (e.getCode()) {
                case ESCAPE -> {
                    if (!model.back()) {
                        stage.close();
                    }
                }
                case F4 -> model.print();
                case F5 -> model.payIn();
                case F6 -> model.payOut();
                case F8 -> model.x();
                case F9 -> model.startCount();
                // after the Z no field is left to take Enter: the window does ("Next shift (Enter)", seen at 1024x768)
                case ENTER -> handled = model.phaseProperty().get() == Phase.CLOSED && nextShift(model);
                default -> handled = false;
            }
            if (handled) {
                e.consume();
            }
        });
        stage.setScene(scene);
        pos.app.ui.Windows.keepOnScreen(stage, owner);
        stage.show();
        model.activate();
        return stage;
    }

    @FXML
    private void initialize() {
        headlineLabel.textProperty().bind(model.headlineProperty());
        amountField.textProperty().bindBidirectional(model.amountProperty());
        reasonField.textProperty().bindBidirectional(model.reasonProperty());
        countedLabel.textProperty().bind(model.countedTextProperty());
        expectedLabel.textProperty().bind(model.expectedTextProperty());
        varianceLabel.textProperty().bind(model.varianceTextProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        model.errorProperty().addListener((obs, was, error) -> {
            messageLabel.getStyleClass().remove("error");
            if (error) {
                messageLabel.getStyleClass().add("error");
            }
        });
        reportTitleLabel.textProperty().bind(model.reportTitleProperty());
        reportList.setItems(model.report());
        reportList.setCellFactory(list -> new ReportCell());
        buildCountGrid();

        amountField.setOnAction(e -> {
            if (model.phaseProperty().get() == Phase.OPEN) {
                reasonField.requestFocus();
            } else {
                model.enter();
            }
        });
        reasonField.setOnAction(e -> model.enter());
        openButton.setOnAction(e -> model.openShift());
        payInButton.setOnAction(e -> model.payIn());
        payOutButton.setOnAction(e -> model.payOut());
        xButton.setOnAction(e -> model.x());
        countButton.setOnAction(e -> model.startCount());
        zButton.setOnAction(e -> model.makeZ());
        nextButton.setOnAction(e -> model.nextShift());
        printButton.setOnAction(e -> model.print());
        closeButton.setOnAction(e -> {
            if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
                stage.close();
            }
        });
        model.phaseProperty().addListener((obs, was, phase) -> show(phase));
        model.reasonWantedProperty().addListener((obs, was, now) -> reasonField.requestFocus());
        model.busyProperty().addListener((obs, was, busy) -> root.setCursor(busy ? javafx.scene.Cursor.WAIT : null));
        show(model.phaseProperty().get());
    }

    private void buildCountGrid() {
        // three pairs of columns for a long list (the euro's 15), so the count fits a 1024×768 screen
        int pairs = model.counts().size() > 10 ? 3 : 2;
        int perColumn = (model.counts().size() + pairs - 1) / pairs;
        for (int i = 0; i < model.counts().size(); i++) {
            CountRow row = model.counts().get(i);
            Label label = new Label(row.label());
            label.getStyleClass().add("count-label");
            TextField field = new TextField();
            field.getStyleClass().addAll("count-field", "count-" + row.denominationMinor());
            field.textProperty().bindBidirectional(row.countProperty());
            field.setOnAction(e -> model.enter());
            if (i == 0) {
                firstCountField = field;
            }
            int column = i / perColumn * 2;
            countGrid.add(label, column, i % perColumn);
            countGrid.add(field, column + 1, i % perColumn);
        }
    }

    private void show(Phase phase) {
        boolean noShift = phase == Phase.NO_SHIFT;
        boolean open = phase == Phase.OPEN;
        boolean counting = phase == Phase.COUNTING;
        boolean closed = phase == Phase.CLOSED;
        shown(entryBox, noShift || open || counting);
        shown(amountLabel, noShift || open);
        shown(amountField, noShift || open);
        shown(reasonLabel, open || counting);
        shown(reasonField, open || counting);
        amountLabel.setText(model.text(noShift ? "shift.float" : "shift.amount"));
        reasonLabel.setText(model.text(counting ? "shift.variance.reasonLabel" : "shift.reason"));
        shown(countBox, counting);
        shown(openButton, noShift);
        shown(payInButton, open);
        shown(payOutButton, open);
        shown(xButton, open);
        shown(countButton, open);
        shown(zButton, counting);
        shown(nextButton, closed);
        shown(printButton, open || closed);
        if (noShift || open) {
            amountField.requestFocus();
        } else if (counting && firstCountField != null) {
            firstCountField.requestFocus();
        }
    }

    private static boolean nextShift(ShiftViewModel model) {
        model.nextShift();
        return true;
    }

    private static void shown(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /** A report line: its label left, its value right; section headings bold. */
    private static final class ReportCell extends ListCell<ReportLine> {
        private final Label label = new Label();
        private final Label value = new Label();
        private final HBox box;

        ReportCell() {
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            label.setWrapText(true);
            box = new HBox(8, label, gap, value);
        }

        @Override
        protected void updateItem(ReportLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().remove("report-heading");
            if (empty || line == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            label.setText(line.label());
            value.setText(line.value());
            if (line.heading()) {
                getStyleClass().add("report-heading");
            }
            setText(null);
            setGraphic(box);
        }
    }
}
