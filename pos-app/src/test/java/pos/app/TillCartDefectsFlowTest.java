package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.paint.Color;
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
import pos.app.checkout.CartRow;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;

/**
 * Issue 11 defects 4, 11 and 14 in the cart and search, through the till's real window at 1024×768
 * (headless Monocle), keyboard only: ↑ from the entry field, a selection and focus ring the clerk can
 * see, search as the clerk types beside a cart that keeps its size, a short scanner read that adds nothing.
 */
@ExtendWith(ApplicationExtension.class)
class TillCartDefectsFlowTest {

    static final String MILK_EAN = TillFlowTest.MILK_EAN;
    static final String BREAD_EAN = "4038378401705"; // Wholemeal bread 750 g
    static final String BUTTER_EAN = "4072284642890"; // Butter 250 g
    static final long SCANNER_PACE_MILLIS = 8;
    static final long PERSON_PACE_MILLIS = 330;

    @TempDir
    static Path tempDir;
    static int tills;

    Wiring wiring;

    @Start
    void start(Stage stage) {
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", tempDir.resolve("till-" + (++tills)).toString(), "pos.till.id", "cart-till", "pos.demo", "true",
                        "pos.scanner.maxGapMs", "150"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        Scene scene = new Scene(wiring.sellScreen(), 1024, 768);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(10, TimeUnit.SECONDS);
    }

    private void scan(FxRobot robot, String... codes) {
        robot.interact(() -> {
            for (String code : codes) {
                wiring.sellModel().handleScan(code);
            }
        });
    }

    private int selectedLine() {
        CartRow row = wiring.sellModel().cart().selectedRowProperty().get();
        return row == null ? 0 : row.lineNo();
    }

    @Test
    @DisplayName("issue 11 defect 4: ↑ from the entry field moves the selection up the cart, and the focus with it")
    void defect4_upFromTheEntryFieldMovesTheSelectionUpTheCart(FxRobot robot) {
        scan(robot, MILK_EAN, BREAD_EAN, BUTTER_EAN);
        TextField entry = robot.lookup(".entry-field").queryAs(TextField.class);
        TableView<?> cart = robot.lookup(".cart").queryAs(TableView.class);
        robot.interact(entry::requestFocus);
        assertThat(selectedLine()).isEqualTo(3);

        robot.push(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cart.isFocused()).isTrue();
        assertThat(selectedLine()).isEqualTo(2);

        robot.push(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selectedLine()).isEqualTo(1);
        robot.push(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().cart().rows().get(0).quantity()).as("F5 acts on the line the clerk moved to").isEqualTo("2");
    }

    @Test
    @DisplayName("issue 11 defect 4: the selected line stands out clearly, and the cart shows a focus ring when it has the focus")
    void defect4_theSelectedLineIsClearlyVisibleWithAFocusRing(FxRobot robot) {
        scan(robot, MILK_EAN, BREAD_EAN);
        TableView<?> cart = robot.lookup(".cart").queryAs(TableView.class);
        TextField entry = robot.lookup(".entry-field").queryAs(TextField.class);
        robot.interact(entry::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();

        Color selected = rowColor(robot, 1); // line 2, selected, while the entry field has the focus
        Color plain = rowColor(robot, 0);
        assertThat(contrast(selected, plain)).as("selected %s against plain %s", selected, plain).isGreaterThanOrEqualTo(1.5);
        double ringBefore = ringWidth(cart);

        robot.interact(cart::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cart.isFocused()).isTrue();
        assertThat(contrast(rowColor(robot, 1), rowColor(robot, 0))).isGreaterThanOrEqualTo(1.5);
        assertThat(ringWidth(cart)).as("a focus ring at least 2 px wide, wider than without the focus").isGreaterThanOrEqualTo(2.0)
                .isGreaterThan(ringBefore);
    }

    @Test
    @DisplayName("issue 11 defect 11: search results appear as the clerk types, beside a cart that keeps its size")
    void defect11_searchResultsAppearAsTheClerkTypesWithoutSqueezingTheCart(FxRobot robot) {
        scan(robot, MILK_EAN);
        TableView<?> cart = robot.lookup(".cart").queryAs(TableView.class);
        TextField entry = robot.lookup(".entry-field").queryAs(TextField.class);
        robot.interact(entry::requestFocus);
        double cartHeight = cart.getHeight();

        new PacedKeys(robot).type("chees", PERSON_PACE_MILLIS, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> !wiring.sellModel().cart().searchResults().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> results = robot.lookup(".search-list").queryAs(ListView.class);
        assertThat(results.isVisible()).isTrue();
        assertThat(wiring.sellModel().cart().searchResults()).extracting(p -> p.name()).contains("Cream cheese 200 g", "Goat cheese 150 g");
        assertThat(cart.getHeight()).as("the cart keeps its size").isEqualTo(cartHeight);
        assertThat(entry.getText()).isEqualTo("chees");
        assertThat(wiring.sellModel().cart().rows()).hasSize(1);
    }

    @Test
    @DisplayName("issue 11 defect 14: a 3-character scanner read (\"nan\") adds nothing, though one product's name contains it")
    void defect14_aThreeCharacterScannerReadAddsNothing(FxRobot robot) {
        TextField entry = robot.lookup(".entry-field").queryAs(TextField.class);
        robot.interact(entry::requestFocus);

        new PacedKeys(robot).type("nan", SCANNER_PACE_MILLIS, KeyCode.ENTER);
        PacedKeys.pause(450);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(wiring.sellModel().cart().rows()).as("Bananas bunch was not added: %s", wiring.sellModel().messageProperty().get())
                .isEmpty();
    }

    private Color rowColor(FxRobot robot, int index) {
        List<Node> rows = robot.lookup(".cart .table-row-cell").queryAll().stream()
                .filter(n -> n instanceof TableRow<?> r && r.getIndex() == index && r.getItem() != null).toList();
        assertThat(rows).as("row %s", index).isNotEmpty();
        Background background = ((TableRow<?>) rows.get(0)).getBackground();
        Color color = Color.WHITE;
        if (background != null) {
            for (BackgroundFill fill : background.getFills()) {
                if (fill.getFill() instanceof Color c && c.getOpacity() > 0) {
                    color = blend(c, color);
                }
            }
        }
        return color;
    }

    private static Color blend(Color over, Color under) {
        double a = over.getOpacity();
        return new Color(over.getRed() * a + under.getRed() * (1 - a), over.getGreen() * a + under.getGreen() * (1 - a),
                over.getBlue() * a + under.getBlue() * (1 - a), 1);
    }

    /** WCAG contrast ratio of two opaque colours. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    /** The widest visible stroke of the table's border (0 for none). */
    private static double ringWidth(TableView<?> table) {
        Border border = table.getBorder();
        if (border == null) {
            return 0;
        }
        return border.getStrokes().stream()
                .filter(s -> s.getTopStroke() instanceof Color c && c.getOpacity() > 0.5)
                .mapToDouble(s -> s.getWidths().getTop()).max().orElse(0);
    }
}
