package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
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
import pos.app.checkout.CheckoutState;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.setup.FirstRun;

/**
 * Issue 14, Done when: "A TestFX flow goes through first-run set-up on a new data directory (language Chinese, a store
 * name, the demo catalog, skip the hub) and lands on a Chinese sell screen whose texts all come from the zh_CN bundle;
 * a cash sale in it is journaled." The till is started as {@code ./pos till} starts it: {@link TillApplication#start}
 * with the configuration the launcher loaded, headless (Monocle); the set-up opens by itself, the sell screen after
 * it is the one TillApplication builds.
 */
@ExtendWith(ApplicationExtension.class)
class FirstRunSetupFlowTest {

    private static final Duration POLL = Duration.ofMillis(25);
    /** The Chinese demo catalog's first product: "6001,6920000001002,纯牛奶 250 mL,350,RED,...". */
    static final String MILK_GTIN = "6920000001002";
    static final String MILK = "纯牛奶 250 mL";
    static final ResourceBundle ZH = ResourceBundle.getBundle("pos.app.i18n.messages", Locale.SIMPLIFIED_CHINESE);
    static final ResourceBundle EN = ResourceBundle.getBundle("pos.app.i18n.messages", Locale.US);

    @TempDir
    static Path root;

    Path dataDir;
    TillApplication app;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        dataDir = root.resolve("new-till");
        Path home = Path.of(System.getProperty("user.home"));
        // what ./pos till --data-dir DIR passes (pos.demo and the scanner's pace as the other flow tests set them)
        Map<String, String> options = Map.of("pos.data.dir", dataDir.toString(), "pos.demo", "true",
                "pos.scanner.maxGapMs", "150");
        TillConfig config = new ConfigLoader().load(null, Map.of(), options, home);
        FirstRun.loadedWith(null, Map.of(), options, home);
        TillApplication.pendingConfig = config;
        app = new TillApplication();
        app.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide);
            app.stop();
        }).get(20, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("issue 14: a new data directory → the set-up in Chinese (a store name, the demo catalog, the hub skipped) →"
            + " a Chinese sell screen, every text from the zh_CN bundle → a cash sale in the SQLite journal")
    void firstRunInChineseThenACashSale(FxRobot robot) throws Exception {
        assertThat(robot.lookup(".first-run-setup").tryQuery()).as("the set-up opens on a new data directory").isPresent();
        Label title = robot.lookup(".first-run-setup .title").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo(EN.getString("setup.title.language"));

        robot.push(KeyCode.DIGIT2); // 简体中文
        assertThat(title.getText()).as("the set-up switches to Chinese at once").isEqualTo(ZH.getString("setup.title.language"));
        assertThat(robot.lookup(".first-run-setup .button").queryAllAs(javafx.scene.control.Button.class))
                .extracting(javafx.scene.control.Button::getText).contains(ZH.getString("setup.next"));
        robot.push(KeyCode.ENTER);
        assertThat(title.getText()).isEqualTo(ZH.getString("setup.title.store"));
        TextField storeName = (TextField) robot.lookup(".first-run-setup .text-field").queryAll().stream()
                .filter(Node::isVisible).findFirst().orElseThrow();
        assertThat(storeName.isFocused()).as("the cursor is in the store name").isTrue();
        robot.write("Corner Market 街角");
        assertThat(storeName.getText()).isEqualTo("Corner Market 街角");
        robot.push(KeyCode.ENTER); // store
        robot.push(KeyCode.ENTER); // till id as it is
        assertThat(title.getText()).isEqualTo(ZH.getString("setup.title.currency"));
        robot.push(KeyCode.ENTER); // CNY, chosen with Chinese
        assertThat(title.getText()).isEqualTo(ZH.getString("setup.title.hub"));
        robot.push(KeyCode.F8); // no hub
        assertThat(title.getText()).isEqualTo(ZH.getString("setup.title.catalog"));
        robot.push(KeyCode.ENTER); // the demo catalog
        assertThat(title.getText()).isEqualTo(ZH.getString("setup.title.printer"));
        robot.push(KeyCode.F8); // printer
        robot.push(KeyCode.F8); // scanner
        robot.push(KeyCode.F8); // supervisor
        assertThat(title.getText()).isEqualTo(ZH.getString("setup.title.finish"));
        robot.push(KeyCode.ENTER);

        await("the sell screen after the set-up").atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                .until(onFx(() -> app.wiring() != null && robot.lookup(".entry-field").tryQuery().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        Wiring wiring = readOnFx(app::wiring);
        assertThat(Files.readString(dataDir.resolve("till.properties"))).contains("pos.locale=zh-CN")
                .contains("pos.store.name=Corner Market 街角");
        assertThat(readOnFx(() -> stage.getTitle())).startsWith(ZH.getString("app.title"));

        List<String> catalogNames = wiring.sellModel().checkout().cart().catalog().products().stream()
                .map(pos.core.catalog.Product::name).toList();
        assertThat(catalogNames).as("the Chinese demo catalog").contains(MILK);
        assertOnlyChinese(readOnFx(this::visibleTexts), data(catalogNames, wiring), "the sell screen after the set-up");

        // a cash sale: scan, F9, the amount, Enter
        TextField entry = robot.lookup(".entry-field").queryAs(TextField.class);
        robot.interact(entry::requestFocus);
        for (char c : MILK_GTIN.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().cart().rows()).extracting(pos.app.checkout.CartRow::name).containsExactly(MILK);
        robot.push(KeyCode.F9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().stateProperty().get()).isEqualTo(CheckoutState.CASH);
        robot.write("10");
        robot.push(KeyCode.ENTER);
        await("the till shows paid").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().stateProperty().get() == CheckoutState.PAID));
        assertThat(wiring.sellModel().cash().changeTextProperty().get()).as("CNY, two decimals").isEqualTo("¥6.50");
        assertOnlyChinese(readOnFx(this::visibleTexts), data(catalogNames, wiring), "the sell screen after the cash sale");

        String saleId = wiring.sellModel().currentSale().id().value();
        assertThat(wiring.journal().file()).isEqualTo(dataDir.resolve("journal.db").toAbsolutePath());
        await("the sale is journaled").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .until(() -> wiring.journal().find(saleId).isPresent());
        assertThat(wiring.journal().find(saleId)).hasValueSatisfying(r -> assertThat(r.totalMinor()).isEqualTo(350));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + wiring.journal().file());
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT COUNT(*), MAX(payload) FROM journal WHERE transaction_id = '" + saleId + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).contains(MILK).contains("CNY").contains("CASH");
        }

        // issue 14 point 3: the set-up opens again from the sell screen (Ctrl+G, on a button too); Esc returns to the sale
        assertThat(robot.lookup(".till-actions .button").queryAllAs(javafx.scene.control.Button.class))
                .extracting(javafx.scene.control.Button::getText).contains(ZH.getString("tillActions.setup"));
        robot.press(KeyCode.CONTROL).press(KeyCode.G).release(KeyCode.G).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Label again = robot.lookup(".first-run-setup .title").queryAs(Label.class);
        assertThat(again.getText()).as("opened again, in the till's language").isEqualTo(ZH.getString("setup.title.language"));
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".first-run-setup").tryQuery()).isEmpty();
        assertThat(robot.lookup(".entry-field").tryQuery()).as("back on the sell screen").isPresent();
        assertThat(readOnFx(app::wiring)).as("the same till goes on").isSameAs(wiring);

        // and through to the end: English now; the till is rebuilt in the same window, the journal kept
        robot.press(KeyCode.CONTROL).press(KeyCode.G).release(KeyCode.G).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.DIGIT1);
        robot.push(KeyCode.ENTER);
        for (int step = 0; step < 8; step++) {
            robot.push(KeyCode.F8);
        }
        robot.push(KeyCode.ENTER);
        await("the till rebuilt in English").atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                .until(onFx(() -> app.wiring() != wiring && robot.lookup(".entry-field").tryQuery().isPresent()));
        Wiring english = readOnFx(app::wiring);
        assertThat(readOnFx(() -> stage.getTitle())).startsWith(EN.getString("app.title"));
        assertThat(Files.readString(dataDir.resolve("till.properties"))).contains("pos.locale=en-US")
                .contains("pos.store.name=Corner Market 街角");
        assertThat(english.journal().find(saleId)).as("the sale is still in the journal").isPresent();
        assertThat(robot.lookup(".till-actions .button").queryAllAs(javafx.scene.control.Button.class))
                .extracting(javafx.scene.control.Button::getText).contains(EN.getString("tillActions.setup"));
    }

    /** The data a screen shows: the catalog's names and the open sale's number (the status bar shows its end). */
    private static List<String> data(List<String> catalogNames, Wiring wiring) throws Exception {
        List<String> data = new ArrayList<>(catalogNames);
        data.add(readOnFx(() -> wiring.sellModel().currentSale().id().value()));
        return data;
    }

    /** Every text a person sees in the window: visible labels, texts, buttons, column headers, prompt texts. FX thread. */
    private List<String> visibleTexts() {
        List<String> texts = new ArrayList<>();
        collect(stage.getScene().getRoot(), texts);
        return List.copyOf(new LinkedHashSet<>(texts)); // a label's text shows again as its skin's Text
    }

    private static void collect(Node node, List<String> into) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            into.add(labeled.getText());
        } else if (node instanceof Text text && text.getText() != null) {
            into.add(text.getText());
        }
        if (node instanceof TextInputControl field && field.getText().isEmpty() && field.getPromptText() != null) {
            into.add(field.getPromptText());
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, into));
        }
    }

    /**
     * Each text is a zh_CN bundle value (its placeholders filled) or data: product names, money, numbers, ids, and
     * key tokens such as F9 or Ctrl+M; no English bundle sentence shows.
     */
    static void assertOnlyChinese(List<String> texts, List<String> data, String where) throws java.io.IOException {
        // the zh_CN file's own values: ResourceBundle would fill a missing key from the English parent
        java.util.Properties zh = new java.util.Properties();
        try (var in = FirstRunSetupFlowTest.class.getResourceAsStream("/pos/app/i18n/messages_zh_CN.properties");
             var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
            zh.load(reader);
        }
        List<Pattern> chinese = zh.stringPropertyNames().stream().map(zh::getProperty)
                .filter(FirstRunSetupFlowTest::saysSomething).map(FirstRunSetupFlowTest::pattern).toList();
        Set<String> english = new LinkedHashSet<>();
        for (String key : Collections.list(EN.getKeys())) {
            String value = EN.getString(key);
            if (!value.equals(zh.getProperty(key)) && value.matches(".*[A-Za-z]{3,}.*[A-Za-z]{3,}.*")) {
                english.add(value.strip());
            }
        }
        List<String> unexplained = new ArrayList<>();
        List<String> englishShown = new ArrayList<>();
        for (String shown : texts) {
            String text = shown.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (english.contains(text)) {
                englishShown.add(text);
            }
            // a zh_CN value whose placeholders hold data, or Chinese (a zh_CN value within), never English words
            boolean fromZh = chinese.stream().map(p -> p.matcher(text)).anyMatch(m -> m.matches()
                    && java.util.stream.IntStream.rangeClosed(1, m.groupCount())
                            .allMatch(g -> m.group(g) == null || noEnglishWords(m.group(g), data)));
            if (!fromZh && !isData(text, data)) {
                unexplained.add(text);
            }
        }
        assertThat(englishShown).as(where + ": English bundle sentences shown").isEmpty();
        assertThat(unexplained).as(where + ": texts neither from the zh_CN bundle nor data").isEmpty();
    }

    private static final Pattern TOKENS = Pattern.compile(
            "\\b(Ctrl|Shift|Alt|Esc|Enter|Tab|F\\d{1,2}|CNY|HTTP|PIN|QR|ID|mL|kg|g|L|[A-Z])\\b");

    /** Data: once the product names, ids and key tokens are taken out, no word of Latin letters and no Chinese is left. */
    static boolean isData(String text, List<String> data) {
        return noEnglishWords(text, data) && !text.matches("(?s).*\\p{IsHan}.*");
    }

    /** Once the product names, ids (till-1, a sale's 2VEH2R) and key tokens are taken out, no word of Latin letters is left. */
    static boolean noEnglishWords(String text, List<String> data) {
        String rest = text;
        for (String name : data) {
            rest = rest.replace(name, " ");
        }
        rest = rest.replaceAll("till-\\d+", " ");
        // a part of a known id (the sale's number ends the status bar's "…TWNBVH")
        java.util.regex.Matcher id = Pattern.compile("[0-9A-Z]{4,}").matcher(rest);
        StringBuilder withoutIds = new StringBuilder();
        while (id.find()) {
            String token = id.group();
            id.appendReplacement(withoutIds, data.stream().anyMatch(known -> known.contains(token)) ? " " : token);
        }
        id.appendTail(withoutIds);
        rest = withoutIds.toString();
        rest = TOKENS.matcher(rest).replaceAll(" ");
        return !rest.matches("(?s).*[A-Za-z]{2,}.*");
    }

    /** A value with text of its own besides placeholders (one that is only "{0}" explains nothing). */
    static boolean saysSomething(String value) {
        return value.replaceAll("\\{[^}]*\\}", "").matches("(?s).*[\\p{IsHan}A-Za-z].*");
    }

    /** A MessageFormat pattern as a regular expression: its placeholders (choice formats too) match any text. */
    static Pattern pattern(String value) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                    literal.append('\'');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '{' && !quoted) {
                int depth = 1;
                int j = i + 1;
                while (j < value.length() && depth > 0) {
                    depth += value.charAt(j) == '{' ? 1 : value.charAt(j) == '}' ? -1 : 0;
                    j++;
                }
                regex.append(Pattern.quote(literal.toString())).append("(.*?)");
                literal.setLength(0);
                i = j - 1;
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString().strip(), Pattern.DOTALL);
    }
}
