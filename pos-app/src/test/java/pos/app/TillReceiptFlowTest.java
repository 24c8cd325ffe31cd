package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.receipt.PaperWidth;
import pos.device.printer.PrinterSettings;
import pos.testkit.printer.EscPosEvent;
import pos.testkit.printer.Receipt;
import pos.testkit.printer.VirtualEscPosPrinter;

/**
 * Issue 12, points 1 and 2, Done-when: the till's real window (headless Monocle, 1024×768) and the
 * virtual ESC/POS printer on a TCP port, given to the till through its data directory's
 * printer.properties. Keyboard only.
 */
@ExtendWith(ApplicationExtension.class)
class TillReceiptFlowTest {

    static final String MILK_EAN = "4098369006029";      // €5.09, RED 7 %
    static final String WATER_EAN = "4007582877033";     // €2.89, STD 20 %
    static final String TEA = "乌龙茶 500毫升";
    static final String DUMPLINGS = "猪肉白菜水饺";

    @TempDir
    static Path base;

    VirtualEscPosPrinter printer;
    Wiring wiring;
    Scene scene;

    @Start
    void start(Stage stage) throws IOException {
        printer = VirtualEscPosPrinter.onTcp();
        Path dataDir = Files.createTempDirectory(base, "till");
        new PrinterSettings(PrinterSettings.Kind.NETWORK, printer.address(), PrinterSettings.DEFAULT_BAUD_RATE,
                PaperWidth.MM80, true).save(dataDir);
        Path catalog = dataDir.resolve("catalog.csv");
        Files.writeString(catalog, String.join("\n",
                "# currency=EUR",
                "# tax_classes=STD:2000,RED:700,ZERO:0",
                "code,gtin,name,price_minor,tax_class,unit,plu,category",
                "1001," + MILK_EAN + ",Whole milk 1 L,509,RED,PIECE,,dairy",
                "1036," + WATER_EAN + ",Still water 1.5 L,289,STD,PIECE,,drinks",
                "1003,4052685969383," + TEA + ",800,STD,PIECE,,drinks",
                "1004,4093739640179," + DUMPLINGS + ",1250,RED,PIECE,,frozen", ""), StandardCharsets.UTF_8);
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "print-till", "pos.scanner.maxGapMs", "150",
                        "pos.demo", "true", "pos.catalog", catalog.toString(), "pos.store.name", "Corner Shop",
                        "pos.store.address", "1 High Street|Springfield", "pos.store.taxNumber", "GB123456789"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        scene = new Scene(wiring.sellScreen(), 1024, 768);
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
    @DisplayName("Issue 12 Done-when: a cash sale prints a receipt with the store header, the lines, tax per rate, the tender"
            + " and change and the id's code, followed by a cut and a drawer pulse")
    void aCashSalePrintsItsReceiptThenTheCutThenTheDrawerPulse(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> printerStatus(robot).equals("Printer: ready"));
        String id = sellForCash(robot, "20", MILK_EAN, WATER_EAN);

        List<Receipt> receipts = printer.awaitReceipts(1);
        assertThat(receipts).hasSize(1);
        Receipt receipt = receipts.get(0);
        List<String> lines = receipt.strippedLines();
        assertThat(lines).contains("Corner Shop", "1 High Street", "Springfield", "Tax no. GB123456789", "Receipt");
        assertThat(lines).anyMatch(l -> l.startsWith("Whole milk 1 L") && l.endsWith("€5.09"));
        assertThat(lines).anyMatch(l -> l.startsWith("Still water 1.5 L") && l.endsWith("€2.89"));
        assertThat(lines).as("tax per rate: 5.09 × 7/107 and 2.89 × 20/120")
                .anyMatch(l -> l.startsWith("incl. tax RED 7%") && l.endsWith("€0.33"))
                .anyMatch(l -> l.startsWith("incl. tax STD 20%") && l.endsWith("€0.48"));
        assertThat(lines).anyMatch(l -> l.startsWith("TOTAL") && l.endsWith("€7.98"));
        assertThat(lines).anyMatch(l -> l.startsWith("Cash") && l.endsWith("€7.98"));
        assertThat(lines).anyMatch(l -> l.startsWith("Given") && l.endsWith("€20.00"));
        assertThat(lines).anyMatch(l -> l.startsWith("Change") && l.endsWith("€12.02"));
        assertThat(lines).contains("Till: print-till", "No. " + id);
        assertThat(receipt.qrCodes()).as("the id's code: a QR code by default").extracting(EscPosEvent.QrCode::data)
                .containsExactly(id);

        // the ORDER: the receipt's text and code, then the cut, then the drawer pulse
        List<EscPosEvent> events = receipt.events();
        int lastPrinted = lastIndexOf(events, e -> e instanceof EscPosEvent.TextLine || e instanceof EscPosEvent.QrCode);
        int cut = lastIndexOf(events, e -> e instanceof EscPosEvent.Cut);
        int pulse = lastIndexOf(events, e -> e instanceof EscPosEvent.DrawerPulse);
        assertThat(lastPrinted).isLessThan(cut);
        assertThat(cut).isLessThan(pulse);
        assertThat(receipt.drawerPulses()).hasSize(1);

        // every drawer opening is in the journal: DRAWER_PULSED for this sale
        await().atMost(Duration.ofSeconds(5)).until(() -> events(AuditKind.DRAWER_PULSED).size() == 1);
        assertThat(events(AuditKind.DRAWER_PULSED).get(0).entry().subject()).isEqualTo(id);
    }

    @Test
    @DisplayName("Issue 12 Done-when: a sale with Chinese product names prints them through the GBK mode and decodes back"
            + " to the same text")
    void chineseProductNamesPrintThroughGbkAndDecodeBack(FxRobot robot) {
        String id = sellForCash(robot, "50", "4052685969383", "4093739640179");

        Receipt receipt = printer.awaitReceipts(1).get(0);
        assertThat(receipt.strippedLines()).anyMatch(l -> l.startsWith(TEA) && l.endsWith("€8.00"))
                .anyMatch(l -> l.startsWith(DUMPLINGS) && l.endsWith("€12.50"));
        assertThat(receipt.qrCodes()).extracting(EscPosEvent.QrCode::data).containsExactly(id);
        byte[] sent = printer.bytes();
        assertThat(indexOf(sent, new byte[] {0x1C, 0x26})).as("FS &: the printer's Chinese (GBK) mode is switched on")
                .isNotNegative();
        assertThat(indexOf(sent, DUMPLINGS.getBytes(Charset.forName("GBK")))).as("the name went out GBK-encoded")
                .isNotNegative();
    }

    @Test
    @DisplayName("Issue 12 Done-when: printer unplugged mid-day → the status bar says so, the sale completes, and reprint"
            + " after it returns prints it once")
    void anUnpluggedPrinterNeverLosesASaleAndTheReprintPrintsOnce(FxRobot robot) {
        String first = sellForCash(robot, "10", MILK_EAN);
        printer.awaitReceipts(1);
        robot.push(KeyCode.F12); // the next customer
        WaitForAsyncUtils.waitForFxEvents();

        printer.offline(true); // unplugged
        String second = sellForCash(robot, "5", WATER_EAN);
        assertThat(wiring.journal().find(second)).as("the sale is complete without its receipt").isPresent();
        await().atMost(Duration.ofSeconds(15)).until(() -> printerStatus(robot).equals(
                "Printer: offline — receipt of the last sale not printed, Alt+R prints it"));
        assertThat(robot.lookup(".status-printer").queryAs(Label.class).getStyleClass()).contains("warning");

        printer.offline(false); // plugged in again
        await().atMost(Duration.ofSeconds(25)).until(() -> printerStatus(robot).equals(
                "Printer: ready — receipt of the last sale not printed, Alt+R prints it"));
        assertThat(printer.receipts()).as("no automatic reprint").hasSize(1);

        robot.push(KeyCode.ALT, KeyCode.R);
        List<Receipt> receipts = printer.awaitReceipts(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> printerStatus(robot).equals("Printer: ready"));
        assertThat(printer.receipts()).as("the reprint printed once").hasSize(2);
        Receipt copy = receipts.get(1);
        assertThat(copy.strippedLines()).contains("*** COPY ***", "No. " + second);
        assertThat(copy.qrCodes()).extracting(EscPosEvent.QrCode::data).containsExactly(second);
        assertThat(copy.drawerPulses()).as("a copy never opens the drawer").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> events(AuditKind.RECEIPT_REPRINTED).size() == 1);
        assertThat(events(AuditKind.RECEIPT_REPRINTED).get(0).entry().subject()).isEqualTo(second);
        assertThat(events(AuditKind.DRAWER_PULSED)).extracting(e -> e.entry().subject()).containsExactly(first);
    }

    /** Scans the codes, F9, types the amount given, Enter: the sale is journaled; its id. */
    private String sellForCash(FxRobot robot, String given, String... codes) {
        for (String code : codes) {
            robot.interact(() -> wiring.sellModel().handleScan(code));
        }
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().stateProperty().get()).isEqualTo(CheckoutState.CASH);
        for (char c : given.toCharArray()) {
            robot.write(c);
            robot.sleep(170);
        }
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> wiring.sellModel().stateProperty().get() == CheckoutState.PAID);
        String id = wiring.sellModel().currentSale().id().value();
        assertThat(wiring.journal().find(id)).isPresent();
        return id;
    }

    private String printerStatus(FxRobot robot) {
        Label label = robot.lookup(".status-printer").queryAs(Label.class);
        return label == null ? "" : label.getText();
    }

    private List<TillEvent> events(AuditKind kind) {
        return wiring.journal().records(TillEvent.class, Instant.EPOCH, Instant.now().plusSeconds(3600)).stream()
                .filter(e -> e.entry().kind() == kind).toList();
    }

    private static int lastIndexOf(List<EscPosEvent> events, java.util.function.Predicate<EscPosEvent> which) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (which.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
