package pos.bench.startup;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The floor of {@link StartupBench}: the least a JavaFX window can be, one label in a window of the till's size, started like the till (a plain main
 * class launching the application, same java, JVM options and module path). Prints the till's line,
 * {@code pos: usable after N ms}, from the first pulse after its window is shown.
 */
public final class FloorApp extends Application {

    @Override
    public void start(Stage stage) {
        // the till's window: the screen's size from the start, maximized (software rendering costs by the pixel)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(new Label("floor"), screen.getWidth(), screen.getHeight());
        stage.setTitle("floor");
        stage.setScene(scene);
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setMaximized(true);
        stage.show();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long ms = ProcessHandle.current().info().startInstant()
                    .map(start -> java.time.Duration.between(start, java.time.Instant.now()).toMillis()).orElse(0L);
            System.out.println("pos: usable after " + ms + " ms");
            System.out.flush();
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }
}
