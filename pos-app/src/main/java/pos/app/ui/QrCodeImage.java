package pos.app.ui;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/**
 * Renders a payment link as a QR code image for the till's screen (R21): black modules on white,
 * a quiet zone of four modules, error correction M so a phone reads it off a glossy screen.
 * Stateless and thread-safe (the image it returns belongs to the caller).
 */
public final class QrCodeImage {

    private QrCodeImage() {
    }

    /**
     * @param content   the payment link (the gateway's code_url)
     * @param sizePixels the image's width and height
     * @throws IllegalArgumentException if the content cannot be a QR code (too long)
     */
    public static WritableImage render(String content, int sizePixels) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, sizePixels, sizePixels,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot show a QR code for a " + content.length() + "-character link", e);
        }
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
