package pos.app.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.ui.FirstFrame;

/**
 * Issue 14, "Done when": "`./pos bench startup`: launch-to-usable seconds ..." — the till says once when it is
 * usable, from the first pulse after its screen is shown, and that pulse lets the work held back for the first frame
 * (the fingerprint worker) go.
 */
@ExtendWith(ApplicationExtension.class)
class UsableSignalTest {

    private Scene scene;
    private Label label;

    @Start
    void start(Stage stage) {
        label = new Label("sell");
        scene = new Scene(new StackPane(label), 300, 200);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    @DisplayName("issue 14: 'pos: usable after N ms' is printed once, on the next pulse, and opens the first-frame gate")
    void theUsableLineIsPrintedOnceAndOpensTheGate() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        FirstFrame.arm();
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            FirstFrame.awaitShown(Duration.ofSeconds(60));
            return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        });
        Platform.runLater(() -> UsableSignal.onNextPulse(scene, out));
        assertThat(waited.get(50, TimeUnit.SECONDS)).as("the held-back work went on at the pulse, not at the 60 s limit")
                .isLessThan(50);
        for (int i = 0; i < 3; i++) { // later pulses print nothing more
            int n = i;
            Platform.runLater(() -> label.setText("sell " + n));
            WaitForAsyncUtils.waitForFxEvents();
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().toList()).hasSize(1);
        assertThat(printed.strip()).matches("pos: usable after \\d+ ms");
    }
}
