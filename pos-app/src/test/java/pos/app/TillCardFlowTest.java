package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
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
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.checkout.CheckoutState;
import pos.core.sale.SaleState;
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
 * The bank card tender through the till's real window (headless): a rule base published through
 * the store hub reaches the running till (R14); an over-limit amount opens the popup naming the rule
 * (R13, R15); "Fix" puts the cursor in the amount field; the corrected amount passes; the customer
 * types the PIN on the shuffled keypad (R18); the payment goes through the payment component to the
 * sandbox gateway (R16); the result page shows it (R17) and the rest is paid in cash. Real hub,
 * sandbox gateway, Redis and MariaDB.
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
class TillCardFlowTest {

    private static final Duration POLL = Duration.ofMillis(50);

    static final String MILK_EAN = "4098369006029"; // 5.09 in the sample catalog
    static final String NORDBANK_CARD = "4111111111111111"; // sandbox test card, PIN 123456

    @TempDir
    static Path tempDir;

    static RedisProcess redis;
    static TestDatabase database;
    static SandboxGateway sandbox;
    static StoreHub hub;
    static final MutableClock CLOCK = new MutableClock();
    /** The store owner's rule-signing key (issue 10): the hub and the till know its public half. */
    static final java.security.KeyPair OWNER = pos.contract.auth.Ed25519.generate();

    Wiring wiring;

    @BeforeAll
    static void startGatewayAndHub() {
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
        settings.put("pos.data.dir", tempDir.resolve("till").toString());
        settings.put("pos.till.id", "card-till");
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.gateway.url", sandbox.baseUri().toString());
        settings.put("pos.hub.url", hub.baseUri().toString());
        settings.put("pos.rules.ownerPublicKey", pos.contract.auth.Ed25519.publicKeyText(OWNER.getPublic()));
        // The hub's throw-away result key (loopback): the till trusts the hub's signed results (issue 10).
        settings.put("pos.hub.publicKey", pos.contract.auth.Ed25519.publicKeyText(hub.generatedResultPublicKey().orElseThrow()));
        settings.put("pos.demo", "true"); // the sandbox's PIN and voucher keys
        settings.put("pos.scanner.maxGapMs", "250"); // the robot's bursts are scans on a loaded CI box too
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config, CLOCK);
        Scene scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("R13 R14 R15 R16 R17 R18: over the bank's limit → popup names the rule → Fix → amount → PIN → paid")
    void overLimitFixAmountPinPaid(FxRobot robot) throws Exception {
        // the store changes its rules through the hub; the running till takes them without a restart (R14)
        long version = publishRules("""
                {"banks": [{"code": "NORDBANK", "name": "Nordbank", "bins": ["411111"]}],
                 "rules": [
                   {"keyword": "card.number", "type": "card_number", "params": {}},
                   {"keyword": "bank.nordbank.single_limit", "type": "bank_single_limit",
                    "params": {"bank": "NORDBANK", "limit": 1000}}]}""");
        Label rulesLabel = robot.lookup(".status-bar .status-item").match(n -> ((Label) n).getText().startsWith("Rules"))
                .queryAs(Label.class);
        await("the status bar shows rule base v" + version).atMost(Duration.ofSeconds(2)).pollInterval(POLL)
                .untilAsserted(onFx(() -> rulesLabel.getText().startsWith("Rules v" + version + " "), this::tillState));
        assertThat(rulesLabel.getText()).contains("from the store hub");

        long ledgerBefore = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        scan(robot, MILK_EAN); // 10.18 due
        robot.push(KeyCode.F1);
        await("the card entry").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.CARD_ENTRY, this::tillState));
        TextField cardField = robot.lookup(".card-number").queryAs(TextField.class);
        assertThat(cardField.isFocused()).isTrue();
        for (char c : NORDBANK_CARD.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER); // the burst's terminator
        WaitForAsyncUtils.waitForFxEvents();
        await("the masked card number").atMost(Duration.ofSeconds(3)).pollInterval(POLL)
                .untilAsserted(onFx(() -> cardField.getText().length() == 19, this::tillState));
        assertThat(cardField.getText()).isEqualTo("4111 11•• •••• ••••");
        assertThat(robot.lookup(".card-bank").queryAs(Label.class).getText()).isEqualTo("Nordbank");

        robot.clickOn("#checkCardButton");
        await("the rule check's Fix button").atMost(Duration.ofSeconds(3)).pollInterval(POLL)
                .untilAsserted(onFx(() -> robot.lookup(".check-fix").tryQuery().isPresent()
                        && robot.lookup(".check-fix").query().isVisible(), this::tillState));
        // issue 11 defect 6: the popup names the rule in words; its keyword stays in the model (and the log)
        assertThat(robot.lookup(".check-kind").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("The bank's limit for one payment.");
        assertThat(wiring.sellModel().ruleCheck().rows()).extracting(pos.app.checkout.CheckFailureRow::keyword)
                .containsExactly("bank.nordbank.single_limit");
        assertThat(robot.lookup(".check-reason").queryAs(Label.class).getText())
                .isEqualTo("Nordbank cards may pay at most €10.00 at once; this payment is €10.18.");
        assertThat(sandbox.ledger().summary().netMinor()).as("R13: nothing sent").isEqualTo(ledgerBefore);

        robot.clickOn(robot.lookup(".check-fix").queryAs(Hyperlink.class));
        WaitForAsyncUtils.waitForFxEvents();
        TextField amountField = robot.lookup("#cardAmountField").queryAs(TextField.class);
        assertThat(amountField.isFocused()).as("Fix moved the cursor to the amount").isTrue();
        assertThat(amountField.getSelectedText()).isEqualTo("10.18");
        slowType(robot, "10.00");
        robot.type(KeyCode.ENTER);
        await("the PIN pad").atMost(Duration.ofSeconds(3)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.CARD_PIN, this::tillState));
        assertThat(robot.lookup(".check-fix").tryQuery().map(Node::isVisible).orElse(false)).isFalse();

        for (char digit : "123456".toCharArray()) {
            Button key = robot.lookup(".pin-key").match(n -> ((Button) n).getText().equals(String.valueOf(digit)))
                    .queryAs(Button.class);
            robot.clickOn(key);
        }
        assertThat(robot.lookup(".pin-dots").queryAs(Label.class).getText()).isEqualTo("●●●●●●");
        robot.clickOn("#pinOk");
        await("the result page").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().result().visibleProperty().get(), this::tillState));
        assertThat(robot.lookup(".popup.result .popup-title").queryAs(Label.class).getText()).isEqualTo("Payment successful ✔");
        assertThat(robot.lookup(".result-detail").queryAs(Label.class).getText())
                .isEqualTo("€10.00 paid by card 411111******1111. Still due: €0.18.");
        assertThat(sandbox.ledger().summary().netMinor() - ledgerBefore).isEqualTo(1000);

        robot.type(KeyCode.ENTER); // closes the result page
        await("the result page to close").atMost(Duration.ofSeconds(3)).pollInterval(POLL)
                .untilAsserted(onFx(() -> !wiring.sellModel().result().visibleProperty().get(), this::tillState));
        assertThat(mode()).isEqualTo(CheckoutState.CASH);
        slowType(robot, "1");
        robot.type(KeyCode.ENTER);
        await("the till shows paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        assertThat(wiring.sellModel().currentSale().state()).isEqualTo(SaleState.PAID);
        assertThat(wiring.sellModel().currentSale().tenders()).extracting(t -> t.type())
                .containsExactly(TenderType.CARD, TenderType.CASH);
        assertThat(wiring.journal().count()).isEqualTo(1);
    }

    private static long publishRules(String json) throws Exception {
        // as ./pos hub rules publish does: ask the next version, sign it with the owner's key, send
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
        return Long.parseLong(answer.body().replaceAll("(?s).*\"version\"\\s*:\\s*(\\d+).*", "$1"));
    }

    /** A person's typing: slower than the scanner's gap, so the keys reach the focused field. */
    private static void slowType(FxRobot robot, String text) {
        for (char c : text.toCharArray()) {
            robot.write(c);
            WaitForAsyncUtils.sleep(320, TimeUnit.MILLISECONDS);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void scan(FxRobot robot, String code) {
        for (char c : code.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().messageKindProperty().get()).as("after scanning %s: %s", code,
                wiring.sellModel().messageProperty().get()).isNotEqualTo(pos.app.checkout.MessageKind.ERROR);
    }

    private CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }

    private String tillState() {
        return "the till is " + mode() + " saying: " + wiring.sellModel().messageProperty().get();
    }
}
