package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import pos.app.checkout.CheckoutState;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.core.receipt.PaperWidth;
import pos.device.printer.PrinterSettings;
import pos.testkit.printer.EscPosEvent;
import pos.testkit.printer.Receipt;
import pos.testkit.printer.VirtualEscPosPrinter;

/**
 * Issue 12 point 1: a till without a printer says so; the printer settings screen (Ctrl+Shift+P) is set
 * up by keyboard only, prints a test page (Enter), saves (Ctrl+Enter) and the running till prints on it;
 * a receipt is found by its number and reprinted (Shift+Alt+R). The real window, the virtual printer.
 */
@ExtendWith(ApplicationExtension.class)
class TillPrinterScreensFlowTest {

    static final String MILK_EAN = "4098369006029";

    @TempDir
    static Path base;

    VirtualEscPosPrinter printer;
    Path dataDir;
    Wiring wiring;

    @Start
    void start(Stage stage) throws Exception {
        printer = VirtualEscPosPrinter.onTcp();
        dataDir = Files.createTempDirectory(base, "till");
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "screens-till", "pos.scanner.maxGapMs", "150",
                        "pos.demo", "true"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        Scene scene = new Scene(wiring.sellScreen(), 1024, 768);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(20, TimeUnit.SECONDS);
        printer.close();
    }

    @Test
    @DisplayName("Issue 12: no printer → 'No receipt printer'; Ctrl+Shift+P, a test page, saved, used; Shift+Alt+R reprints by number")
    void thePrinterIsSetUpByKeyboardAndAReceiptIsReprintedByItsNumber(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> statusText(robot).equals("No receipt printer"));
        assertThat(robot.lookup(".status-reprint").queryAs(Button.class).getText()).isEqualTo("Reprint (Alt+R)");

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".printer-settings").tryQuery()).as("the settings window").isPresent();
        robot.push(KeyCode.DOWN).push(KeyCode.DOWN); // none → USB device file → network
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".printer-kind").queryAs(javafx.scene.control.ComboBox.class).getValue())
                .isEqualTo(PrinterSettings.Kind.NETWORK);
        robot.push(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".printer-address").queryAs(TextField.class).isFocused()).as("Tab: the address").isTrue();
        robot.targetWindow(robot.lookup(".printer-settings").query().getScene().getWindow()); // typed text goes there
        robot.write(printer.address());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".printer-address").queryAs(TextField.class).getText()).isEqualTo(printer.address());

        robot.push(KeyCode.ENTER); // a test page on the printer as typed
        await().atMost(Duration.ofSeconds(15)).until(() -> message(robot).startsWith("The test page went to"));
        assertThat(printer.awaitReceipts(1).get(0).strippedLines()).contains("Printer test page");

        robot.push(KeyCode.CONTROL, KeyCode.ENTER); // saved and used
        await().atMost(Duration.ofSeconds(15)).until(() -> message(robot).startsWith("Saved."));
        assertThat(PrinterSettings.load(dataDir)).isEqualTo(new PrinterSettings(PrinterSettings.Kind.NETWORK,
                printer.address(), 9600, PaperWidth.MM80, true));
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".printer-settings").tryQuery()).as("closed").isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> statusText(robot).equals("Printer: ready"));

        robot.interact(() -> wiring.sellModel().handleScan(MILK_EAN));
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().stateProperty().get()).as("F9: " + robot.lookup(".message").queryAs(Label.class).getText())
                .isEqualTo(CheckoutState.CASH);
        robot.push(KeyCode.F10); // the exact amount
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> wiring.sellModel().stateProperty().get() == CheckoutState.PAID);
        String id = wiring.sellModel().currentSale().id().value();
        Receipt receipt = printer.awaitReceipts(2).get(1);
        assertThat(receipt.qrCodes()).extracting(EscPosEvent.QrCode::data).containsExactly(id);

        robot.push(KeyCode.SHIFT, KeyCode.ALT, KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        TextField number = robot.lookup(".reprint-number").queryAs(TextField.class);
        assertThat(number.isFocused()).isTrue();
        robot.targetWindow(number.getScene().getWindow());
        robot.write("01JEQ9A0000000000000000099");
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> reprintMessage(robot).startsWith("No sale or return with the number"));
        robot.interact(() -> number.setText(id)); // as a scanner would type it
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> reprintMessage(robot).equals("Receipt " + id + " printed again (copy)."));
        Receipt copy = printer.awaitReceipts(3).get(2);
        assertThat(copy.strippedLines()).contains("*** COPY ***", "No. " + id);
        assertThat(copy.drawerPulses()).isEmpty();
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".reprint-number").tryQuery()).isEmpty();
    }

    private static String statusText(FxRobot robot) {
        return robot.lookup(".status-printer").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private static String message(FxRobot robot) {
        return robot.lookup(".printer-message").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private static String reprintMessage(FxRobot robot) {
        return robot.lookup(".reprint-message").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
