package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
import pos.core.audit.AuditEntry;
import pos.core.sale.SaleRecord;

/**
 * Issue 12 point 4 in the till's real window (1024×768, headless Monocle), keyboard only, with the
 * real SQLite journal: scan two items, F3 10 % with a reason (Alt+3), Shift+F3 2.00 (Alt+4), pay cash
 * with the store's cash rounding to 0.05: the journaled SaleRecord carries the discounts, the tax per
 * line and rate, the rounding and the audit entries. No dialog: the entry sits beside the cart.
 */
@ExtendWith(ApplicationExtension.class)
class TillDiscountFlowTest {

    static final String MILK_EAN = TillFlowTest.MILK_EAN;  // Whole milk 1 L, €5.09, RED 7 %
    static final String WATER_EAN = "4007582877033";       // Still water 1.5 L, €2.89, STD 20 %

    @TempDir
    static Path dataDir;

    Wiring wiring;
    Scene scene;

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "discount-till", "pos.scanner.maxGapMs", "150",
                        "pos.demo", "true", "pos.cash.rounding", "5"),
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
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLineDiscountAndASaleDiscountArePaidInCashAndJournaledWithTaxPerLineAndTheAuditTrail(FxRobot robot) {
        robot.interact(() -> wiring.sellModel().handleScan(MILK_EAN));
        robot.interact(() -> wiring.sellModel().handleScan(WATER_EAN)); // the water line is selected

        robot.push(KeyCode.F3);
        WaitForAsyncUtils.waitForFxEvents();
        Node pane = robot.lookup(".discount-pane").query();
        assertThat(pane.isVisible()).as("the entry shows beside the cart, no dialog").isTrue();
        assertThat(robot.lookup(".discount-amount").queryAs(TextField.class).isFocused()).isTrue();
        assertThat(robot.lookup(".discount-target").queryAs(Label.class).getText()).isEqualTo("Line 2: Still water 1.5 L, €2.89");
        typeLikeAPerson(robot, "10%");
        robot.press(KeyCode.ALT).type(KeyCode.DIGIT3).release(KeyCode.ALT); // Loyalty
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.isVisible()).isFalse();
        assertThat(robot.lookup(".cart-discount").queryAs(Label.class).getText()).isEqualTo("−10 % (Loyalty) −€0.29");

        robot.push(KeyCode.SHIFT, KeyCode.F3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.isVisible()).isTrue();
        assertThat(robot.lookup(".discount-target").queryAs(Label.class).getText()).isEqualTo("The whole sale, €7.69");
        typeLikeAPerson(robot, "2.00");
        robot.press(KeyCode.ALT).type(KeyCode.DIGIT4).release(KeyCode.ALT); // Staff
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.isVisible()).isFalse();
        assertThat(robot.lookup(".total-value").queryAs(Label.class).getText()).isEqualTo("€5.69");
        assertThat(robot.lookup(".total-discount").queryAs(Label.class).getText())
                .isEqualTo("Discounts −€2.29 · sale −€2.00 (Staff)");

        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(state()).isEqualTo(CheckoutState.CASH);
        assertThat(robot.lookup(".tender-due").queryAs(Label.class).getText()).as("rounded to 0.05, half-up").isEqualTo("€5.70");
        assertThat(robot.lookup(".tender-rounding").queryAs(Label.class).getText())
                .isEqualTo("Cash rounding €0.01 (exact total €5.69)");
        String saleId = wiring.sellModel().currentSale().id().value();
        typeLikeAPerson(robot, "10");
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == CheckoutState.PAID);

        SaleRecord record = wiring.journal().find(saleId).orElseThrow();
        assertThat(record.totalMinor()).isEqualTo(569);
        assertThat(record.roundingMinor()).isEqualTo(1);
        assertThat(record.tenders()).singleElement().satisfies(t -> {
            assertThat(t.amountMinor()).isEqualTo(570);
            assertThat(t.changeMinor()).isEqualTo(430);
        });
        assertThat(record.saleDiscountMinor()).isEqualTo(200);
        assertThat(record.saleDiscountReason()).isEqualTo("Staff");
        // 2.00 over 5.09 and 2.60: 132.38 → 132 and 67.62 → 67, the unit left to the larger remainder: 68
        SaleRecord.Line milk = record.lines().get(0);
        SaleRecord.Line water = record.lines().get(1);
        assertThat(milk.discountMinor()).isEqualTo(132);
        assertThat(milk.discountReason()).isNull();
        assertThat(milk.lineTotalMinor()).isEqualTo(377);
        assertThat(milk.taxRateBasisPoints()).isEqualTo(700);
        assertThat(milk.taxMinor()).isEqualTo(25); // 3.77 × 700 / 10700 = 0.2466 → 0.25
        assertThat(water.discountMinor()).isEqualTo(29 + 68);
        assertThat(water.discountReason()).isEqualTo("Loyalty");
        assertThat(water.lineTotalMinor()).isEqualTo(192);
        assertThat(water.listPriceMinor()).isEqualTo(289);
        assertThat(water.taxRateBasisPoints()).isEqualTo(2000);
        assertThat(water.taxMinor()).isEqualTo(32); // 1.92 × 2000 / 12000
        assertThat(record.taxMinor()).isEqualTo(57);
        assertThat(record.audit()).extracting(AuditEntry::kind, AuditEntry::subject, AuditEntry::amountMinor, AuditEntry::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(pos.core.audit.AuditKind.LINE_DISCOUNT, "2", 29L, "Loyalty"),
                        org.assertj.core.groups.Tuple.tuple(pos.core.audit.AuditKind.SALE_DISCOUNT, saleId, 200L, "Staff"));
    }

    /** A person's pace: far slower than the scanner gap, so never a burst. */
    private static void typeLikeAPerson(FxRobot robot, String keys) {
        for (char c : keys.toCharArray()) {
            robot.write(c);
            robot.sleep(170);
        }
    }

    private CheckoutState state() {
        return wiring.sellModel().stateProperty().get();
    }
}
