package pos.device.webcam;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javafx.animation.FadeTransition;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

import pos.core.device.Scanner.Registration;

/**
 * The webcam's live picture for a JavaFX screen (the sell screen, the camera settings dialog), with
 * a white flash and a beep on each read and the camera's status sentence over it when it is not
 * running ("No camera found. Scanning goes on with the barcode scanner.").
 *
 * <p>Frames are converted to pixels off the JavaFX thread (on the capture thread, into a back
 * array), then copied into a {@link PixelBuffer} backing a {@link WritableImage} by one
 * {@code Platform.runLater} at a time: a frame arriving while the previous one is still waiting for
 * the JavaFX thread is dropped, never queued, so a busy screen never builds a backlog of pictures.
 *
 * <p>Usage: {@code Registration shown = preview.attach(scanner);} ... {@code shown.close();}.
 * Thread-safety: {@link #showFrame}, {@link #showStatus} and {@link #flash} may be called from any
 * thread; the node itself belongs to the JavaFX thread like any other.
 */
public final class WebcamPreview extends StackPane {

    private static final Duration FLASH = Duration.millis(250);

    private final ImageView view = new ImageView();
    private final Rectangle flashOverlay = new Rectangle();
    private final Label statusLabel = new Label();
    private final FadeTransition flashFade = new FadeTransition(FLASH, flashOverlay);
    private final ReadTone tone;

    /** The pixels of the latest converted frame; written off the FX thread only while no update is pending. */
    private int[] backPixels = new int[0];
    private int backWidth;
    private int backHeight;
    private final AtomicBoolean updatePending = new AtomicBoolean();
    private final AtomicInteger updatesInFlight = new AtomicInteger();
    private volatile int maxUpdatesInFlight;
    private final AtomicLong framesShown = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong flashes = new AtomicLong();
    private volatile boolean beepEnabled = true;

    /** FX thread only. */
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;

    /** A preview that beeps with a {@link ReadTone} on each read. */
    public WebcamPreview() {
        this(new ReadTone());
    }

    public WebcamPreview(ReadTone tone) {
        this.tone = Objects.requireNonNull(tone, "tone");
        getStyleClass().add("webcam-preview");
        setMinSize(0, 0);
        setPrefSize(320, 240);
        setStyle("-fx-background-color: #202124;");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.fitWidthProperty().bind(widthProperty());
        view.fitHeightProperty().bind(heightProperty());
        flashOverlay.setFill(Color.WHITE);
        flashOverlay.setOpacity(0);
        flashOverlay.setMouseTransparent(true);
        flashOverlay.widthProperty().bind(widthProperty());
        flashOverlay.heightProperty().bind(heightProperty());
        flashOverlay.setManaged(false);
        flashFade.setFromValue(0.85);
        flashFade.setToValue(0);
        statusLabel.getStyleClass().add("webcam-preview-status");
        statusLabel.setWrapText(true);
        statusLabel.setTextFill(Color.WHITE);
        statusLabel.setAlignment(Pos.CENTER);
        statusLabel.setStyle("-fx-background-color: rgba(0,0,0,0.6); -fx-padding: 8;");
        statusLabel.maxWidthProperty().bind(widthProperty().multiply(0.9));
        statusLabel.setVisible(false);
        getChildren().addAll(view, flashOverlay, statusLabel);
    }

    /**
     * Shows the scanner's frames, flashes and beeps on its reads, and shows its status sentence while
     * it is not running. Close the returned registration to detach (a dialog closing).
     */
    public Registration attach(WebcamScanner scanner) {
        Registration frames = scanner.onFrame(this::showFrame);
        Registration reads = scanner.onRead(read -> flash());
        Registration status = scanner.onStatus(this::showStatus);
        return () -> {
            frames.close();
            reads.close();
            status.close();
        };
    }

    /**
     * Shows a frame: converted here, on the caller's thread, and put on screen by the JavaFX thread.
     * Dropped if the previous frame has not reached the screen yet. Any thread.
     */
    public void showFrame(BufferedImage frame) {
        if (!updatePending.compareAndSet(false, true)) {
            framesDropped.incrementAndGet();
            return;
        }
        int width = frame.getWidth();
        int height = frame.getHeight();
        if (backPixels.length != width * height) {
            backPixels = new int[width * height];
        }
        FramePixels.toArgb(frame, backPixels);
        backWidth = width;
        backHeight = height;
        int inFlight = updatesInFlight.incrementAndGet();
        maxUpdatesInFlight = Math.max(maxUpdatesInFlight, inFlight);
        Platform.runLater(this::copyToScreen);
    }

    /** Flashes the picture and beeps (unless {@linkplain #setBeepEnabled disabled}). Any thread. */
    public void flash() {
        flashes.incrementAndGet();
        if (beepEnabled) {
            tone.play();
        }
        runOnFx(() -> {
            flashOverlay.setOpacity(0.85);
            flashFade.playFromStart();
        });
    }

    /** Shows the status sentence over the picture unless the camera is running. Any thread. */
    public void showStatus(WebcamStatus status) {
        runOnFx(() -> {
            boolean running = status.state() == WebcamState.RUNNING;
            statusLabel.setText(status.message());
            statusLabel.setVisible(!running);
            if (status.state().isFailure() || status.state() == WebcamState.OFF) {
                view.setImage(null);
            } else if (running && image != null) {
                view.setImage(image);
            }
        });
    }

    public void setBeepEnabled(boolean enabled) {
        this.beepEnabled = enabled;
    }

    /** Frames that reached the screen. */
    public long framesShown() {
        return framesShown.get();
    }

    /** Frames dropped because the previous one had not reached the screen yet. */
    public long framesDropped() {
        return framesDropped.get();
    }

    /** The most screen updates ever waiting for the JavaFX thread at once (1 by design). */
    public int maxUpdatesInFlight() {
        return maxUpdatesInFlight;
    }

    /** Reads flashed so far. */
    public long flashes() {
        return flashes.get();
    }

    /** The picture on screen (null before the first frame). JavaFX thread. */
    public WritableImage image() {
        return image;
    }

    /** The status sentence shown over the picture (empty while running). JavaFX thread. */
    public Label statusLabel() {
        return statusLabel;
    }

    /** The white rectangle that flashes on a read. JavaFX thread. */
    public Rectangle flashOverlay() {
        return flashOverlay;
    }

    private void copyToScreen() {
        try {
            if (pixelBuffer == null || pixelBuffer.getWidth() != backWidth || pixelBuffer.getHeight() != backHeight) {
                // direct and in native order, as the pipeline uploads it to the texture without a copy
                IntBuffer buffer = ByteBuffer.allocateDirect(backWidth * backHeight * Integer.BYTES).order(ByteOrder.nativeOrder())
                        .asIntBuffer();
                pixelBuffer = new PixelBuffer<>(backWidth, backHeight, buffer, PixelFormat.getIntArgbPreInstance());
                image = new WritableImage(pixelBuffer);
                view.setImage(image);
            }
            pixelBuffer.updateBuffer(buffer -> {
                IntBuffer pixels = buffer.getBuffer();
                pixels.clear();
                pixels.put(backPixels, 0, backWidth * backHeight);
                pixels.rewind();
                return null; // the whole picture changed
            });
            if (view.getImage() != image && !statusLabel.isVisible()) {
                view.setImage(image);
            }
            framesShown.incrementAndGet();
        } finally {
            updatesInFlight.decrementAndGet();
            updatePending.set(false);
        }
    }

    private static void runOnFx(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
