package pos.app.scanner;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/**
 * Renders a short text as a Code 128 barcode for the screen, black bars on white with a quiet zone,
 * as {@link pos.app.ui.QrCodeImage} does for QR codes. Every wedge scanner reads Code 128 out of the
 * box. Stateless and thread-safe (the image belongs to the caller).
 */
final class Code128Image {

    /** Modules of white on each side: scanners need ten. */
    private static final int QUIET_ZONE = 12;

    private Code128Image() {
    }

    static WritableImage render(String content, int widthPixels, int heightPixels) {
        BitMatrix matrix = new Code128Writer().encode(content, BarcodeFormat.CODE_128, widthPixels, heightPixels,
                Map.of(EncodeHintType.MARGIN, QUIET_ZONE));
        WritableImage image = new WritableImage(matrix.getWidth(), matrix.getHeight());
        PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                pixels.setArgb(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }
}
