package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/**
 * Issue 12 point 8 through the real reports window (headless, Monocle) over the till's real SQLite journal: each
 * report opened by its key, the takings figures on screen, the per-hour chart, the conversion report beside them,
 * a CSV export of two of them into the data directory's exports folder with the path shown.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("Issue 12 point 8: the reports window, every report by key")
class ReportsTakingsFlowTest {

    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    static Path dataDir;

    Wiring wiring;
    Stage owner;

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "takings-till", "pos.demo", "true"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        // the system clock: the journal stamps its rows with it, and the takings are read by those stamps
        wiring = Wiring.start(config, Clock.systemUTC());
        owner = stage;
        stage.setScene(new Scene(new StackPane(new Label("till")), 1280, 800));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
    }

    private void sale(String id, String clerkId, String clerkName, TenderType type, long total, long discount,
            List<AuditEntry> audit) {
        Instant now = Instant.now();
        wiring.journal().appendRecord(new SaleRecord(id, "takings-till", SaleState.PAID, "EUR", total, 0, now.minusSeconds(30),
                now, List.of(new SaleRecord.Line(1, "4098369006029", "Whole milk 1 L", 1, 0, total + discount, total, "REDUCED",
                        total + discount, discount, discount == 0 ? null : "damaged", 700, 0)),
                List.of(new SaleRecord.Payment(type, total, total, 0, type == TenderType.CASH ? null : "ref-" + id)),
                clerkId, clerkName, null, 0, null, 0, audit));
    }

    @Test
    @DisplayName("Issue 12 point 8: keys 1 to 6 show takings, per tender, per clerk, per hour (chart), returns · discounts · voids, conversion; Ctrl+E exports the one shown")
    void everyReportByKeyAndExported(FxRobot robot) throws Exception {
        sale("01KTAKINGSFLOW0000000000S1", "ann", "Ann", TenderType.CASH, 1240, 0, List.of());
        sale("01KTAKINGSFLOW0000000000S2", "bob", "Bob", TenderType.CARD, 2500, 0,
                List.of(new AuditEntry(AuditKind.LINE_VOIDED, Instant.now(), "bob", "sam", "2 4006381333931", 350, null)));
        sale("01KTAKINGSFLOW0000000000S3", "bob", "Bob", TenderType.QR, 800, 100, List.of());
        Instant now = Instant.now();
        wiring.journal().appendRecord(new ReturnRecord("01KTAKINGSFLOW0000000000R1", "01KTAKINGSFLOW0000000000S1",
                "takings-till", "takings-till", "ann", null, null, "EUR", 240, 0, now,
                List.of(new ReturnRecord.Line(1, "4098369006029", "Whole milk 1 L", 1, 0, 240, 0, "REDUCED", 700)),
                List.of(new ReturnRecord.Refund(TenderType.CASH, 240, null, null, null)), "faulty"));

        Stage[] reports = new Stage[1];
        robot.interact(() -> reports[0] = wiring.openReports(owner));
        @SuppressWarnings("unchecked")
        TableView<List<String>> table = robot.lookup(".takings-table").queryAs(TableView.class);

        // 1: the takings, shown first
        await("the takings").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> table.getItems().size() == 3));
        assertThat(rowsOf(table)).extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactly("Sales 3", "Returns 1", "Takings (sales \u2212 returns) ");
        assertThat(rowsOf(table).get(2).get(2)).contains("43.00");
        assertThat(robot.lookup(".takings-period").queryAs(Label.class).getText()).isEqualTo("Today");
        assertThat(selected(robot, ".report-takings")).isTrue();
        // every button says its key
        assertThat(Stream.of(".period-today", ".period-week", ".period-shift", ".report-takings", ".report-tenders",
                ".report-clerks", ".report-hours", ".report-adjustments", ".report-conversion")
                .map(css -> robot.lookup(css).queryAs(ToggleButton.class).getText()))
                .containsExactly("Today (F6)", "Last 7 days (F7)", "Shift (F8)", "1 Takings", "2 Per tender", "3 Per clerk",
                        "4 Per hour", "5 Returns \u00b7 discounts \u00b7 voids", "6 Conversion");
        assertThat(robot.lookup(".reports .export").queryAs(javafx.scene.control.Button.class).getText())
                .isEqualTo("Export CSV (Ctrl+E)");

        // 2: per tender
        robot.push(KeyCode.DIGIT2);
        await("per tender").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .until(onFx(() -> table.getColumns().get(0).getText().equals("Tender")));
        assertThat(rowsOf(table)).extracting(r -> r.get(0) + " " + r.get(1)).containsExactly("Cash 1", "QR (till shows code) 1", "Card 1");
        assertThat(selected(robot, ".report-tenders")).isTrue();

        // 3: per clerk
        robot.push(KeyCode.DIGIT3);
        await("per clerk").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .until(onFx(() -> table.getColumns().get(0).getText().equals("Clerk")));
        assertThat(rowsOf(table)).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(3)).containsExactly("Ann 1 1", "Bob 2 0");

        // 4: per hour, with the chart
        robot.push(KeyCode.DIGIT4);
        await("per hour").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .until(onFx(() -> table.getColumns().get(0).getText().equals("Hour")));
        BarChart<?, ?> chart = robot.lookup(".hour-chart").queryAs(BarChart.class);
        assertThat(chart.isVisible()).isTrue();
        assertThat(chart.getData().get(0).getData()).hasSize(rowsOf(table).size()).isNotEmpty();

        // 5: returns, discounts and voids
        robot.push(KeyCode.DIGIT5);
        await("returns, discounts, voids").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .until(onFx(() -> rowsOf(table).stream().anyMatch(r -> r.get(0).equals("Lines voided"))));
        assertThat(rowsOf(table)).filteredOn(r -> r.get(0).equals("Lines voided")).singleElement()
                .satisfies(r -> assertThat(r.get(1) + " " + r.get(2)).contains("1 ").contains("3.50"));
        assertThat(rowsOf(table)).filteredOn(r -> r.get(0).equals("Discounts given")).singleElement()
                .satisfies(r -> assertThat(r.get(2)).contains("1.00"));
        assertThat(chart.isVisible()).isFalse();

        // Ctrl+E: this report as CSV, the path shown
        robot.push(KeyCode.SHORTCUT, KeyCode.E);
        Label exportLabel = robot.lookup(".export-message").queryAs(Label.class);
        await("the export's path shown").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> exportLabel.getText().startsWith("Saved: ")));
        Path exported = Path.of(exportLabel.getText().substring("Saved: ".length()));
        assertThat(exported.getParent()).isEqualTo(wiringDataDir().resolve("exports"));
        assertThat(exported.getFileName().toString()).startsWith("takings-adjustments-").endsWith(".csv");
        assertThat(Files.readString(exported)).contains("Lines voided,1,3.50");

        // 6: the conversion report beside them, exported too
        robot.push(KeyCode.DIGIT6);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".conversion-table").queryAs(Node.class).isVisible()).isTrue();
        assertThat(table.getParent().isVisible()).as("the takings pane").isFalse();
        assertThat(selected(robot, ".report-conversion")).isTrue();
        robot.push(KeyCode.SHORTCUT, KeyCode.E);
        await("the conversion export").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> exportLabel.getText().contains("conversion-")));
        Path conversion = Path.of(exportLabel.getText().substring("Saved: ".length()));
        assertThat(Files.readAllLines(conversion).get(0)).contains("Tender,Opened,Paid,Conversion,Paid without the page");

        // F8: a shift; none was opened, so the day, said so
        robot.push(KeyCode.F8);
        await("the shift report").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .until(onFx(() -> robot.lookup(".takings-period").queryAs(Label.class).getText()
                        .equals("No shift opened today: the whole day")));
        assertThat(table.getParent().isVisible()).as("the takings pane").isTrue();
        assertThat(selected(robot, ".period-shift")).isTrue();

        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(reports[0].isShowing()).isFalse();
    }

    private Path wiringDataDir() {
        return dataDir.toAbsolutePath();
    }

    private static boolean selected(FxRobot robot, String css) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(css).queryAs(ToggleButton.class).isSelected();
    }

    private static List<List<String>> rowsOf(TableView<List<String>> table) {
        return List.copyOf(table.getItems());
    }
}
