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
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import pos.core.events.ReportPeriod;

/**
 * The reports view (R19; issue 12 point 8): binds {@code Reports.fxml} to a {@link TakingsViewModel} (keys 1 to 5:
 * takings, per tender, per clerk, per hour with a chart, returns · discounts · voids) and a {@link ReportsViewModel}
 * (key 6: a table of tender, opened, paid, conversion, the "QR shown → paid" line, and a bar chart of conversion per
 * tender); F6 today, F7 the last 7 days, F8 a shift (again: the one before), F5 refreshes, Ctrl+E exports the report
 * shown as CSV ({@link ReportExportViewModel}), Esc closes. Thin: bindings and forwarding only. FX thread only.
 *
 * <p>From the sell screen: {@code ReportsView.open(button.getScene().getWindow(), model, text)},
 * or {@code wiring.openReports(owner)}, which builds the model.
 */
public final class ReportsView {

    private final ReportsViewModel model;
    private final TakingsViewModel takings;
    private final ReportExportViewModel export;
    /** True while the conversion report (6) shows rather than a takings report. */
    private final javafx.beans.property.BooleanProperty conversionShown = new javafx.beans.property.SimpleBooleanProperty();

    @FXML private Parent root;
    @FXML private ToggleButton shiftButton;
    @FXML private ToggleButton takingsButton;
    @FXML private ToggleButton tendersButton;
    @FXML private ToggleButton clerksButton;
    @FXML private ToggleButton hoursButton;
    @FXML private ToggleButton adjustmentsButton;
    @FXML private ToggleButton conversionButton;
    @FXML private Button exportButton;
    @FXML private VBox takingsPane;
    @FXML private VBox conversionPane;
    @FXML private Label takingsPeriodLabel;
    @FXML private TableView<java.util.List<String>> takingsTable;
    @FXML private Label takingsStatusLabel;
    @FXML private BarChart<String, Number> hourChart;
    @FXML private Label exportLabel;
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

    private ReportsView(ReportsViewModel model, TakingsViewModel takings, ReportExportViewModel export) {
        this.model = model;
        this.takings = takings;
        this.export = export;
    }

    /**
     * Loads the FXML and returns the view's root, bound to the models; call {@link ReportsViewModel#activate()} and
     * {@link TakingsViewModel#refresh()} to load.
     */
    public static Parent load(ReportsViewModel model, TakingsViewModel takings, ReportExportViewModel export,
            ResourceBundle text) {
        ReportsView view = new ReportsView(model, takings, export);
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
    public static Stage open(Window owner, ReportsViewModel model, TakingsViewModel takings, ReportExportViewModel export,
            ResourceBundle text) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(text.getString("reports.title.takings"));
        // issue 11: a window of its own that fits the screen; the till's main window keeps its size
        Parent root = load(model, takings, export, text);
        Scene scene = pos.app.ui.Windows.fittingScene(root, owner, 1100, 780);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
                e.consume();
            } else if (e.getCode() == KeyCode.F5) {
                model.refresh();
                takings.refresh();
                e.consume();
            } else if (root.getProperties().get(ReportsView.class) instanceof ReportsView view && view.key(e)) {
                e.consume();
            }
        });
        stage.setScene(scene);
        pos.app.ui.Windows.keepOnScreen(stage, owner);
        stage.show();
        model.activate();
        takings.refresh();
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

        // A toggle group lets the selected button be pressed off; the period is always one of the two.
        model.periodProperty().addListener((obs, old, period) -> selectPeriod(period));
        selectPeriod(model.periodProperty().get());
        refreshButton.setOnAction(e -> {
            model.refresh();
            takings.refresh();
        });
        initializeTakings();
        closeButton.setOnAction(e -> {
            if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
                stage.close();
            }
        });
    }

    private void selectPeriod(ReportPeriod period) {
        boolean shift = takings.shiftChosenProperty().get();
        todayButton.setSelected(!shift && period == ReportPeriod.TODAY);
        weekButton.setSelected(!shift && period == ReportPeriod.LAST_7_DAYS);
        shiftButton.setSelected(shift);
    }

    // ---------------------------------------------------------------- takings (issue 12 point 8)

    private void initializeTakings() {
        root.getProperties().put(ReportsView.class, this);
        todayButton.setOnAction(e -> choose(ReportPeriod.TODAY));
        weekButton.setOnAction(e -> choose(ReportPeriod.LAST_7_DAYS));
        shiftButton.setOnAction(e -> chooseShift());
        takingsButton.setOnAction(e -> show(TakingsViewModel.Report.TAKINGS));
        tendersButton.setOnAction(e -> show(TakingsViewModel.Report.TENDERS));
        clerksButton.setOnAction(e -> show(TakingsViewModel.Report.CLERKS));
        hoursButton.setOnAction(e -> show(TakingsViewModel.Report.HOURS));
        adjustmentsButton.setOnAction(e -> show(TakingsViewModel.Report.ADJUSTMENTS));
        conversionButton.setOnAction(e -> showConversion());
        exportButton.setOnAction(e -> exportShown());

        takingsPane.visibleProperty().bind(conversionShown.not());
        conversionPane.visibleProperty().bind(conversionShown);
        takingsPeriodLabel.textProperty().bind(takings.periodTextProperty());
        takingsStatusLabel.textProperty().bind(takings.statusTextProperty());
        takingsStatusLabel.visibleProperty().bind(takings.statusTextProperty().isNotEmpty());
        takingsStatusLabel.managedProperty().bind(takingsStatusLabel.visibleProperty());
        takings.failedProperty().addListener((obs, was, failed) -> {
            if (failed) {
                takingsStatusLabel.getStyleClass().add("failed");
            } else {
                takingsStatusLabel.getStyleClass().remove("failed");
            }
        });
        exportLabel.textProperty().bind(export.messageProperty());
        hourChart.visibleProperty().bind(takings.reportProperty().isEqualTo(TakingsViewModel.Report.HOURS));
        hourChart.managedProperty().bind(hourChart.visibleProperty());
        takingsTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY); // fixed widths: every header readable
        takingsTable.setPlaceholder(new Label(model.text("reports.loading")));
        takings.tableProperty().addListener((obs, old, table) -> showTable(table));
        showTable(takings.tableProperty().get());
        XYChart.Series<String, Number> hours = new XYChart.Series<>();
        hourChart.getData().add(hours);
        takings.barsProperty().addListener((obs, old, bars) -> hours.getData().setAll(bars.stream()
                .map(b -> new XYChart.Data<String, Number>(b.label(), b.amount())).toList()));
        // a bar at most about 60 px wide: one busy hour is a bar, not the whole chart (seen at 1024x768)
        Runnable barWidth = () -> hourChart.setCategoryGap(
                Math.max(10, (hourChart.getWidth() - 80) / Math.max(1, hours.getData().size()) - 60));
        hours.getData().addListener((javafx.collections.ListChangeListener<XYChart.Data<String, Number>>) c -> barWidth.run());
        hourChart.widthProperty().addListener((obs, old, width) -> barWidth.run());
        takings.reportProperty().addListener((obs, old, report) -> selectReport());
        takings.shiftChosenProperty().addListener((obs, old, shift) -> selectPeriod(model.periodProperty().get()));
        selectReport();
    }

    private void showTable(ReportTable table) {
        if (!takingsTable.getColumns().isEmpty() && headerOf(takingsTable).equals(table.header())) {
            takingsTable.getItems().setAll(table.cells());
            return;
        }
        takingsTable.getColumns().clear();
        for (int i = 0; i < table.header().size(); i++) {
            int column = i;
            TableColumn<java.util.List<String>, String> c = new TableColumn<>(table.header().get(i));
            c.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().get(column)));
            c.setSortable(false);
            int n = table.header().size(); // the columns fit a 1024-wide screen: no sideways scrolling
            int first = n >= 6 ? 120 : 180;
            c.setPrefWidth(n <= 3 ? (i == 0 ? 480 : 220) : (i == 0 ? first : Math.max(110, Math.min(180, (955 - first) / (n - 1)))));
            if (i > 0) {
                c.getStyleClass().add("numeric");
            }
            takingsTable.getColumns().add(c);
        }
        takingsTable.getItems().setAll(table.cells());
    }

    private static java.util.List<String> headerOf(TableView<java.util.List<String>> table) {
        return table.getColumns().stream().map(TableColumn::getText).toList();
    }

    private void choose(ReportPeriod period) {
        model.choose(period);
        takings.choose(period);
        selectPeriod(period);
    }

    private void chooseShift() {
        takings.chooseShift();
        selectPeriod(model.periodProperty().get());
        if (conversionShown.get()) {
            show(TakingsViewModel.Report.TAKINGS); // the conversion report has whole days only
        }
    }

    private void show(TakingsViewModel.Report report) {
        conversionShown.set(false);
        takings.show(report);
        selectReport();
    }

    private void showConversion() {
        conversionShown.set(true);
        if (takings.shiftChosenProperty().get()) {
            choose(ReportPeriod.TODAY); // whole days only
        }
        selectReport();
    }

    private void selectReport() {
        TakingsViewModel.Report report = takings.reportProperty().get();
        boolean conversion = conversionShown.get();
        takingsButton.setSelected(!conversion && report == TakingsViewModel.Report.TAKINGS);
        tendersButton.setSelected(!conversion && report == TakingsViewModel.Report.TENDERS);
        clerksButton.setSelected(!conversion && report == TakingsViewModel.Report.CLERKS);
        hoursButton.setSelected(!conversion && report == TakingsViewModel.Report.HOURS);
        adjustmentsButton.setSelected(!conversion && report == TakingsViewModel.Report.ADJUSTMENTS);
        conversionButton.setSelected(conversion);
    }

    private void exportShown() {
        if (conversionShown.get()) {
            export.export("conversion", model.exportTable());
        } else {
            export.export(takings.exportName(), takings.tableProperty().get());
        }
    }

    /** The window's keys (the static {@code open} reaches the view through the root's properties): 1 to 6 the reports, F6/F7/F8 the periods, Ctrl+E the export. Answers whether it was one. */
    private boolean key(KeyEvent e) {
        if (e.isShortcutDown() && e.getCode() == KeyCode.E) {
            exportShown();
            return true;
        }
        if (e.isShortcutDown() || e.isAltDown()) {
            return false;
        }
        switch (e.getCode()) {
            case DIGIT1, NUMPAD1 -> show(TakingsViewModel.Report.TAKINGS);
            case DIGIT2, NUMPAD2 -> show(TakingsViewModel.Report.TENDERS);
            case DIGIT3, NUMPAD3 -> show(TakingsViewModel.Report.CLERKS);
            case DIGIT4, NUMPAD4 -> show(TakingsViewModel.Report.HOURS);
            case DIGIT5, NUMPAD5 -> show(TakingsViewModel.Report.ADJUSTMENTS);
            case DIGIT6, NUMPAD6 -> showConversion();
            case F6 -> choose(ReportPeriod.TODAY);
            case F7 -> choose(ReportPeriod.LAST_7_DAYS);
            case F8 -> chooseShift();
            default -> {
                return false;
            }
        }
        return true;
    }

    private void redraw(XYChart.Series<String, Number> series) {
        series.getData().setAll(model.rows().stream()
                .map(row -> new XYChart.Data<String, Number>(row.tenderName(), row.percent()))
                .toList());
    }
}
