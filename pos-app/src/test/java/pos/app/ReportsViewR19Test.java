package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.awaitility.core.ConditionTimeoutException;
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
import pos.app.reports.ReportRow;
import pos.core.events.PageIds;
import pos.core.events.UiEvent;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;

/**
 * The reports view through a real window (headless, Monocle), opened the way the sell screen will
 * open it ({@link Wiring#openReports}), over the till's real SQLite journal: events recorded through
 * the till's event recorder, sales appended to its journal.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("R19 reports view")
class ReportsViewR19Test {

    private static final Duration POLL = Duration.ofMillis(50);

    static final Instant NOW = Instant.parse("2026-11-29T15:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    static Path dataDir;

    Wiring wiring;
    Stage owner;
    final AtomicInteger saleNo = new AtomicInteger();
    final TransactionId.Generator ids = new TransactionId.Generator(CLOCK);

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "report-till", "pos.demo", "true"), Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config, CLOCK);
        owner = stage;
        stage.setScene(new Scene(new StackPane(new Label("till")), 1280, 800));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
    }

    private void paidSale(TenderType type, Instant closedAt) {
        String id = ids.next().value();
        SaleRecord.Payment payment = type == TenderType.CASH ? new SaleRecord.Payment(type, 500, 500, 0)
                : new SaleRecord.Payment(type, 500, 500, 0, ids.next().value());
        wiring.journal().append(new SaleRecord(id, "report-till", SaleState.PAID, "EUR", 500, 80, closedAt.minusSeconds(40),
                closedAt, List.of(new SaleRecord.Line(1, "4098369006029", "Whole milk 1 L", 1, 0, 500, 500, "REDUCED")),
                List.of(payment)));
        saleNo.incrementAndGet();
    }

    @Test
    @DisplayName("R19 the reports view shows opened, paid and conversion per tender in the table and the chart; 7 days adds older data")
    void showsTableAndChart(FxRobot robot) throws Exception {
        // Today: 10 card tenders opened, 7 paid; 3 QR tenders opened, 4 QR codes shown, 2 paid by QR.
        for (int i = 0; i < 10; i++) {
            wiring.eventRecorder().pageShown(PageIds.TENDER_CARD);
        }
        for (int i = 0; i < 3; i++) {
            wiring.eventRecorder().pageShown(PageIds.TENDER_QR);
        }
        for (int i = 0; i < 4; i++) {
            wiring.eventRecorder().pageShown(PageIds.QR_SHOWN);
        }
        // issue 12 point 8: a page converts only into the sale open when it showed (opened 40 s before it closes)
        for (int i = 0; i < 7; i++) {
            paidSale(TenderType.CARD, NOW.plusSeconds(1 + i));
        }
        paidSale(TenderType.QR, NOW.plusSeconds(10));
        paidSale(TenderType.QR, NOW.plusSeconds(11));
        // Three days ago: one more card tender opened and paid (only in the last 7 days).
        Instant earlier = NOW.minus(Duration.ofDays(3));
        wiring.eventSink().record(new UiEvent(ids.next().value(), UiEvent.Kind.PAGE_SHOWN, "report-till", PageIds.TENDER_CARD,
                earlier));
        paidSale(TenderType.CARD, earlier);
        await("18 events journaled").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(() -> wiring.events().journal().count() == 18);

        Stage[] reports = new Stage[1];
        robot.interact(() -> reports[0] = wiring.openReports(owner));
        robot.push(KeyCode.DIGIT6); // issue 12 point 8: the takings show first; 6 is the conversion report
        TableView<?> table = robot.lookup(".conversion-table").queryAs(TableView.class);
        Label status = robot.lookup(".reports .status").queryAs(Label.class);
        try {
            await("the report's four rows").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                    .until(onFx(() -> table.getItems().size() == 4));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no report rows; the view says: " + status.getText(), e);
        }

        assertThat(reports[0].isShowing()).isTrue();
        assertThat(reports[0].getOwner()).isSameAs(owner);
        assertThat(reports[0].getTitle()).isEqualTo("Reports \u00b7 takings, shifts and conversion");
        ReportRow card = row(table, TenderType.CARD);
        assertThat(card.opened()).isEqualTo(10);
        assertThat(card.paid()).isEqualTo(7);
        assertThat(cellTexts(robot)).containsSubsequence("Card", "10", "7", "70%");
        assertThat(cellTexts(robot)).containsSubsequence("QR (till shows code)", "3", "2", "66.7%");
        assertThat(robot.lookup(".qr-shown").queryAs(Label.class).getText()).isEqualTo("QR code shown \u2192 paid: 2 of 4 (50%)");
        assertThat(chartValues(robot)).containsEntry("Card", 70.0).containsEntry("QR (till shows code)", 66.7)
                .containsEntry("Cash", 0.0);

        robot.clickOn(".period-week");
        await("the week's card rate of 72.7%").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> cellTexts(robot).contains("72.7%")));
        assertThat(row(table, TenderType.CARD).opened()).isEqualTo(11);
        assertThat(row(table, TenderType.CARD).paid()).isEqualTo(8);
        assertThat(chartValues(robot)).containsEntry("Card", 72.7);

        // The reports screen's own page view and period click were recorded too.
        await("20 events journaled").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(() -> wiring.events().journal().count() == 20);

        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(reports[0].isShowing()).isFalse();
    }

    private static ReportRow row(TableView<?> table, TenderType type) {
        return table.getItems().stream().map(ReportRow.class::cast).filter(r -> r.tender() == type).findFirst().orElseThrow();
    }

    private static List<String> cellTexts(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".conversion-table .table-cell").queryAllAs(TableCell.class).stream()
                .map(TableCell::getText).filter(t -> t != null && !t.isEmpty()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> chartValues(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        BarChart<String, Number> chart = robot.lookup(".conversion-chart").queryAs(BarChart.class);
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (XYChart.Data<String, Number> data : chart.getData().get(0).getData()) {
            values.put(data.getXValue(), data.getYValue().doubleValue());
        }
        return values;
    }
}
