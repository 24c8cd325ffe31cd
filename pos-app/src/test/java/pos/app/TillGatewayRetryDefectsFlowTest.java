package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import pos.core.pay.PaymentSession;
import pos.core.sale.TenderType;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 11 defects 1, 3 (QR timeout part), 6, 7 and 9 through the till's real window at 1024×768
 * (headless), keyboard only, with the real payment component, store hub and sandbox gateway on real
 * sockets, real Redis and MariaDB: after a failed or timed-out QR, pay-code or card payment Enter
 * pays again and Esc goes back to the cart; the next pay-code after a refusal pays; a timed-out QR
 * code leaves the screen and the red message stays on it. The clock is moved, not waited out.
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
class TillGatewayRetryDefectsFlowTest {

    static final String MILK_EAN = "4098369006029"; // 5.09 in the sample catalog
    static final String NOTENOUGH_CODE = "134567890123451111"; // the sandbox refuses it: balance too low
    static final String GOOD_CODE = "134567890123451234"; // the sandbox pays it at once
    static final String NORDBANK_CARD = "4111111111111111"; // sandbox test card, PIN 123456
    static final java.security.KeyPair OWNER = pos.contract.auth.Ed25519.generate();

    @TempDir
    static Path tempDir;

    static RedisProcess redis;
    static TestDatabase database;
    static SandboxGateway sandbox;
    static StoreHub hub;
    static final MutableClock CLOCK = new MutableClock();
    static int tills;

    Wiring wiring;
    Scene scene;

    @BeforeAll
    static void startGatewayAndHub() throws Exception {
        sandbox = SandboxGateway.builder().dataDir(tempDir.resolve("gateway")).port(0).fastRetries(200).build();
        sandbox.start();
        hub = new StoreHub(HubSettings.builder()
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .ruleSigning(pos.hub.rules.RuleSigning.NONE.withOwnerPublicKey(OWNER.getPublic()))
                .build(), new SandboxPaymentGateway(sandbox.baseUri()), CLOCK);
        hub.start();
        publishRules("""
                {"banks": [{"code": "NORDBANK", "name": "Nordbank", "bins": ["411111"]}],
                 "rules": [{"keyword": "card.number", "type": "card_number", "params": {}}]}""");
    }

    @AfterAll
    static void stopGatewayAndHub() {
        if (hub != null) {
            hub.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Start
    void start(Stage stage) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.data.dir", tempDir.resolve("till-" + (++tills)).toString());
        settings.put("pos.till.id", "retry-till-" + tills);
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.gateway.url", sandbox.baseUri().toString());
        settings.put("pos.hub.url", hub.baseUri().toString());
        settings.put("pos.rules.ownerPublicKey", pos.contract.auth.Ed25519.publicKeyText(OWNER.getPublic()));
        settings.put("pos.hub.publicKey", pos.contract.auth.Ed25519.publicKeyText(hub.generatedResultPublicKey().orElseThrow()));
        settings.put("pos.demo", "true"); // the sandbox's PIN keys
        settings.put("pos.scanner.maxGapMs", "250"); // the robot's bursts are scans on a loaded CI box too
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config, CLOCK);
        scene = new Scene(wiring.sellScreen(), 1024, 768);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("defects 1, 3, 9 (R24): a timed-out QR code leaves the screen, the red message shows at 1024x768, Enter pays again")
    void defect1_defect9_qrTimeoutHidesTheCodeAndEnterPaysAgain(FxRobot robot) throws Exception {
        scan(robot, MILK_EAN);
        robot.push(KeyCode.F11);
        waitUntil(() -> paymentState() == PaymentSession.State.WAITING_FOR_CUSTOMER);
        ImageView qr = robot.lookup(".pay-pane .image-view").queryAs(ImageView.class);
        assertThat(qr.isVisible()).isTrue();
        String firstCode = wiring.sellModel().qr().qrContentProperty().get();

        CLOCK.advance(Duration.ofSeconds(31));
        waitUntil(() -> paymentState() == PaymentSession.State.TIMED_OUT);
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "qr-timeout-1024x768.png");
        assertThat(focusedPayAgain()).as("the keys go to Pay again").isTrue();

        assertThat(qr.isVisible()).as("the closed order's code is off the screen").isFalse();
        assertThat(qr.getImage()).isNull();
        Label message = robot.lookup(".sell .message").queryAs(Label.class);
        assertThat(message.getText()).startsWith("The QR code has expired");
        assertThat(message.getStyleClass()).contains("error");
        Bounds onScreen = message.localToScene(message.getBoundsInLocal());
        assertThat(message.isVisible()).isTrue();
        assertThat(onScreen.getMinY()).as("the message's top is on the 768-pixel screen").isLessThan(scene.getHeight() - 20);
        assertThat(onScreen.getMaxY()).as("the message ends on the screen").isLessThanOrEqualTo(scene.getHeight());

        robot.push(KeyCode.ENTER);
        waitUntil(() -> paymentState() == PaymentSession.State.WAITING_FOR_CUSTOMER);
        assertThat(wiring.sellModel().qr().qrContentProperty().get()).isNotNull().isNotEqualTo(firstCode);
        assertThat(qr.isVisible()).isTrue();
    }

    @Test
    @DisplayName("defects 1, 6: after a refused pay-code the clerk reads why in words; Enter pays again, Esc goes back to the cart")
    void defect1_payCodeRefusalEnterPaysAgainEscGoesBack(FxRobot robot) {
        long before = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        scan(robot, NOTENOUGH_CODE);
        waitUntil(() -> mode() == CheckoutState.PAYMENT_PROBLEM);
        assertThat(focusedPayAgain()).as("the keys go to Pay again").isTrue();

        robot.push(KeyCode.ENTER);
        waitUntil(() -> mode() == CheckoutState.PAY_CODE);
        scan(robot, NOTENOUGH_CODE);
        waitUntil(() -> mode() == CheckoutState.PAYMENT_PROBLEM);
        assertThat(wiring.sellModel().messageProperty().get()).contains("balance is too low").doesNotContain("NOTENOUGH")
                .doesNotContain("INSUFFICIENT_BALANCE");
        Label reasonCode = robot.lookup(".pay-reason-code").match(Node::isVisible).queryAs(Label.class);
        assertThat(reasonCode.getText()).isEqualTo("Payment service code: NOTENOUGH");

        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> mode() == CheckoutState.CART);
        assertThat(wiring.sellModel().cart().rows()).hasSize(1);
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(before);
    }

    @Test
    @DisplayName("defect 7: the customer's next pay-code after a refusal pays, with no Esc and F4, and is charged once")
    void defect7_nextPayCodeScanAfterARefusalPays(FxRobot robot) {
        long before = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        scan(robot, NOTENOUGH_CODE);
        waitUntil(() -> mode() == CheckoutState.PAYMENT_PROBLEM);

        scan(robot, GOOD_CODE);
        waitUntil(() -> mode() == CheckoutState.PAID);

        assertThat(wiring.sellModel().currentSale().tenders()).singleElement()
                .satisfies(t -> assertThat(t.type()).isEqualTo(TenderType.PAY_CODE));
        assertThat(sandbox.ledger().summary().netMinor() - before).as("charged once").isEqualTo(509);
    }

    @Test
    @DisplayName("defect 1 (R16 R17): after a wrong PIN the result page closes with Enter, then Enter pays again")
    void defect1_cardFailureEnterPaysAgain(FxRobot robot) {
        long before = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        robot.push(KeyCode.F1);
        waitUntil(() -> mode() == CheckoutState.CARD_ENTRY);
        scan(robot, NORDBANK_CARD); // a card reader's wedge: a burst and Enter
        waitUntil(() -> wiring.sellModel().card().cardBankTextProperty().get().equals("Nordbank"));
        robot.push(KeyCode.ENTER); // check against the rule base
        waitUntil(() -> mode() == CheckoutState.CARD_PIN);
        for (char digit : "654321".toCharArray()) { // the customer's PIN on the shuffled keypad, mistyped
            robot.clickOn(robot.lookup(".pin-key").match(n -> ((Button) n).getText().equals(String.valueOf(digit)))
                    .queryAs(Button.class));
        }
        robot.clickOn("#pinOk");
        waitUntil(() -> wiring.sellModel().result().visibleProperty().get());
        assertThat(mode()).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        String refusal = wiring.sellModel().messageProperty().get();

        robot.push(KeyCode.ENTER); // closes the result page
        waitUntil(() -> !wiring.sellModel().result().visibleProperty().get());
        assertThat(focusedPayAgain()).as("the keys go to Pay again").isTrue();
        robot.push(KeyCode.ENTER);
        waitUntil(() -> mode() == CheckoutState.CARD_ENTRY);
        assertThat(refusal).as("defect 6: words, not the code").contains("Wrong PIN").doesNotContain("WRONG_PIN");
        assertThat(sandbox.ledger().summary().netMinor()).as("nothing charged").isEqualTo(before);
    }

    private boolean focusedPayAgain() {
        Node focused = scene.getFocusOwner();
        return focused instanceof Button button && button.getText().equals("Pay again (Enter)") && button.isVisible()
                && button.getParent().isVisible();
    }

    private void scan(FxRobot robot, String code) {
        for (char c : code.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private PaymentSession.State paymentState() {
        return wiring.sellModel().qr().paymentStateProperty().get();
    }

    private CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.call();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the till is " + mode() + "/" + paymentState() + " saying: "
                    + wiring.sellModel().messageProperty().get(), e);
        }
    }

    /** The scene as a PNG under target/screens, to look at (issue 11: checked at 1024x768). */
    private void screenshot(FxRobot robot, String name) throws IOException {
        WritableImage shot;
        try {
            shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("could not take the screenshot " + name, e);
        }
        PixelReader pixels = shot.getPixelReader();
        BufferedImage image = new BufferedImage((int) shot.getWidth(), (int) shot.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "screens"));
        ImageIO.write(image, "png", dir.resolve(name).toFile());
    }

    private static void publishRules(String json) throws Exception {
        HttpResponse<String> next = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub.baseUri().resolve("/rules/version"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        long version = Long.parseLong(next.body().replaceAll("(?s).*\"next\"\\s*:\\s*(\\d+).*", "$1"));
        pos.contract.rules.RuleBaseSignature.Signed signed = pos.contract.rules.RuleBaseSignature.sign(OWNER.getPrivate(),
                "store-1", version, pos.contract.rules.RuleBaseJson.read(json));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub.baseUri().resolve("/rules"))
                .header("Content-Type", "application/json")
                .header("X-Rule-Base-Version", Long.toString(signed.version()))
                .header("X-Rule-Base-Signature", signed.signature())
                .PUT(HttpRequest.BodyPublishers.ofString(signed.body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }
}
