package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
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
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleSpec;
import pos.core.rules.CardSpending;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 14 point 3: "every screen, message […] in a zh_CN bundle" and "Screenshots of the sell screen, the QR payment
 * and a rule-check popup in zh_CN in README". A zh-CN till with a Chinese catalog in CNY, through its real window
 * (headless) and the whole store (Redis, MariaDB, the hub, the sandbox gateway): the sell screen with a cart, the QR
 * payment waiting for the customer, and the rule-check popup of the age rule. On each, every text shown (labels,
 * buttons, prompts, column headings) has no English word left outside the few names kept as they are (key names,
 * QR, POS); the screenshots go to target/screens/issue-14, or to {@code -Dpos.screens.dir=…} (the README's
 * docs/screens/issue-14).
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
@DisplayName("Issue 14.3: the sell screen, the QR payment and the rule-check popup in Chinese")
class ChineseScreensFlowTest {

    static final String MILK_EAN = "4098369006029";
    static final String BEER_EAN = "4093705438021";
    /** Words a Chinese till shows as they are: keys, the kinds of code, currency codes. */
    static final Pattern KEPT = Pattern.compile("\\b(F\\d{1,2}|Alt|Ctrl|Shift|Enter|Esc|Tab|Space|Del|Delete|Backspace|"
            + "PgUp|PgDn|Home|End|QR|POS|CNY|Countertop|WeChat|Alipay|ID|PIN|kg|Redis|MariaDB|Ins|Insert)\\b"
            // data, not words: the till's id, the end of a sale's id
            + "|\\btill-\\d+\\b|\u2026[0-9A-Z]{6}\\b");
    static final Pattern ENGLISH = Pattern.compile("[A-Za-z]{2,}");

    @TempDir
    static Path tempDir;

    static RedisProcess redis;
    static TestDatabase database;
    static SandboxGateway sandbox;
    static StoreHub hub;
    static int tills;

    Wiring wiring;
    Scene scene;

    @BeforeAll
    static void startGatewayAndHub() throws IOException {
        sandbox = SandboxGateway.builder().dataDir(tempDir.resolve("gateway")).port(0).fastRetries(200).build();
        sandbox.start();
        hub = new StoreHub(HubSettings.builder()
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .build(), new SandboxPaymentGateway(sandbox.baseUri()), java.time.Clock.systemUTC());
        hub.start();
        Files.writeString(tempDir.resolve("catalog.csv"), String.join("\n",
                "# currency=CNY",
                "# tax_classes=STD:1300,RED:900",
                "code,gtin,name,price_minor,tax_class,unit,plu,category",
                "1001," + MILK_EAN + ",全脂牛奶 1 升,1250,RED,PIECE,,dairy",
                "1056," + BEER_EAN + ",青岛啤酒 500 毫升,650,STD,PIECE,,alcohol",
                "1002,6901234567892,苹果,890,RED,PIECE,,produce", ""), StandardCharsets.UTF_8);
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
        settings.put("pos.till.id", "till-" + tills);
        settings.put("pos.locale", "zh-CN");
        settings.put("pos.catalog", tempDir.resolve("catalog.csv").toString());
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.gateway.url", sandbox.baseUri().toString());
        settings.put("pos.hub.url", hub.baseUri().toString());
        settings.put("pos.hub.publicKey", pos.contract.auth.Ed25519.publicKeyText(hub.generatedResultPublicKey().orElseThrow()));
        settings.put("pos.demo", "true");
        settings.put("pos.scanner.maxGapMs", "250");
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        Wiring.applyTheme(config.locale());
        wiring = Wiring.start(config);
        RuleBase ageOnly = RuleRegistry.builtIn().compile(new RuleBaseDefinition(1, List.of(), List.of(
                new RuleSpec("alcohol-age", "age_restricted", Map.of("categories", List.of("alcohol"), "min_age", 18)))));
        wiring.sellModel().useRules(() -> ageOnly, CardSpending.none(), "store-1");
        scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(pos.app.i18n.CjkFont::uninstall).get(10, TimeUnit.SECONDS); // the next tests are English
    }

    @Test
    @DisplayName("the sell screen with a cart, then the QR payment waiting for the customer: all in Chinese, ¥ and two decimals")
    void sellScreenAndQrPayment(FxRobot robot) throws Exception {
        scan(robot, MILK_EAN);
        scan(robot, MILK_EAN);
        assertThat(wiring.sellModel().cart().totalTextProperty().get()).isEqualTo("¥25.00");
        assertChinese("the sell screen");
        screenshot("sell-zh_CN.png");

        robot.push(KeyCode.F11);
        await("the QR code is shown").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(onFx(() -> wiring.sellModel().qr().paymentStateProperty().get()
                        == PaymentSession.State.WAITING_FOR_CUSTOMER, this::tillState));
        WaitForAsyncUtils.waitForFxEvents();
        assertChinese("the QR payment");
        screenshot("qr-zh_CN.png");
    }

    @Test
    @DisplayName("the rule-check popup of the age rule, when cash is tendered for beer: all in Chinese")
    void ruleCheckPopup(FxRobot robot) throws Exception {
        scan(robot, BEER_EAN);
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        for (char c : "10".toCharArray()) {
            robot.write(c);
        }
        robot.push(KeyCode.ENTER);
        await("the rule-check popup").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(onFx(() -> robot.lookup(".popup-title").queryAll().stream().anyMatch(ChineseScreensFlowTest::shown),
                        this::tillState));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().stateProperty().get()).isEqualTo(CheckoutState.CASH);
        assertChinese("the rule-check popup");
        screenshot("rulecheck-zh_CN.png");
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

    /** Every text on screen, without the names kept as they are, has no English word. */
    private void assertChinese(String where) throws Exception {
        List<String> texts = WaitForAsyncUtils.asyncFx(() -> shownTexts(scene.getRoot())).get(10, TimeUnit.SECONDS);
        assertThat(texts).as("texts on %s", where).isNotEmpty();
        List<String> english = texts.stream().filter(t -> ENGLISH.matcher(KEPT.matcher(t).replaceAll("")).find()).toList();
        assertThat(english).as("English left on %s (all texts: %s)", where, texts).isEmpty();
        assertThat(String.join(" ", texts)).containsPattern("\\p{IsHan}");
    }

    private static List<String> shownTexts(Parent root) {
        List<String> texts = new ArrayList<>();
        collect(root, texts);
        return texts;
    }

    private static void collect(Node node, List<String> texts) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            texts.add(labeled.getText());
        } else if (node instanceof Text text && !(text.getParent() instanceof Labeled) && text.getText() != null
                && !text.getText().isBlank() && !(text.getParent() != null && text.getParent().getStyleClass().contains("text-field"))) {
            texts.add(text.getText());
        }
        if (node instanceof TextInputControl input && input.getPromptText() != null && !input.getPromptText().isBlank()
                && input.getText().isEmpty()) {
            texts.add(input.getPromptText());
        }
        if (node instanceof TableView<?> table) {
            table.getColumns().stream().map(TableColumnBase::getText).filter(t -> t != null && !t.isBlank()).forEach(texts::add);
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private String tillState() {
        return "the till is " + wiring.sellModel().stateProperty().get() + " saying: " + wiring.sellModel().messageProperty().get();
    }

    private void screenshot(String name) throws Exception {
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        PixelReader pixels = shot.getPixelReader();
        BufferedImage image = new BufferedImage((int) shot.getWidth(), (int) shot.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        String configured = System.getProperty("pos.screens.dir");
        Path dir = Files.createDirectories(configured == null || configured.isBlank()
                ? Path.of("target", "screens", "issue-14") : Path.of(configured));
        ImageIO.write(image, "png", dir.resolve(name).toFile());
    }
}
