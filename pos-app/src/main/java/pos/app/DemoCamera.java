package pos.app;

import com.google.zxing.BarcodeFormat;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import pos.app.catalog.CsvCatalogLoader;
import pos.core.catalog.Product;
import pos.core.catalog.VariableMeasureLayout;
import pos.device.webcam.FrameFeedDevice;
import pos.device.webcam.FrameFeedDriver;
import pos.device.webcam.SyntheticFrames;
import pos.device.webcam.WebcamCameras;

/**
 * The simulated camera of {@code pos.webcam=simulated}: for a demo or a PC without a camera, it
 * shows an empty counter and, every few seconds, the barcode of one of the sample catalog's
 * products, so the whole webcam path (capture, decoding, the cart) can be seen working.
 */
final class DemoCamera {

    static final String NAME = "Simulated camera";
    private static final int FRAMES_PER_SECOND = 5;
    private static final int EMPTY_FRAMES_BETWEEN = 40;

    private DemoCamera() {
    }

    static WebcamCameras cameras() {
        SyntheticFrames frames = new SyntheticFrames(7);
        List<BufferedImage> loop = new ArrayList<>();
        List<Product> products = new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT).products().stream()
                .filter(p -> p.gtin() != null && !p.gtin().startsWith("0") && !p.soldByWeight()).limit(4).toList();
        BufferedImage counter = frames.counter();
        for (Product product : products) {
            loop.add(frames.frame(frames.barcode(product.gtin(), BarcodeFormat.EAN_13, 360, 150), 0));
            for (int i = 0; i < EMPTY_FRAMES_BETWEEN; i++) {
                loop.add(counter);
            }
        }
        if (loop.isEmpty()) {
            loop.add(counter);
        }
        return WebcamCameras.simulated(new FrameFeedDriver(new FrameFeedDevice(NAME, FRAMES_PER_SECOND, loop)));
    }
}
