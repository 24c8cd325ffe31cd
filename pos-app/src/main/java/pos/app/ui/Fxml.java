package pos.app.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads one FXML file of a screen part with its controller (the part's view) and the till's texts. FX thread only. */
public final class Fxml {

    private Fxml() {
    }

    /**
     * Loads {@code resource} (an absolute classpath path) with {@code controller} for its
     * {@code @FXML} fields and handlers, and {@code stylesheet} (or null) on its root.
     */
    public static Parent load(String resource, ResourceBundle text, Object controller, String stylesheet) {
        FXMLLoader loader = new FXMLLoader(controller.getClass().getResource(resource), text);
        loader.setController(controller);
        try {
            Parent root = loader.load();
            if (stylesheet != null) {
                root.getStylesheets().add(controller.getClass().getResource(stylesheet).toExternalForm());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resource, e);
        }
    }
}
