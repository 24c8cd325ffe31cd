package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.device.webcam.WebcamTestSupport.POLL;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import pos.core.device.Scanner.Registration;

/** The preview on a real (headless Monocle) stage, fed by the real scanner over the simulated camera. */
@ExtendWith(ApplicationExtension.class)
class WebcamPreviewTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final WebcamScannerSettings SETTINGS = WebcamScannerSettings.defaults()
            .withDuplicateWindow(Duration.ofMillis(200)).withLostAfter(Duration.ofMillis(500));

    private final SyntheticFrames frames = new SyntheticFrames(3);
    private WebcamPreview preview;
    private WebcamScanner scanner;
    private Registration attached;

    @Start
    void start(Stage stage) {
        preview = new WebcamPreview();
        preview.setBeepEnabled(true); // headless: no sound line, so the tone stays silent, quietly
        stage.setScene(new Scene(preview, 320, 240));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        if (attached != null) {
            attached.close();
        }
        if (scanner != null) {
            scanner.close();
        }
        await("the scanner's threads to end").atMost(WAIT).pollInterval(POLL).until(WebcamTestSupport::noScannerThreadAlive);
    }

    @Test
    @DisplayName("the preview shows the camera's frames and flashes on a read")
    void showsTheCameraFramesAndFlashesOnARead() throws Exception {
        List<BufferedImage> film = new ArrayList<>(Collections.nCopies(20, frames.solid(new Color(200, 30, 40))));
        film.addAll(Collections.nCopies(10, frames.frame(frames.qr("FLASH-ME", 200), 0)));
        AtomicReference<Double> brightestFlash = new AtomicReference<>(0.0);
        WaitForAsyncUtils.asyncFx(() -> preview.flashOverlay().opacityProperty()
                .addListener((property, before, now) -> brightestFlash.accumulateAndGet(now.doubleValue(), Math::max))).get();
        scanner = new WebcamScanner(WebcamCameras.simulated(new FrameFeedDriver(new FrameFeedDevice("Preview camera", 30, film))),
                SETTINGS.withCamera("Preview camera"));
        attached = preview.attach(scanner);
        scanner.start();

        await("a red frame on screen").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(Integer.toHexString(pixelAt(5, 5))).isEqualTo("ffc81e28"));
        await("a read").atMost(WAIT).pollInterval(POLL).until(() -> scanner.stats().reads() > 0);
        await("the flash").atMost(WAIT).pollInterval(POLL).until(() -> brightestFlash.get() > 0.5);

        assertThat(preview.framesShown()).isPositive();
        assertThat(preview.flashes()).isEqualTo(scanner.stats().reads());
        assertThat(preview.maxUpdatesInFlight()).isEqualTo(1);
        assertThat(WaitForAsyncUtils.asyncFx(() -> preview.statusLabel().isVisible()).get()).as("no status over a running camera")
                .isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(() -> preview.image().getWidth()).get()).isEqualTo(640.0);
    }

    @Test
    @DisplayName("a busy screen drops frames, never queues them")
    void aBusyScreenDropsFramesInsteadOfQueueingThem() throws Exception {
        BufferedImage frame = frames.solid(Color.BLUE);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Platform.runLater(() -> {
            stalled.countDown();
            try {
                release.await(5, TimeUnit.SECONDS); // the FX thread busy with something slow
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(stalled.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            preview.showFrame(frame);
        }
        release.countDown();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(preview.framesShown()).isEqualTo(1);
        assertThat(preview.framesDropped()).isEqualTo(99);
        assertThat(preview.maxUpdatesInFlight()).isEqualTo(1);
        assertThat(pixelAt(10, 10)).isEqualTo(0xFF0000FF);
        preview.showFrame(frame);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(preview.framesShown()).as("the next frame after the screen caught up is shown").isEqualTo(2);
    }

    @Test
    @DisplayName("no camera: the preview says so, and that the barcode scanner goes on")
    void showsTheStatusSentenceWhenThereIsNoCamera() throws Exception {
        scanner = new WebcamScanner(WebcamCameras.simulated(new FrameFeedDriver()), SETTINGS);
        attached = preview.attach(scanner);
        scanner.start();

        await("NO_CAMERA").atMost(WAIT).pollInterval(POLL).until(() -> scanner.status().state() == WebcamState.NO_CAMERA);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> preview.statusLabel().isVisible()).get()).isTrue();
        assertThat(WaitForAsyncUtils.asyncFx(() -> preview.statusLabel().getText()).get())
                .contains("No camera found").contains("barcode scanner");
    }

    private int pixelAt(int x, int y) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> preview.image() == null ? 0 : preview.image().getPixelReader().getArgb(x, y))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the preview's pixel at " + x + "," + y, e);
        }
    }
}
