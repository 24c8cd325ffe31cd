package pos.app.ui;

import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The till's secondary windows (reports, people, camera settings) open as windows of their own, sized to fit the
 * screen their owner is on (never larger than its visual bounds) and placed inside it; the till's main window is
 * never resized by them (issue 11). FX thread only.
 */
public final class Windows {

    private Windows() {
    }

    /** The visual bounds of the screen {@code owner} is on (the primary screen when there is no owner). */
    public static Rectangle2D visualBounds(Window owner) {
        if (owner != null && owner.getWidth() > 0) {
            var screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    /** A scene for {@code root} of the preferred size, made smaller where the screen of {@code owner} is smaller. */
    public static Scene fittingScene(Parent root, Window owner, double preferredWidth, double preferredHeight) {
        Rectangle2D bounds = visualBounds(owner);
        return new Scene(root, Math.min(preferredWidth, bounds.getWidth()), Math.min(preferredHeight, bounds.getHeight()));
    }

    /**
     * Keeps {@code stage} inside the visual bounds of its owner's screen: no larger than them, centred in them. Call
     * after the scene is set and before showing it.
     */
    public static void keepOnScreen(Stage stage, Window owner) {
        Rectangle2D bounds = visualBounds(owner);
        stage.setMaxWidth(bounds.getWidth());
        stage.setMaxHeight(bounds.getHeight());
        stage.setOnShown(e -> {
            double width = Math.min(stage.getWidth(), bounds.getWidth());
            double height = Math.min(stage.getHeight(), bounds.getHeight());
            stage.setWidth(width);
            stage.setHeight(height);
            stage.setX(bounds.getMinX() + (bounds.getWidth() - width) / 2);
            stage.setY(bounds.getMinY() + (bounds.getHeight() - height) / 2);
        });
    }
}
