package pos.bench.startup;

import javafx.application.Application;

/** Starts {@link FloorApp} like {@code pos.app.Launcher} starts the till: from a plain main class, not an Application. */
public final class FloorMain {

    private FloorMain() {
    }

    public static void main(String[] args) {
        Application.launch(FloorApp.class, args);
    }
}
