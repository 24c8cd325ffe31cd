package pos.app;

import com.google.zxing.BarcodeFormat;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import pos.app.catalog.CsvCatalogLoader;
import pos.core.catalog.Product;
import pos.core.catalog.VariableMeasureLayout;
import pos.device.webcam.FrameFeedDevice;
import pos.device.webcam.FrameFeedDriver;
import pos.device.webcam.SyntheticFrames;
import pos.device.webcam.WebcamCameras;

/**
 * The simulated camera of {@code pos.webcam=simulated}: for a demo or a PC without a camera, it films an empty
 * counter, and only when asked ({@link #showNextCode()}, Ctrl+D on the till) holds up the barcode of the next of the
 * sample catalog's products for a moment, so the whole webcam path (capture, decoding, the cart) can be seen working
 * one read at a time, never an endless stream of items added by themselves (issue 11 defect 10). Thread-safe.
 */
final class DemoCamera {

    static final String NAME = "Simulated camera";
    private static final int FRAMES_PER_SECOND = 5;
    /** Shorter than the webcam scanner's duplicate window (1.5 s): one showing is one read. */
    static final Duration SHOWN_FOR = Duration.ofMillis(1000);

    private final BufferedImage counter;
    private final List<BufferedImage> codes;
    private final FrameFeedDevice device;
    private final WebcamCameras cameras;
    private final AtomicInteger shown = new AtomicInteger();

    DemoCamera() {
        SyntheticFrames frames = new SyntheticFrames(7);
        this.counter = frames.counter();
        List<Product> products = new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT).products().stream()
                .filter(p -> p.gtin() != null && !p.gtin().startsWith("0") && !p.soldByWeight()).limit(4).toList();
        this.codes = products.stream().map(p -> frames.frame(frames.barcode(p.gtin(), BarcodeFormat.EAN_13, 360, 150), 0))
                .toList();
        this.device = new FrameFeedDevice(NAME, FRAMES_PER_SECOND, List.of(counter));
        this.cameras = WebcamCameras.simulated(new FrameFeedDriver(device));
    }

    /** The cameras of a new simulated camera that only ever films the counter unless asked. */
    static WebcamCameras cameras() {
        return new DemoCamera().webcams();
    }

    /** This simulated camera as the webcam driver's cameras. */
    WebcamCameras webcams() {
        return cameras;
    }

    /** Holds up the next sample product's barcode for {@link #SHOWN_FOR}, then the empty counter again. Any thread. */
    void showNextCode() {
        if (codes.isEmpty()) {
            return;
        }
        int showing = shown.incrementAndGet();
        device.play(List.of(codes.get((showing - 1) % codes.size())));
        CompletableFuture.delayedExecutor(SHOWN_FOR.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (shown.get() == showing) { // a later showing keeps its own full moment
                device.play(List.of(counter));
            }
        });
    }

    /** How many codes were asked for so far. */
    int codesShown() {
        return shown.get();
    }
}
