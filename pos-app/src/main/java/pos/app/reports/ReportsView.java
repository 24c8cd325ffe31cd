package pos.app.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import pos.core.events.ReportPeriod;

/**
 * The reports view (R19): binds {@code Reports.fxml} to a {@link ReportsViewModel}: a table of
 * tender, opened, paid, conversion, the "QR shown → paid" line, and a bar chart of conversion per
 * tender; Today / Last 7 days, F5 refreshes, Esc closes. Thin: bindings and forwarding only. FX
 * thread only.
 *
 * <p>From the sell screen: {@code ReportsView.open(button.getScene().getWindow(), model, text)},
 * or {@code wiring.openReports(owner)}, which builds the model.
 */
public final class ReportsView {

    private final ReportsViewModel model;

    @FXML private Parent root;
    @FXML private ToggleButton todayButton;
    @FXML private ToggleButton weekButton;
    @FXML private Button refreshButton;
    @FXML private Button closeButton;
    @FXML private TableView<ReportRow> table;
    @FXML private TableColumn<ReportRow, String> tenderColumn;
    @FXML private TableColumn<ReportRow, Long> openedColumn;
    @FXML private TableColumn<ReportRow, Long> paidColumn;
    @FXML private TableColumn<ReportRow, String> conversionColumn;
    @FXML private Label qrShownLabel;
    @FXML private Label statusLabel;
    @FXML private BarChart<String, Number> chart;

    private ReportsView(ReportsViewModel model) {
        this.model = model;
    }

    /** Loads the FXML and returns the view's root, bound to {@code model}; call {@link ReportsViewModel#activate()} to load. */
    public static Parent load(ReportsViewModel model, ResourceBundle text) {
        ReportsView view = new ReportsView(model);
        FXMLLoader loader = new FXMLLoader(ReportsView.class.getResource("/pos/app/reports/Reports.fxml"), text);
        loader.setControllerFactory(type -> view);
        try {
            Parent parent = loader.load();
            parent.getStylesheets().add(ReportsView.class.getResource("/pos/app/reports/reports.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the reports view", e);
        }
    }

    /**
     * Opens the reports view in a window of its own over {@code owner} (window-modal), loads today's
     * report and returns the window. Esc or the close button closes it.
     */
    public static Stage open(Window owner, ReportsViewModel model, ResourceBundle text) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(text.getString("reports.title"));
        // issue 11: a window of its own that fits the screen; the till's main window keeps its size
        Scene scene = pos.app.ui.Windows.fittingScene(load(model, text), owner, 1100, 780);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
                e.consume();
            } else if (e.getCode() == KeyCode.F5) {
                model.refresh();
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
        tenderColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tenderName()));
        openedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().opened()));
        paidColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().paid()));
        conversionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().conversionText()));
        table.setItems(model.rows());
        table.setPlaceholder(new Label(model.text("reports.loading")));

        qrShownLabel.textProperty().bind(model.qrShownTextProperty());
        statusLabel.textProperty().bind(model.statusTextProperty());
        statusLabel.visibleProperty().bind(model.statusTextProperty().isNotEmpty());
        statusLabel.managedProperty().bind(statusLabel.visibleProperty());
        model.failedProperty().addListener((obs, was, failed) -> {
            if (failed) {
                statusLabel.getStyleClass().add("failed");
            } else {
                statusLabel.getStyleClass().remove("failed");
            }
        });

        XYChart.Series<String, Number> series = new XYChart.Series<>();
        chart.getData().add(series);
        model.rows().addListener((ListChangeListener<ReportRow>) change -> redraw(series));
        redraw(series);

        todayButton.setOnAction(e -> {
            model.choose(ReportPeriod.TODAY);
            selectPeriod(model.periodProperty().get());
        });
        weekButton.setOnAction(e -> {
            model.choose(ReportPeriod.LAST_7_DAYS);
            selectPeriod(model.periodProperty().get());
        });
        // A toggle group lets the selected button be pressed off; the period is always one of the two.
        model.periodProperty().addListener((obs, old, period) -> selectPeriod(period));
        selectPeriod(model.periodProperty().get());
        refreshButton.setOnAction(e -> model.refresh());
        closeButton.setOnAction(e -> {
            if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
                stage.close();
            }
        });
    }

    private void selectPeriod(ReportPeriod period) {
        todayButton.setSelected(period == ReportPeriod.TODAY);
        weekButton.setSelected(period == ReportPeriod.LAST_7_DAYS);
    }

    private void redraw(XYChart.Series<String, Number> series) {
        series.getData().setAll(model.rows().stream()
                .map(row -> new XYChart.Data<String, Number>(row.tenderName(), row.percent()))
                .toList());
    }
}
