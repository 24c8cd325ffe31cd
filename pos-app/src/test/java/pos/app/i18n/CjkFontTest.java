package pos.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.Wiring;

/**
 * Issue 14 point 3: "the CJK font is found and used (no boxes)". A Chinese till's windows (opened after the theme,
 * as the till opens its screens and dialogs) draw with the Simplified Chinese family of fonts-noto-cjk: the font the
 * label resolves to is that family, two different characters give different pixels (a missing glyph is the same box
 * for every character), and 骨, whose Japanese and Chinese forms differ, is drawn as that family draws it.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("Issue 14.3: a Chinese till draws its text with a Simplified Chinese font")
class CjkFontTest {

    static final String NOTO_SC = "Noto Sans CJK SC";

    /** The font is the process's: the tests after this one draw English tills as the theme does. */
    @org.junit.jupiter.api.AfterEach
    void uninstall() throws Exception {
        WaitForAsyncUtils.asyncFx(CjkFont::uninstall).get();
    }

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new VBox(new Label("main")), 300, 200));
        stage.show();
    }

    @Test
    @DisplayName("a window opened by a zh-CN till resolves to Noto Sans CJK SC and draws real, distinct glyphs")
    void chineseWindowsUseTheCjkFamily() throws Exception {
        Optional<String> family = WaitForAsyncUtils.asyncFx(() -> {
            Wiring.applyTheme(Locale.SIMPLIFIED_CHINESE);
            return CjkFont.install(Locale.SIMPLIFIED_CHINESE);
        }).get();
        assertThat(family).as("fonts-noto-cjk is in the pos script's TEST_PACKAGES").contains(NOTO_SC);

        Rendered rendered = WaitForAsyncUtils.asyncFx(() -> {
            Label shou = new Label("收");
            Label yin = new Label("银");
            Label bone = new Label("骨");
            Label boneInNoto = new Label("骨");
            boneInNoto.setStyle("-fx-font-family: \"" + NOTO_SC + "\";");
            Stage window = new Stage();
            window.setScene(new Scene(new VBox(shou, yin, bone, boneInNoto), 300, 300));
            window.show();
            Rendered r = new Rendered(shou.getFont().getFamily(), pixels(shou), pixels(yin), pixels(bone), pixels(boneInNoto));
            window.close();
            return r;
        }).get();
        assertThat(rendered.family()).isEqualTo(NOTO_SC);
        assertThat(rendered.shou()).as("收 and 银 drawn alike: missing-glyph boxes").isNotEqualTo(rendered.yin());
        assertThat(rendered.bone()).as("骨 as Noto Sans CJK SC draws it").isEqualTo(rendered.boneInNoto());

        // and the dialogs the till raises (Alert) get it too
        String alertFamily = WaitForAsyncUtils.asyncFx(() -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, "收银机");
            alert.show();
            alert.getDialogPane().applyCss();
            String f = ((Label) alert.getDialogPane().lookup(".content")).getFont().getFamily();
            alert.close();
            return f;
        }).get();
        assertThat(alertFamily).isEqualTo(NOTO_SC);

        // an English till started later in the same process draws with the theme's font again
        String englishFamily = WaitForAsyncUtils.asyncFx(() -> {
            Wiring.applyTheme(Locale.US);
            Label label = new Label("Ready");
            Stage window = new Stage();
            window.setScene(new Scene(new VBox(label), 200, 100));
            window.show();
            label.applyCss();
            String f = label.getFont().getFamily();
            window.close();
            return f;
        }).get();
        assertThat(englishFamily).isNotEqualTo(NOTO_SC);
    }

    @Test
    @DisplayName("the pixel check finds boxes: two characters no font has draw alike")
    void boxesAreFound() throws Exception {
        List<int[]> boxes = WaitForAsyncUtils.asyncFx(() -> {
            Label a = new Label("\u0378");
            Label b = new Label("\u0379");
            new Scene(new VBox(a, b));
            return List.of(pixels(a), pixels(b));
        }).get();
        assertThat(boxes.get(0)).isEqualTo(boxes.get(1));
    }

    @Test
    @DisplayName("English tills keep the theme's font; the first installed Chinese family is chosen")
    void choice() throws Exception {
        assertThat(WaitForAsyncUtils.asyncFx(() -> CjkFont.install(Locale.US)).get()).isEmpty();
        assertThat(CjkFont.choose(List.of("DejaVu Sans", "Droid Sans Fallback", "WenQuanYi Zen Hei")))
                .contains("WenQuanYi Zen Hei");
        assertThat(CjkFont.choose(List.of("DejaVu Sans"))).isEmpty();
    }

    record Rendered(String family, int[] shou, int[] yin, int[] bone, int[] boneInNoto) {
    }

    /** The label's pixels at 40 px (ARGB), after CSS. */
    static int[] pixels(Label label) {
        label.setStyle((label.getStyle() == null ? "" : label.getStyle()) + "-fx-font-size: 40px;");
        label.applyCss();
        WritableImage image = label.snapshot(null, null);
        PixelReader reader = image.getPixelReader();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = reader.getArgb(x, y);
            }
        }
        return argb;
    }
}
