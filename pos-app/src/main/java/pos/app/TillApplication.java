package pos.app;

import java.util.Objects;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.config.TillConfig;
import pos.app.start.TillStartException;

/** The JavaFX application: one window with the sell screen. Created by the JavaFX launcher. */
public final class TillApplication extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(TillApplication.class);
    static volatile TillConfig pendingConfig;

    private Wiring wiring;

    static void launchWith(TillConfig config) {
        pendingConfig = Objects.requireNonNull(config);
        Application.launch(TillApplication.class);
    }

    @Override
    public void start(Stage stage) {
        TillConfig config = pendingConfig;
        LOG.info("starting the till with {}", config);
        Wiring.applyTheme(config.locale());
        pos.app.start.UiWarmUp.start(); // issue 14: the sell screen's control classes load on the second core
        pos.app.ui.FirstFrame.arm(); // issue 14: what can wait (the fingerprint worker) starts after the first frame
        // issue 14: a new data directory opens the first-run set-up; the till starts after it with what it wrote
        if (!pos.app.setup.FirstRun.openIfWanted(stage, config, next -> startTill(stage, next))) {
            startTill(stage, config);
        }
    }

    /** Builds the till from {@code config} and shows its sell screen in {@code stage}; null when it could not start. */
    private Wiring startTill(Stage stage, TillConfig config) {
        Wiring.applyTheme(config.locale()); // issue 14.3: the language chosen in the set-up (the CJK font only for Chinese)
        try {
            wiring = Wiring.start(config);
        } catch (RuntimeException e) {
            LOG.error("the till could not start", e);
            ResourceBundle text = pos.app.i18n.Texts.forLocale(config.locale());
            String sentence = e instanceof TillStartException failed
                    ? java.text.MessageFormat.format(text.getString("app.startFailedAt"), text.getString(failed.stepKey()),
                            failed.reason())
                    : java.text.MessageFormat.format(text.getString("app.startFailed"), e.getMessage());
            Alert alert = new Alert(Alert.AlertType.ERROR, sentence);
            alert.setHeaderText(text.getString("app.title"));
            alert.showAndWait();
            Platform.exit();
            return null;
        }
        // issue 11: the main window is the screen's size from the start (not 1280×800): without a window manager a
        // maximize request may be dropped, and the window then keeps the size it was made with
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(wiring.sellScreen(), screen.getWidth(), screen.getHeight());
        wiring.attach(scene);
        pos.app.setup.FirstRun.installReopen(scene, wiring, config, next -> startTill(stage, next)); // issue 14: Ctrl+G
        stage.setTitle(wiring.title());
        stage.getIcons().setAll(new Image(Objects.requireNonNull(
                TillApplication.class.getResourceAsStream("/pos/app/icons/pos.png"), "icon")));
        stage.setScene(scene);
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setMaximized(true);
        stage.show();
        pos.app.start.UsableSignal.onNextPulse(scene); // issue 14: `pos: usable after N ms` for ./pos bench startup
        if (wiring.recoveryWaiting()) {
            wiring.openRecovery(stage); // issue 12.7: payments taken without a finished sale are settled first
        }
        if (wiring.customerDisplayWanted()) {
            Stage customer = new Stage();
            customer.setTitle(pos.app.i18n.Texts.forLocale(config.locale()).getString("customer.title"));
            customer.setScene(new Scene(wiring.customerDisplay(), 1024, 600));
            customer.show();
        }
        return wiring;
    }

    /** The till this application runs now (tests of the first-run set-up read its journal). */
    Wiring wiring() {
        return wiring;
    }

    @Override
    public void stop() {
        if (wiring != null) {
            wiring.close();
        }
    }
}
