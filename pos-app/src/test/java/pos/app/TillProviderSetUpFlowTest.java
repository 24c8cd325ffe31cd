package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.checkout.CheckoutState;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.core.sale.TenderType;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 13 "Done when": a till configured for a real payment provider whose credentials are missing or unsafe starts,
 * says at start which file and variable is missing (status bar, message line, one ERROR log line, never a secret),
 * refuses QR, pay-code and card with that sentence, and sells cash into its journal. The real window (headless), real
 * Redis, MariaDB and store hub; the provider is never reached (it cannot be opened).
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
class TillProviderSetUpFlowTest {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final String MILK_EAN = TillPaymentFlowTest.MILK_EAN;
    /** What the unsafe key file holds: it must appear nowhere, neither on screen nor in the log. */
    private static final String KEY_TEXT = "-----BEGIN PRIVATE KEY-----\nTHIS-IS-NOT-FOR-THE-LOG-0xC0FFEE\n-----END PRIVATE KEY-----\n";

    @TempDir
    static Path tempDir;

    static RedisProcess redis;
    static TestDatabase database;
    static StoreHub hub;
    static int tills;

    Stage stage;
    Wiring wiring;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void startHub() {
        URI nowhere = URI.create("http://127.0.0.1:9/"); // the hub is not asked about payments here
        hub = new StoreHub(HubSettings.builder()
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(nowhere)
                .notifyKeys(Map.of("k1", "s1"))
                .build(), new SandboxPaymentGateway(nowhere), java.time.Clock.systemUTC());
        hub.start();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Wiring.applyTheme();
    }

    @AfterEach
    void stop() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Wiring.class)).detachAppender(logs);
        if (wiring != null) {
            WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("issue 13 R16 wechatpay with an empty credentials directory: the sentence names merchant-key.pem and"
            + " POS_WECHATPAY_MERCHANT_KEY, QR, pay-code and card say not set up, a cash sale is journaled")
    void missingCredentialsAreSaidAndCashIsSold(FxRobot robot) throws Exception {
        Path credentials = Files.createDirectories(tempDir.resolve("empty-credentials"));
        startTill(credentials);

        assertThat(statusText(robot)).contains("WeChat Pay not set up", "merchant-key.pem", "api-v3-key",
                credentials.toString(), "POS_WECHATPAY_");
        assertThat(statusDetail(robot)).contains(credentials.toString(), "merchant-key.pem (POS_WECHATPAY_MERCHANT_KEY)",
                "api-v3-key (POS_WECHATPAY_API_V3_KEY)");
        assertThat(message()).contains("WeChat Pay is not set up", "7 credentials are missing", "status bar",
                "Take cash");
        assertCashStaysInSight(robot);
        assertThat(errorLines()).singleElement().satisfies(line -> assertThat(line) // the whole sentence for the store's IT
                .contains("wechatpay", credentials.resolve("merchant-key.pem").toString(), "POS_WECHATPAY_MERCHANT_KEY"));

        scan(robot, MILK_EAN);
        for (KeyCode tender : new KeyCode[] {KeyCode.F11, KeyCode.F4, KeyCode.F1}) { // QR, pay-code, card
            robot.push(tender);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(message()).as("after %s", tender).contains("WeChat Pay is not set up",
                    "7 credentials are missing");
            assertThat(mode()).as("after %s", tender).isEqualTo(CheckoutState.CART);
        }

        String saleId = payCash(robot);
        assertThat(wiring.journal().find(saleId)).hasValueSatisfying(record -> {
            assertThat(record.tenders()).extracting(t -> t.type()).containsExactly(TenderType.CASH);
            assertThat(record.totalMinor()).isEqualTo(509);
        });
    }

    @Test
    @DisplayName("issue 13 a credential file others may read is refused: the sentence says chmod 600 and the file,"
            + " never what it holds; cash still works")
    void aKeyFileReadableByOthersIsRefused(FxRobot robot) throws Exception {
        Path credentials = Files.createDirectories(tempDir.resolve("open-credentials"));
        Path key = credentials.resolve("merchant-key.pem");
        Files.writeString(key, KEY_TEXT);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        startTill(credentials);

        assertThat(statusText(robot)).contains("chmod 600 " + key).doesNotContain("THIS-IS-NOT-FOR-THE-LOG");
        assertThat(statusDetail(robot)).contains("chmod 600 " + key);
        assertThat(errorLines()).singleElement().satisfies(line -> assertThat(line).contains("chmod 600 " + key));
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("THIS-IS-NOT-FOR-THE-LOG"));

        scan(robot, MILK_EAN);
        robot.push(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message()).contains("WeChat Pay is not set up", "chmod 600 " + key)
                .doesNotContain("THIS-IS-NOT-FOR-THE-LOG");

        String saleId = payCash(robot);
        assertThat(wiring.journal().find(saleId)).isPresent();
    }

    /** A till for WeChat Pay with {@code credentials}, the hub and Redis configured, no gateway URL (production). */
    private void startTill(Path credentials) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.data.dir", tempDir.resolve("till-" + (++tills)).toString());
        settings.put("pos.till.id", "provider-till-" + tills);
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.hub.url", hub.baseUri().toString());
        settings.put("pos.hub.publicKey", pos.contract.auth.Ed25519.publicKeyText(hub.generatedResultPublicKey().orElseThrow()));
        settings.put("pos.gateway.provider", "wechatpay");
        settings.put("pos.gateway.credentials", credentials.toString());
        settings.put("pos.demo", "true");
        settings.put("pos.scanner.maxGapMs", "250");
        // no POS_WECHATPAY_* variables: the environment is the test's own
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        assertThat(config.paymentsConfigured()).isTrue();
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Wiring.class);
        logs.start();
        log.addAppender(logs);
        WaitForAsyncUtils.asyncFx(() -> {
            wiring = Wiring.start(config, java.time.Clock.systemDefaultZone());
            Scene scene = new Scene(wiring.sellScreen(), 1024, 768); // the smallest till screen we support
            wiring.attach(scene);
            stage.setScene(scene);
            stage.show();
        }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String statusText(FxRobot robot) {
        Label label = robot.lookup(".status-payments").queryAs(Label.class);
        await("the status bar names the problem").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .untilAsserted(onFx(() -> label.isVisible() && !label.getText().isEmpty(), this::tillState));
        return label.getText();
    }

    /** The status bar item's tooltip: every missing file with its variable. */
    private String statusDetail(FxRobot robot) throws Exception {
        Label label = robot.lookup(".status-payments").queryAs(Label.class);
        return pos.app.testing.FxConditions.readOnFx(() -> label.getTooltip().getText());
    }

    /**
     * The one obvious next action is cash: the sentence must not push the Cash (F9) button under the message line or
     * off a 1024×768 screen.
     */
    private void assertCashStaysInSight(FxRobot robot) throws Exception {
        javafx.scene.control.Button cash = robot.lookup(".button").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(b -> b.getText() != null && b.getText().startsWith("Cash")).findFirst().orElseThrow();
        javafx.scene.Node messageLine = robot.lookup(".message").query();
        javafx.geometry.Bounds[] bounds = pos.app.testing.FxConditions.readOnFx(() -> new javafx.geometry.Bounds[] {
                cash.localToScene(cash.getLayoutBounds()), messageLine.localToScene(messageLine.getLayoutBounds()),
                new javafx.geometry.BoundingBox(0, 0, cash.getScene().getWidth(), cash.getScene().getHeight())});
        assertThat(bounds[2].contains(bounds[0])).as("Cash %s inside the window %s", bounds[0], bounds[2]).isTrue();
        assertThat(bounds[0].getMaxY()).as("Cash %s above the message line %s", bounds[0], bounds[1])
                .isLessThanOrEqualTo(bounds[1].getMinY());
        assertThat(bounds[0].getHeight()).as("Cash is not squeezed").isGreaterThan(30);
    }

    private List<String> errorLines() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Esc, F9 cash, F10 exact, Enter: the sale is paid; its id. */
    private String payCash(FxRobot robot) {
        robot.push(KeyCode.ESCAPE);
        robot.push(KeyCode.F9);
        robot.push(KeyCode.F10);
        robot.push(KeyCode.ENTER);
        await("the till shows paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        String saleId = wiring.sellModel().currentSale().id().value();
        await("the sale is in the journal").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(() -> wiring.journal().find(saleId).isPresent());
        return saleId;
    }

    private void scan(FxRobot robot, String code) {
        for (char c : code.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mode()).isEqualTo(CheckoutState.CART);
        assertThat(wiring.sellModel().cart().rows()).as(tillState()).hasSize(1);
    }

    private String message() {
        return wiring.sellModel().messageProperty().get();
    }

    private CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }

    private String tillState() {
        return "the till is " + mode() + " saying: " + message();
    }
}
