package pos.app.i18n;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.text.Font;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 point 3: "the CJK font is found and used (no boxes)". The theme (AtlantaFX) and the screens' style sheets
 * name no family, so JavaFX draws with its System font and lets fontconfig fill in the glyphs it lacks: with the
 * machine's default locale that is whichever CJK font comes first (Noto Sans CJK JP here, whose glyphs are the
 * Japanese forms), and nothing at all (boxes) where only Latin fonts are installed. For a Chinese till this class
 * picks a Simplified Chinese family that is installed and puts it on the root of every window the till opens (its
 * dialogs included), through one small scene style sheet; screens that name a family for digits keep it.
 */
public final class CjkFont {

    private static final Logger LOG = LoggerFactory.getLogger(CjkFont.class);

    /** Simplified Chinese families, best first: fonts-noto-cjk, then what other systems ship. */
    public static final List<String> SIMPLIFIED_CHINESE = List.of("Noto Sans CJK SC", "Noto Sans SC",
            "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
            "Microsoft YaHei", "PingFang SC", "Droid Sans Fallback");

    private static volatile String stylesheet;
    private static boolean following; // FX thread

    private CjkFont() {
    }

    /** The first of {@link #SIMPLIFIED_CHINESE} among {@code installed}, or empty. */
    public static Optional<String> choose(Collection<String> installed) {
        return SIMPLIFIED_CHINESE.stream().filter(installed::contains).findFirst();
    }

    /** The style sheet (a data URL) that sets {@code family} on every window's root. */
    public static String stylesheetFor(String family) {
        String css = ".root { -fx-font-family: \"" + family.replace("\"", "") + "\"; }\n"
                // CJK fonts set lines taller: a tender that is not set up keeps both its lines (name, note) at 1024x768
                + ".sell .action.tender-off { -fx-padding: 0 6 0 6; -fx-graphic-text-gap: 0; }\n"
                + ".sell .action.tender-off .not-set-up { -fx-font-size: 12px; }\n"
                // and the cash panel keeps its Confirm button whole above the message line
                + ".sell .tender-pane .button.action.compact { -fx-padding: 0 8 0 8; -fx-pref-height: 44px; -fx-min-height: 40px; }\n"
                + ".sell .tender-pane .button.pay { -fx-pref-height: 56px; -fx-min-height: 48px; }\n";
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * For a Chinese {@code locale}: finds the family and uses it in every window from now on (and those open now);
     * says in the log which family, or that none is installed (then Chinese text may show as boxes: install
     * fonts-noto-cjk). Does nothing for other locales. FX thread; once per process is enough, more is harmless.
     *
     * @return the family used, or empty (not Chinese, or no CJK font installed)
     */
    public static Optional<String> install(Locale locale) {
        if (!Texts.isChinese(locale)) {
            uninstall(); // one process, one language: an English till after a Chinese one draws as the theme does
            return Optional.empty();
        }
        Optional<String> family = choose(Font.getFamilies());
        if (family.isEmpty()) {
            LOG.warn("no Simplified Chinese font is installed (looked for {}): Chinese text may show as boxes; "
                    + "install fonts-noto-cjk", SIMPLIFIED_CHINESE);
            return family;
        }
        uninstall();
        stylesheet = stylesheetFor(family.get());
        Window.getWindows().forEach(window -> use(window.getScene()));
        if (!following) {
            following = true;
            Window.getWindows().forEach(CjkFont::follow);
            Window.getWindows().addListener((ListChangeListener<Window>) change -> {
                while (change.next()) {
                    change.getAddedSubList().forEach(CjkFont::follow);
                }
            });
        }
        LOG.info("Chinese text in {}", family.get());
        return family;
    }

    /** Takes the family off every open window and off the windows opened from now on. FX thread. */
    public static void uninstall() {
        String sheet = stylesheet;
        stylesheet = null;
        if (sheet != null) {
            Window.getWindows().stream().map(Window::getScene).filter(java.util.Objects::nonNull)
                    .forEach(scene -> scene.getStylesheets().remove(sheet));
        }
    }

    private static void follow(Window window) {
        use(window.getScene());
        window.sceneProperty().addListener((observable, before, scene) -> use(scene));
    }

    /** Puts the chosen family on {@code scene} (done for every window after {@link #install}). */
    public static void use(Scene scene) {
        String sheet = stylesheet;
        if (scene != null && sheet != null && !scene.getStylesheets().contains(sheet)) {
            scene.getStylesheets().add(0, sheet);
        }
    }
}
