package pos.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class QrCodeImageTest {

    @Test
    @DisplayName("R21 the QR code the till shows decodes back to the gateway's payment link")
    void theQrCodeTheTillShowsDecodesBackToThePaymentLink() throws Exception {
        String link = "weixin://wxpay/bizpayurl?pr=Abc123XyZ&out_trade_no=01JBQ0000000000000000000AB";
        WritableImage image = QrCodeImage.render(link, 300);
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(decode(image).getText()).isEqualTo(link);
    }

    @Test
    void aLinkTooLongForAQrCodeIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> QrCodeImage.render("x".repeat(5_000), 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5000-character");
    }

    private static Result decode(WritableImage image) throws Exception {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                argb[y * width + x] = reader.getArgb(x, y);
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, argb))));
    }
}
