package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.text.Text;
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
import pos.app.checkout.MessageKind;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.QrOrder;

/**
 * Issue 11 defect 5 through the till's real window (headless Monocle) at 1024×768, keyboard only:
 * Fix on a mistyped card number starts the field empty with the cursor in it; the customer's PIN
 * typed on a keyboard (main row, numeric keypad, full width) goes in as well as on the shuffled
 * pad (R18); the card pane's title and amount are readable in full for €12,345.67. The payment
 * component is a stand-in that records what it was asked (the gateway is not what is tested here).
 */
@ExtendWith(ApplicationExtension.class)
class TillCardDefectsFlowTest {

    static final String MILK_EAN = TillFlowTest.MILK_EAN; // €5.09
    /** A product of €12,345.67 in this test's catalog. */
    static final String ESPRESSO_EAN = "2000001234563";
    static final String NORDBANK_CARD = "4111111111111111";
    static final long PERSON_PACE_MILLIS = 200;
    static final long TYPING_BURST_PACE_MILLIS = 30;

    @TempDir
    static Path tempDir;
    static int tills;

    Wiring wiring;
    Scene scene;
    final List<String> pinsSent = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws IOException {
        Path dir = tempDir.resolve("till-" + (++tills));
        Files.createDirectories(dir);
        Path catalog = dir.resolve("catalog.csv");
        Files.writeString(catalog, """
                # currency=EUR
                # tax_classes=STD:2000,RED:700
                code,gtin,name,price_minor,tax_class,unit,plu,category
                1001,4098369006029,Whole milk 1 L,509,RED,PIECE,,dairy
                9001,2000001234563,Espresso machine,1234567,STD,PIECE,,electronics
                """);
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dir.resolve("data").toString(), "pos.till.id", "card-defects-till", "pos.demo", "true",
                        "pos.catalog", catalog.toString(), "pos.scanner.maxGapMs", "150"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        wiring.sellModel().useCardPayments((attempt, amount, description, card, pin) -> {
            pinsSent.add(new String(pin));
            java.util.Arrays.fill(pin, '\0');
            return new WaitingSession(new PaymentOrder(attempt, "card-defects-till", PaymentMethod.BANK_CARD, amount, description,
                    Instant.now()));
        });
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
    @DisplayName("issue 11 defect 5, R15: Alt+1 (Fix) on a mistyped card number empties the field and puts the cursor there; the number typed again is taken")
    void defect5_fixOnMistypedCardNumberStartsEmpty(FxRobot robot) {
        robot.interact(() -> wiring.sellModel().handleScan(MILK_EAN));
        robot.push(KeyCode.F1);
        await().atMost(Duration.ofSeconds(5)).until(() -> mode() == CheckoutState.CARD_ENTRY);
        TextField cardField = robot.lookup(".card-number").queryAs(TextField.class);
        await().atMost(Duration.ofSeconds(2)).until(cardField::isFocused);
        PacedKeys keys = new PacedKeys(robot);
        keys.type("4111111111111112", TYPING_BURST_PACE_MILLIS, null); // the last digit mistyped
        PacedKeys.pause(450);
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(3)).until(() -> wiring.sellModel().ruleCheck().visibleProperty().get());

        robot.push(KeyCode.ALT, KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(wiring.sellModel().ruleCheck().visibleProperty().get()).isFalse();
        assertThat(cardField.getText()).as("the refused digits are gone").isEmpty();
        assertThat(cardField.isFocused()).as("the cursor is in the card number field").isTrue();
        keys.type(NORDBANK_CARD, TYPING_BURST_PACE_MILLIS, null);
        PacedKeys.pause(450);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cardField.getText()).isEqualTo("4111 11•• •••• ••••");
        assertThat(wiring.sellModel().messageKindProperty().get()).as(wiring.sellModel().messageProperty().get())
                .isNotEqualTo(MessageKind.ERROR);
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(3)).until(() -> mode() == CheckoutState.CARD_PIN);
    }

    @Test
    @DisplayName("issue 11 defect 5, R18: PIN digits typed on the keyboard (main row, numeric keypad, full width) go in, Backspace deletes, Enter confirms; the shuffled pad still works")
    void defect5_keyboardDigitsEnterThePin(FxRobot robot) {
        robot.interact(() -> wiring.sellModel().handleScan(MILK_EAN));
        robot.push(KeyCode.F1);
        await().atMost(Duration.ofSeconds(5)).until(() -> mode() == CheckoutState.CARD_ENTRY);
        PacedKeys keys = new PacedKeys(robot);
        keys.type(NORDBANK_CARD, TYPING_BURST_PACE_MILLIS, null);
        PacedKeys.pause(450);
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(3)).until(() -> mode() == CheckoutState.CARD_PIN);
        Label dots = robot.lookup(".pin-dots").queryAs(Label.class);

        Button one = robot.lookup(".pin-key").match(n -> ((Button) n).getText().equals("1")).queryAs(Button.class);
        robot.clickOn(one); // the on-screen shuffled pad
        awaitDots(dots, "●○○○○○");
        keys.key(KeyCode.DIGIT2); // main row
        awaitDots(dots, "●●○○○○");
        keys.key(KeyCode.NUMPAD3); // numeric keypad
        awaitDots(dots, "●●●○○○");
        robot.interact(() -> typeCharacter("４")); // a full-width input method's digit
        awaitDots(dots, "●●●●○○");
        keys.key(KeyCode.DIGIT9);
        awaitDots(dots, "●●●●●○");
        keys.key(KeyCode.BACK_SPACE);
        awaitDots(dots, "●●●●○○");
        keys.key(KeyCode.DIGIT5);
        awaitDots(dots, "●●●●●○");
        keys.key(KeyCode.NUMPAD6);
        awaitDots(dots, "●●●●●●");
        assertThat(pinsSent).isEmpty();

        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(3)).until(() -> !pinsSent.isEmpty());
        assertThat(pinsSent).containsExactly("123456");
        assertThat(mode()).isEqualTo(CheckoutState.PAYING);
    }

    @Test
    @DisplayName("issue 11 defect 5: at 1024×768 the card pane's title and the amount due (€12,345.67) are shown in full, and so is the PIN pad's amount (€1,999.99)")
    void defect5_cardTitleAndAmountReadableAt1024x768(FxRobot robot) {
        robot.interact(() -> wiring.sellModel().handleScan(ESPRESSO_EAN));
        robot.push(KeyCode.F1);
        await().atMost(Duration.ofSeconds(5)).until(() -> mode() == CheckoutState.CARD_ENTRY);
        WaitForAsyncUtils.waitForFxEvents();

        Node cardPane = robot.lookup("#cardPane").query();
        Label title = robot.from(cardPane).lookup(".tender-title").queryAs(Label.class);
        Label due = robot.from(cardPane).lookup(".card-due").queryAs(Label.class);
        assertThat(due.getText()).isEqualTo("€12,345.67");
        assertShownInFull(title, "Bank card");
        assertShownInFull(due, "€12,345.67");

        // the store's limits allow at most €1,999.99 on this card: the PIN pad for an amount above €1,000
        PacedKeys keys = new PacedKeys(robot);
        keys.type(NORDBANK_CARD, TYPING_BURST_PACE_MILLIS, null);
        PacedKeys.pause(450);
        robot.push(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        TextField amount = robot.lookup("#cardAmountField").queryAs(TextField.class);
        assertThat(amount.isFocused()).isTrue();
        robot.interact(amount::selectAll);
        for (char c : "1999.99".toCharArray()) {
            keys.key(c == '.' ? KeyCode.PERIOD : KeyCode.getKeyCode(String.valueOf(c)));
            PacedKeys.pause(TYPING_BURST_PACE_MILLIS);
        }
        PacedKeys.pause(450);
        robot.push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(3)).until(() -> mode() == CheckoutState.CARD_PIN);
        WaitForAsyncUtils.waitForFxEvents();
        Node pinPane = robot.lookup("#pinPane").query();
        assertShownInFull(robot.from(pinPane).lookup(".tender-title").queryAs(Label.class), "Customer: enter your PIN");
        assertShownInFull(robot.from(pinPane).lookup(".tender-due").queryAs(Label.class), "€1,999.99");
    }

    private static void awaitDots(Label dots, String expected) {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(dots.getText()).isEqualTo(expected));
    }

    /** The label shows all of {@code expected} (no "…"), inside the window. */
    private void assertShownInFull(Label label, String expected) {
        assertThat(label.getText()).isEqualTo(expected);
        Text shown = (Text) label.lookup(".text");
        assertThat(shown.getText()).as("what the label draws").isEqualTo(expected);
        Bounds bounds = label.localToScene(label.getBoundsInLocal());
        assertThat(bounds.getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(bounds.getMaxX()).as("inside the 1024 px window").isLessThanOrEqualTo(scene.getWidth());
        assertThat(bounds.getMaxY()).as("inside the 768 px window").isLessThanOrEqualTo(scene.getHeight());
    }

    /** What an input method commits: a KEY_TYPED event with the character, to whatever has the focus. */
    private void typeCharacter(String character) {
        Node owner = scene.getFocusOwner();
        Event.fireEvent(owner, new KeyEvent(KeyEvent.KEY_TYPED, character, "", KeyCode.UNDEFINED, false, false, false, false));
    }

    private CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }

    /** A card payment the bank has not answered yet. */
    private static final class WaitingSession implements PaymentSession {
        private final PaymentOrder order;

        WaitingSession(PaymentOrder order) {
            this.order = order;
        }

        @Override public PaymentOrder order() { return order; }
        @Override public State state() { return State.STARTING; }
        @Override public Optional<QrOrder> qrOrder() { return Optional.empty(); }
        @Override public Instant deadline() { return order.createdAt().plusSeconds(60); }
        @Override public Optional<String> reasonCode() { return Optional.empty(); }
        @Override public void checkAgain() { }
        @Override public void cancel() { }
        @Override public AutoCloseable onChange(Consumer<State> listener) { return () -> { }; }
    }
}
