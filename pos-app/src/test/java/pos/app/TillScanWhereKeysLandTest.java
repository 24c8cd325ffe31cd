package pos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.checkout.CartRow;
import pos.app.checkout.CheckoutState;
import pos.core.sale.SaleState;

/**
 * Issue 11: where the keys land decides with their timing whether a burst is a scan (DESIGN §7):
 * a scan works with the cart focused, a scan during cash entry does what it always did, and digits
 * that cannot be a product typed into the cash field stay the clerk's typing. The till's real window
 * (headless Monocle); scanner bursts are real key presses {@value #SCANNER_PACE_MILLIS} ms apart.
 */
@ExtendWith(ApplicationExtension.class)
class TillScanWhereKeysLandTest {

    static final String MILK_EAN = TillFlowTest.MILK_EAN; // €5.09
    static final String MILK = TillFlowTest.MILK;
    static final long SCANNER_PACE_MILLIS = 8;
    /** A person's pace: each key well past the test's scanner gap. */
    static final long PERSON_PACE_MILLIS = 330;

    @TempDir
    static Path tempDir;
    static int tills;

    Wiring wiring;
    final List<String> scans = new CopyOnWriteArrayList<>();
    final List<String> tenderedTexts = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", tempDir.resolve("till-" + (++tills)).toString(), "pos.till.id", "scan-till", "pos.demo", "true",
                        // as TillFlowTest: Monocle's robot on a loaded 2-core box is slower than a scanner
                        "pos.scanner.maxGapMs", "150"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        wiring.scanner().onScan(scan -> scans.add(scan.code()));
        wiring.sellModel().cash().tenderedTextProperty().addListener((obs, old, now) -> tenderedTexts.add(now));
        Scene scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("R1 an EAN-13 scanned at 8 ms per key adds the product while the cart table has the focus")
    void aScanWithTheCartFocusedAddsTheProduct(FxRobot robot) {
        TableView<?> cart = robot.lookup(".cart").queryAs(TableView.class);
        TextField entry = robot.lookup(".entry-field").queryAs(TextField.class);
        robot.interact(cart::requestFocus);

        new PacedKeys(robot).type(MILK_EAN, SCANNER_PACE_MILLIS, KeyCode.ENTER);
        PacedKeys.pause(450); // three gaps: anything wrongly held would be given back by now
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(scans).containsExactly(MILK_EAN);
        assertThat(cartNames()).containsExactly(MILK);
        assertThat(entry.getText()).as("no digit of the scan leaked into the entry field").isEmpty();
    }

    @Test
    @DisplayName("issue 11 keys a clerk types while the cart has the focus go on in the entry field, and Enter searches")
    void typingWithTheCartFocusedGoesToTheEntryField(FxRobot robot) {
        TableView<?> cart = robot.lookup(".cart").queryAs(TableView.class);
        TextField entry = robot.lookup(".entry-field").queryAs(TextField.class);
        robot.interact(() -> wiring.sellModel().handleScan(MILK_EAN));
        robot.interact(cart::requestFocus);

        new PacedKeys(robot).type("wholemeal", PERSON_PACE_MILLIS, null);
        PacedKeys.pause(450);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(entry.getText()).isEqualTo("wholemeal");
        assertThat(entry.isFocused()).isTrue();
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cartNames()).as("the name search found the one product; the till says: %s", wiring.sellModel().messageProperty().get()).containsExactly(MILK, "Wholemeal bread 750 g");
        assertThat(scans).isEmpty();
    }

    @Test
    @DisplayName("R1 a product scanned during cash entry is refused as before: \"Finish the payment first\", the cash typed so far and the cart untouched")
    void aScanDuringCashEntryIsRefusedAsBefore(FxRobot robot) {
        robot.interact(() -> wiring.sellModel().handleScan(MILK_EAN));
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        TextField tendered = robot.lookup(".tender-field").queryAs(TextField.class);
        assertThat(tendered.isFocused()).isTrue();
        PacedKeys keys = new PacedKeys(robot);
        keys.type("20", PERSON_PACE_MILLIS, null);
        PacedKeys.pause(450);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tendered.getText()).isEqualTo("20");

        keys.type(MILK_EAN, SCANNER_PACE_MILLIS, KeyCode.ENTER);
        PacedKeys.pause(450);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(scans).containsExactly(MILK_EAN);
        Label message = robot.lookup(".message").queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("Finish the payment first, or press Esc to go back to the cart.");
        assertThat(message.getStyleClass()).contains("error");
        assertThat(tendered.getText()).as("the scan's digits did not land in the cash field").isEqualTo("20");
        assertThat(mode()).isEqualTo(CheckoutState.CASH);
        assertThat(wiring.sellModel().currentSale().state()).isNotEqualTo(SaleState.PAID);
        assertThat(wiring.sellModel().cart().rows()).singleElement().satisfies(row -> assertThat(row.quantity()).isEqualTo("1"));
        assertThat(wiring.journal().count()).isZero();
    }

    @Test
    @DisplayName("R1 DESIGN §7 thirteen digits with a wrong check digit, in a burst into the cash field, are typing: they become the amount text, not a scan")
    void aWrongCheckDigitBurstInTheCashFieldIsTyping(FxRobot robot) {
        robot.interact(() -> wiring.sellModel().handleScan(MILK_EAN));
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        TextField tendered = robot.lookup(".tender-field").queryAs(TextField.class);
        assertThat(tendered.isFocused()).isTrue();
        String misread = "4098369006028"; // the milk's EAN with the last digit wrong

        new PacedKeys(robot).type(misread, SCANNER_PACE_MILLIS, KeyCode.ENTER);
        PacedKeys.pause(450);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(scans).as("the burst was no scan").isEmpty();
        assertThat(tenderedTexts).as("every digit reached the cash field, in order, before the Enter")
                .containsSubsequence("4", "40", "409", "4098", misread.substring(0, 12), misread);
        assertThat(wiring.sellModel().messageProperty().get()).doesNotStartWith("Finish the payment first");
    }

    private List<String> cartNames() {
        return wiring.sellModel().cart().rows().stream().map(CartRow::name).toList();
    }

    private CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }
}
