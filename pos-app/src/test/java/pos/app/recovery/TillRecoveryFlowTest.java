package pos.app.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
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
import pos.app.Wiring;
import pos.app.checkout.CartRow;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.sale.SaleRecord;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.sync.journal.PaymentEvent;
import pos.sync.journal.PaymentEventKind;
import pos.sync.journal.SqliteSaleJournal;

/**
 * Issue 12 point 7 through the till's real window (headless): the cart of a till killed with SIGKILL is
 * back after the restart, and a payment taken without a finished sale is listed at start-up and finished
 * by keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class TillRecoveryFlowTest {

    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    Path dataDir;
    Stage stage;
    Wiring wiring;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Wiring.applyTheme();
    }

    @AfterEach
    void stop() throws Exception {
        if (wiring != null) {
            WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
        }
    }

    private void startTill(FxRobot robot) {
        TillConfig config = new ConfigLoader().load(null, Map.of(), Map.of("pos.data.dir", dataDir.toString(),
                "pos.till.id", "till-r", "pos.scanner.maxGapMs", "150", "pos.demo", "true"), Path.of(System.getProperty("user.home")));
        robot.interact(() -> {
            wiring = Wiring.start(config);
            Scene scene = new Scene(wiring.sellScreen(), 1280, 800);
            wiring.attach(scene);
            stage.setScene(scene);
            stage.show();
            if (wiring.recoveryWaiting()) {
                wiring.openRecovery(stage);
            }
        });
    }

    @Test
    @DisplayName("Issue 12.7 a till SIGKILLed with three lines in the cart shows the same three lines after restart")
    void theCartOfAKilledTillIsBackOnScreen(FxRobot robot) throws Exception {
        String saleId;
        try (ChildTill child = ChildTill.start(dataDir.resolve("child.log"), OpenCartThenKilledMain.class,
                dataDir.toString(), "till-r", OpenSaleRecoveryTest.MILK, OpenSaleRecoveryTest.SEMI, OpenSaleRecoveryTest.BUTTER)) {
            saleId = child.awaitLine("KEPT ", Duration.ofSeconds(60)).substring(5).trim();
            child.kill();
        }
        startTill(robot);

        TableView<?> cart = robot.lookup(".cart").queryAs(TableView.class);
        await("the three lines show").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> cart.getItems().size() == 3));
        assertThat(wiring.sellModel().cart().rows()).extracting(CartRow::name)
                .containsExactly("Whole milk 1 L", "Semi-skimmed milk 1 L", "Butter 250 g");
        assertThat(wiring.sellModel().currentSale().id().value()).isEqualTo(saleId);
        Label message = robot.lookup(".message").queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("The sale that was open when the till stopped is back: 3 lines.");

        // Ctrl+H parks it, Ctrl+Shift+H and Enter bring it back
        robot.press(KeyCode.CONTROL).type(KeyCode.H).release(KeyCode.CONTROL);
        await("parked").atMost(Duration.ofSeconds(5)).pollInterval(POLL).until(onFx(() -> cart.getItems().isEmpty()));
        assertThat(message.getText()).contains("on this till only");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.H).release(KeyCode.SHIFT, KeyCode.CONTROL);
        await("the parked list shows").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .until(onFx(() -> robot.lookup(".parked").tryQuery().isPresent()));
        robot.type(KeyCode.ENTER);
        await("recalled").atMost(Duration.ofSeconds(5)).pollInterval(POLL).until(onFx(() -> cart.getItems().size() == 3));
        assertThat(wiring.sellModel().currentSale().id().value()).isEqualTo(saleId);
    }

    @Test
    @DisplayName("Issue 12.7 a payment PAID without a finished sale is listed at start-up, the status bar counts it, Enter finishes it")
    void theRecoveryListFinishesAPaymentByKeyboard(FxRobot robot) throws Exception {
        String payment;
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
            payment = paidWithoutSale(journal, 1234);
        }
        startTill(robot);

        ListView<?> list = robot.lookup(".payments").queryAs(ListView.class);
        assertThat(list.getItems()).singleElement().asString().contains("€12.34").contains("QR").contains("cart not kept");
        Label status = robot.lookup(".status-recovery").queryAs(Label.class);
        assertThat(status.getText()).isEqualTo("1 payment waits to be finished or refunded");
        Window recoveryWindow = list.getScene().getWindow();

        robot.interact(() -> list.getScene().getWindow().requestFocus());
        robot.type(KeyCode.ENTER);
        await("the payment is finished").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> list.getItems().isEmpty()));
        Label message = robot.from(list.getScene().getRoot()).lookup(".message").queryAs(Label.class);
        assertThat(message.getText()).contains("is finished").contains("Nothing waits");
        assertThat(status.isVisible()).isFalse();
        List<SaleRecord> sales = wiring.journal().records(SaleRecord.class, Instant.EPOCH, Instant.now().plusSeconds(60));
        assertThat(sales).singleElement().satisfies(s -> {
            assertThat(s.lines()).singleElement().satisfies(l -> assertThat(l.name()).isEqualTo("Recovered payment"));
            assertThat(s.tenders()).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo(TenderType.QR);
                assertThat(t.reference()).isEqualTo(payment);
                assertThat(t.amountMinor()).isEqualTo(1234);
            });
        });
        robot.interact(() -> ((Stage) recoveryWindow).close());
    }

    /** Journals a QR payment's steps up to PAID, as the payment desk does, with no sale after it. */
    static String paidWithoutSale(SqliteSaleJournal journal, long minor) {
        TransactionId id = new TransactionId.Generator(java.time.Clock.systemUTC()).next();
        PaymentOrder order = new PaymentOrder(id, "till-r", PaymentMethod.QR_SHOWN,
                Money.ofMinor(minor, Currency.getInstance("EUR")), "till-r, 1 item", Instant.now());
        journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_PENDING, order, PaymentStatus.PENDING, "STARTING",
                null, null, Instant.now()));
        journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_RESULT, order, PaymentStatus.SUCCESS, "PAID",
                null, null, Instant.now()));
        journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_SETTLED, order, PaymentStatus.SUCCESS, "PAID",
                null, null, Instant.now()));
        return id.value();
    }
}
