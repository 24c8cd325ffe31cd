package pos.app.start;

import java.io.IOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 point 4: while the FX thread builds the till (journal, sync, rules, people...), a thread of its own loads
 * {@code WarmUp.fxml}, one node of each kind the sell screen uses, and throws it away: the classes of FXMLLoader and
 * of those controls are loaded and initialised on the second core, so the sell screen's FXML loads sooner on the FX
 * thread. Nodes that are in no scene may be made on any thread; nothing made here is kept or shown. Started by the
 * real launch once the toolkit runs; tests never need it.
 */
public final class UiWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(UiWarmUp.class);

    /** The style sheets of the sell screen and what lies over it. */
    private static final java.util.List<String> STYLE_SHEETS = java.util.List.of("/pos/app/sell/sell.css",
            "/pos/app/returns/returns.css", "/pos/app/people/people.css");

    private UiWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once; call when the JavaFX toolkit runs. */
    public static void start() {
        Thread thread = new Thread(UiWarmUp::run, "till-ui-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    static void run() {
        URL fxml = UiWarmUp.class.getResource("/pos/app/start/WarmUp.fxml");
        try {
            javafx.scene.Parent root = new FXMLLoader(fxml).load();
            // the parser of the screens' style sheets, and the fonts the first layout measures text with
            javafx.css.CssParser css = new javafx.css.CssParser();
            for (String sheet : STYLE_SHEETS) {
                css.parse(UiWarmUp.class.getResource(sheet));
            }
            new javafx.scene.text.Text("0123456789.,¥$").getLayoutBounds();
            LOG.debug("warmed up {} with {} nodes", fxml, root.getChildrenUnmodifiable().size());
        } catch (IOException | RuntimeException e) {
            // only a warm-up: the sell screen loads its own FXML a moment later and says clearly if it cannot
            LOG.warn("could not warm up the screens' classes ahead of the sell screen (it loads them itself): {}",
                    e.getMessage(), e);
        }
    }
}
