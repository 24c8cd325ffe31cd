package pos.app.start;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.Scene;

/**
 * Says once, on standard output, when the till became usable (issue 14 point 4: "usable = the sell screen or
 * sign-in shown and accepting a scan"): {@code pos: usable after N ms}, N counted from the start of this process.
 * Armed after the screen is on the stage and the keyboard scanner is installed on its scene; the line is printed by
 * the first pulse that lays the scene out after that, i.e. once the first frame is on its way. {@code ./pos bench
 * startup} times the launch to this line. The same pulse opens {@link pos.app.ui.FirstFrame}. FX thread.
 */
public final class UsableSignal {

    /** The line's start, as {@code ./pos bench startup} looks for it. */
    public static final String PREFIX = "pos: usable after ";

    private UsableSignal() {
    }

    /** Prints the line to standard output on the next layout pulse of {@code scene}. FX thread. */
    public static void onNextPulse(Scene scene) {
        onNextPulse(scene, System.out);
    }

    static void onNextPulse(Scene scene, PrintStream out) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            pos.app.ui.FirstFrame.shown();
            out.println(PREFIX + sinceProcessStart().toMillis() + " ms");
            out.flush();
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }

    /** How long this process has been running (from the start the operating system gives it). */
    static Duration sinceProcessStart() {
        return ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, Instant.now()))
                .orElse(Duration.ZERO);
    }
}
