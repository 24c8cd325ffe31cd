package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.checkout.CheckoutState;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.shift.ReportLine;
import pos.core.sale.SaleRecord;
import pos.core.shift.ZReport;

/**
 * Issue 12 point 5 through the till's real window (headless, Monocle), keyboard only: Ctrl+S, the float, Enter opens
 * the shift; a cash sale on the sell screen is sold in it; Ctrl+S, a pay-out (amount, Enter, reason, F6); F9 counts
 * the drawer by denomination, Enter asks for the reason of the difference, Enter makes Z #1, shown on screen and kept
 * in the SQLite journal. Ctrl+N with nobody signed in to approve does not open the drawer and says why.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("Issue 12 point 5: the shift screen, from the sell screen's Ctrl+S to Z #1")
class TillShiftFlowTest {

    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    static Path dataDir;

    Wiring wiring;
    Scene scene;
    pos.testkit.printer.VirtualEscPosPrinter printer;

    @Start
    void start(Stage stage) {
        // issue 12 integration: the till prints on the virtual ESC/POS printer, set up through its printer.properties
        printer = pos.testkit.printer.VirtualEscPosPrinter.onTcp();
        new pos.device.printer.PrinterSettings(pos.device.printer.PrinterSettings.Kind.NETWORK, printer.address(),
                pos.device.printer.PrinterSettings.DEFAULT_BAUD_RATE, pos.core.receipt.PaperWidth.MM58, true).save(dataDir);
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "shift-till", "pos.scanner.maxGapMs", "150", "pos.demo", "true"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
        printer.close();
    }

    @Test
    @DisplayName("open with a float, a sale, a pay-out, close with a counted difference and its reason: Z #1 shown and journaled")
    void openSellPayOutCloseWithVariance(FxRobot robot) {
        // Ctrl+N with nobody signed in: no supervisor can approve, the drawer stays shut, nothing is journaled, the clerk is told
        robot.press(KeyCode.CONTROL).press(KeyCode.N).release(KeyCode.N).release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().messageProperty().get().startsWith("Nobody is signed in")));
        assertThat(wiring.journal().records(pos.core.audit.TillEvent.class, Instant.EPOCH, Instant.now().plusSeconds(60))).isEmpty();

        openShiftScreen(robot);
        await("the screen asks for the float").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> robot.lookup(".shift-amount").queryAs(TextField.class).isFocused()));
        robot.write("200");
        robot.type(KeyCode.ENTER);
        Label headline = robot.lookup(".shift-headline").queryAs(Label.class);
        Label message = robot.lookup(".shift-message").queryAs(Label.class);
        await("the shift is open").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> headline.getText().startsWith("Shift open since"),
                        () -> headline.getText() + " / " + message.getText() + " / typed: "
                                + robot.lookup(".shift-amount").queryAs(TextField.class).getText()));
        String shiftId = wiring.shifts().shifts().currentShiftId().orElseThrow();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        robot.targetWindow(scene.getWindow());

        // a cash sale on the sell screen: 5.09, paid with 20
        for (char c : TillFlowTest.MILK_EAN.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("20");
        robot.type(KeyCode.ENTER);
        await("the sale is paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().stateProperty().get() == CheckoutState.PAID));
        String saleId = wiring.sellModel().currentSale().id().value();
        await("the sale is journaled in the shift").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(() -> wiring.journal().find(saleId).map(SaleRecord::shiftId).filter(shiftId::equals).isPresent());

        // the pay-out: amount, Enter to the reason, the reason, F6
        openShiftScreen(robot);
        await("the shift screen shows the open shift").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> robot.lookup(".shift-amount").queryAs(TextField.class).isFocused()
                        && robot.lookup(".shift-headline").queryAs(Label.class).getText().startsWith("Shift open")));
        robot.write("15");
        robot.type(KeyCode.ENTER);
        robot.write("window cleaner");
        robot.push(KeyCode.F6);
        Label said = robot.lookup(".shift-message").queryAs(Label.class); // this window's message line
        await("the pay-out is taken").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> said.getText().startsWith("Paid out"), said::getText));

        // F9: count. Expected 200.00 + 5.09 − 15.00 = 190.09; counted 100 + 50 + 2 × 20 = 190.00
        robot.push(KeyCode.F9);
        await("the count starts at the largest note").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> robot.lookup(".count-50000").queryAs(TextField.class).isFocused()));
        robot.type(KeyCode.TAB, 2); // past the 500 and 200 notes
        robot.write("1");
        robot.type(KeyCode.TAB);
        robot.write("1");
        robot.type(KeyCode.TAB);
        robot.write("2");
        Label variance = robot.lookup(".shift-variance").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(5)).pollInterval(POLL).until(onFx(() -> variance.getText().contains("Short by")));
        assertThat(variance.getText()).contains("0.09");
        robot.type(KeyCode.ENTER);
        await("a reason is asked for").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .until(onFx(() -> said.getText().contains("type the reason")
                        && robot.lookup(".shift-reason").queryAs(TextField.class).isFocused()));
        robot.write("coins miscounted");
        robot.type(KeyCode.ENTER);

        Label title = robot.lookup(".report-title").queryAs(Label.class);
        await("Z #1 is shown").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> "Z report #1".equals(title.getText())));
        @SuppressWarnings("unchecked")
        ListView<ReportLine> lines = robot.lookup(".report-lines").queryAs(ListView.class);
        List<String> shown = lines.getItems().stream().map(l -> l.label() + " " + l.value()).toList();
        assertThat(shown).anyMatch(l -> l.startsWith("Sales (1)") && l.contains("5.09"))
                .anyMatch(l -> l.startsWith("Pay-outs (1)") && l.contains("15.00"))
                .anyMatch(l -> l.startsWith("Expected in the drawer") && l.contains("190.09"))
                .anyMatch(l -> l.startsWith("Counted in the drawer") && l.contains("190.00"))
                .contains("Reason coins miscounted");
        assertThat(said.getText()).contains("Z #1 made");

        List<ZReport> zs = wiring.journal().records(ZReport.class, Instant.EPOCH, Instant.now().plusSeconds(60));
        assertThat(zs).singleElement().satisfies(z -> {
            assertThat(z.zNumber()).isEqualTo(1);
            assertThat(z.shiftId()).isEqualTo(shiftId);
            assertThat(z.varianceMinor()).isEqualTo(-9);
            assertThat(z.varianceReason()).isEqualTo("coins miscounted");
            assertThat(z.countedCash()).containsExactlyInAnyOrderEntriesOf(Map.of(10000L, 1, 5000L, 1, 2000L, 2));
            assertThat(z.figures().salesCount()).isEqualTo(1);
            assertThat(z.figures().payOutsMinor()).isEqualTo(1500);
        });
        assertThat(wiring.shifts().shifts().current()).isEmpty();

        // printed: the sale's receipt, the pay-out's drawer pulse, then Z #1 on 58 mm paper with its figures and a cut
        await("Z #1 comes out of the printer").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .until(() -> printer.receipts().stream().anyMatch(r -> r.strippedLines().contains("Z report #1")));
        List<pos.testkit.printer.Receipt> paper = printer.awaitReceipts(3);
        pos.testkit.printer.Receipt zPaper = paper.get(paper.size() - 1);
        assertThat(zPaper.strippedLines()).contains("Z report #1", "Till: shift-till", "Reason: coins miscounted")
                .anyMatch(l -> l.startsWith("Sales (1)") && l.endsWith("5.09"))
                .anyMatch(l -> l.startsWith("Pay-outs (1)") && l.endsWith("15.00"))
                .anyMatch(l -> l.startsWith("Cash expected") && l.endsWith("190.09"))
                .anyMatch(l -> l.startsWith("Counted") && l.endsWith("190.00"))
                .anyMatch(l -> l.startsWith("Variance") && l.endsWith("0.09"))
                .anyMatch(l -> l.startsWith("1 x ") && l.endsWith("100.00"));
        assertThat(String.join(" ", zPaper.strippedLines())).containsPattern("\\d+ records were not yet handed on to the store|All records were handed on");
        assertThat(zPaper.isCut()).isTrue();
        assertThat(paper).anySatisfy(r -> assertThat(r.drawerPulses()).as("the pay-out opened the drawer").isNotEmpty());
        assertThat(wiring.journal().records(pos.core.audit.TillEvent.class, Instant.EPOCH, Instant.now().plusSeconds(60)))
                .anyMatch(e -> e.entry().kind() == pos.core.audit.AuditKind.DRAWER_PULSED && "pay-out".equals(e.entry().subject())
                        && shiftId.equals(e.shiftId()));
    }

    private void openShiftScreen(FxRobot robot) {
        robot.press(KeyCode.CONTROL).press(KeyCode.S).release(KeyCode.S).release(KeyCode.CONTROL);
        await("the shift screen opens").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> shiftWindow().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.targetWindow(shiftWindow().orElseThrow()); // the robot types into the shift window from now on
    }

    private static java.util.Optional<Window> shiftWindow() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                && w.getScene().getRoot().getStyleClass().contains("shift")).findFirst();
    }
}
