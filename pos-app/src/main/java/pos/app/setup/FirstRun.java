package pos.app.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.Wiring;
import pos.app.config.ConfigException;
import pos.app.config.ConfigLoader;
import pos.app.config.SetupMode;
import pos.app.config.TillConfig;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.people.Role;

/**
 * Issue 14: when the first-run set-up opens, and what happens after it. {@link #openIfWanted} shows the set-up in the
 * till's window on a new data directory ({@code pos.setup=auto}, no configuration file, no journal yet); the sell
 * screen's {@link #SHORTCUT} opens it again ({@link #installReopen}). When it is done the configuration is read again
 * (the same file, environment and command line as at start), the till is built anew with it, and the printer settings
 * and the scanner set-up open over the sell screen when the set-up's steps asked for them. FX thread.
 */
public final class FirstRun {

    private static final Logger LOG = LoggerFactory.getLogger(FirstRun.class);

    /** The sell screen's key that opens the set-up again (Ctrl+G; a supervisor's when clerks sign in). */
    public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN);

    /** Where the configuration came from, to read it again after the set-up: the launcher's inputs. */
    public record Source(Path configFile, Map<String, String> environment, Map<String, String> overrides, Path home) {
    }

    private static volatile Source source;

    private FirstRun() {
    }

    /** The launcher says what it read the configuration from (the {@code --config} file or null, the environment, the options). */
    public static void loadedWith(Path configFile, Map<String, String> environment, Map<String, String> overrides, Path home) {
        source = new Source(configFile, Map.copyOf(environment), new LinkedHashMap<>(overrides), home);
    }

    /**
     * Whether the set-up opens before the till: {@code pos.setup=auto}, the configuration file missing (or an empty
     * {@code --config FILE}, made for the set-up to fill), and no journal in the data directory.
     */
    public static boolean wanted(TillConfig config) {
        return config.setup() == SetupMode.AUTO
                && (!Files.exists(config.configFile()) || TillSettingsFile.open(config.configFile()).values().isEmpty())
                && !Files.exists(config.dataDir().resolve(pos.sync.journal.SqliteSaleJournal.FILE_NAME));
    }

    /**
     * Shows the set-up in {@code stage} when it is {@link #wanted}; then starts the till with the configuration it
     * wrote through {@code startTill} (which returns the till, or null when it could not start).
     *
     * @return whether the set-up was shown (the till then starts after it)
     */
    public static boolean openIfWanted(Stage stage, TillConfig config, Function<TillConfig, Wiring> startTill) {
        if (!wanted(config)) {
            return false;
        }
        LOG.info("a new data directory {}: the first-run set-up opens (pos.setup=off skips it)", config.dataDir());
        show(stage, config, null, startTill);
        return true;
    }

    /**
     * Puts {@link #SHORTCUT} on the sell screen's scene: the set-up opens again (over the running till, which goes on
     * until the set-up is done; Esc on its first step returns to the sale). When clerks sign in, only a supervisor
     * opens it.
     */
    public static void installReopen(Scene scene, Wiring wiring, TillConfig config, Function<TillConfig, Wiring> startTill) {
        scene.getAccelerators().put(SHORTCUT, () -> {
            if (wiring.sellModel().lockedProperty().get()) {
                return;
            }
            boolean clerks = wiring.people().map(people -> !people.clerks().isEmpty()).orElse(false);
            boolean supervisor = wiring.shift().map(signedIn -> signedIn.clerk().role() == Role.SUPERVISOR).orElse(false);
            if (clerks && !supervisor) {
                wiring.sellModel().checkout().show(pos.app.checkout.MessageKind.WARNING,
                        bundle(config).getString("setup.reopen.supervisorOnly"));
                return;
            }
            Stage stage = (Stage) scene.getWindow();
            show(stage, config, () -> {
                stage.setScene(scene);
                stage.setTitle(wiring.title());
            }, next -> {
                wiring.close();
                return startTill.apply(next);
            });
        });
    }

    private static void show(Stage stage, TillConfig config, Runnable cancel, Function<TillConfig, Wiring> startTill) {
        // the language step offers 简体中文 whatever the till's language: its glyphs must not be boxes (issue 14.3)
        pos.app.i18n.CjkFont.install(java.util.Locale.SIMPLIFIED_CHINESE);
        TaskExecutor.Background background = TaskExecutor.background("till-setup");
        SetupViewModel[] model = new SetupViewModel[1];
        model[0] = new SetupViewModel(config, new SetupWriter(config), HubProbe.forTill(config, Duration.ofSeconds(4)), background,
                UiThread.javaFx(), result -> {
                    background.close();
                    TillConfig next;
                    try {
                        next = reload(config);
                    } catch (ConfigException e) {
                        LOG.error("the configuration the set-up wrote cannot be read", e);
                        new Alert(Alert.AlertType.ERROR, MessageFormat.format(model[0].text().getString("setup.reloadFailed"),
                                result.configFile(), e.getMessage())).showAndWait();
                        return;
                    }
                    LOG.info("the set-up wrote {}; the till starts with it", result.configFile());
                    Wiring wiring = startTill.apply(next);
                    if (wiring != null && result.openPrinterSettings()) {
                        wiring.openPrinterSettings(stage);
                    }
                    if (wiring != null && result.openScannerSetup()) {
                        wiring.openScannerSetup(stage);
                    }
                });
        if (cancel != null) {
            model[0].onCancel(() -> {
                background.close();
                cancel.run();
            });
        }
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(SetupView.load(model[0]), screen.getWidth(), screen.getHeight());
        stage.setTitle(model[0].text().getString("setup.windowTitle"));
        model[0].textProperty().addListener((o, was, is) -> stage.setTitle(is.getString("setup.windowTitle")));
        stage.setScene(scene);
        if (!stage.isShowing()) {
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setMaximized(true);
            stage.show();
        }
    }

    /** The configuration read again as the launcher read it, now from the file the set-up wrote. */
    static TillConfig reload(TillConfig config) {
        Source from = source;
        Map<String, String> overrides = new LinkedHashMap<>();
        if (from == null) {
            overrides.put("pos.data.dir", config.dataDir().toString());
        } else {
            overrides.putAll(from.overrides());
        }
        return new ConfigLoader().load(from == null ? null : from.configFile(), from == null ? Map.of() : from.environment(),
                overrides, from == null ? Path.of(System.getProperty("user.home")) : from.home());
    }

    private static ResourceBundle bundle(TillConfig config) {
        return ResourceBundle.getBundle("pos.app.i18n.messages", config.locale());
    }
}
