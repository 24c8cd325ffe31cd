package pos.app.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The way back to the JavaFX application thread. View models take one so tests can run them on
 * the test thread. Thread-safe.
 */
public interface UiThread extends Executor {

    /** Runs on the JavaFX thread: at once if already there, else later. */
    static UiThread javaFx() {
        return task -> {
            if (Platform.isFxApplicationThread()) {
                task.run();
            } else {
                Platform.runLater(task);
            }
        };
    }

    /** Runs on the caller's thread; for tests of view models. */
    static UiThread sameThread() {
        return Runnable::run;
    }
}
