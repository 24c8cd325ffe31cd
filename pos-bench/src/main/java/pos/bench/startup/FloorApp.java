package pos.bench.startup;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The floor of {@link StartupBench}: the least a JavaFX window can be, one label, started like the till (a plain main
 * class launching the application, same java, JVM options and module path). Prints the till's line,
 * {@code pos: usable after N ms}, from the first pulse after its window is shown.
 */
public final class FloorApp extends Application {

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new Label("floor"), 320, 120);
        stage.setTitle("floor");
        stage.setScene(scene);
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
