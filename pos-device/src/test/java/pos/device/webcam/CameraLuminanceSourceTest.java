package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import com.google.zxing.BarcodeFormat;

import org.junit.jupiter.api.Test;

/** Luminance converted row by row as ZXing asks is the same as the whole frame converted at once, frame after frame. */
class CameraLuminanceSourceTest {

    private final SyntheticFrames frames = new SyntheticFrames(9);

    @Test
    void rowsAskedForAndTheWholeMatrixEqualTheFrameConvertedAtOnce() {
        BufferedImage first = frames.noise(frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 5), 10);
        BufferedImage second = frames.frame(frames.qr("second", 200), 0);
        CameraLuminanceSource source = new CameraLuminanceSource(first.getWidth(), first.getHeight());

        source.load(first);
        byte[] expected = converted(first);
        int width = first.getWidth();
        for (int y : new int[] {240, 0, 479, 240, 100}) {
            assertThat(source.getRow(y, null)).as("row %d", y).isEqualTo(Arrays.copyOfRange(expected, y * width, (y + 1) * width));
        }
        assertThat(source.getMatrix()).as("the rest converted on demand").isEqualTo(expected);

        source.load(second);
        assertThat(source.getRow(240, new byte[width])).as("a row of the next frame, not the old one")
                .isEqualTo(Arrays.copyOfRange(converted(second), 240 * width, 241 * width));
        assertThat(source.getMatrix()).isEqualTo(converted(second));
        source.load(frames.solid(Color.WHITE));
        assertThat(source.getMatrix()).containsOnly((byte) 255);
    }

    @Test
    void theTurnedPictureIsTheMatrixTurnedAQuarterCounterClockwise() {
        BufferedImage frame = frames.frame(frames.qr("turn", 200), 0);
        CameraLuminanceSource source = new CameraLuminanceSource(frame.getWidth(), frame.getHeight());
        source.load(frame);
        byte[] upright = converted(frame);
        var turned = source.rotateCounterClockwise();
        assertThat(turned.getWidth()).isEqualTo(frame.getHeight());
        assertThat(turned.getHeight()).isEqualTo(frame.getWidth());
        byte[] matrix = turned.getMatrix();
        int width = frame.getWidth();
        int height = frame.getHeight();
        for (int[] p : new int[][] {{0, 0}, {639, 0}, {0, 479}, {320, 240}, {17, 333}}) {
            // pixel (x, y) goes to column y, row (width - 1 - x)
            assertThat(matrix[(width - 1 - p[0]) * height + p[1]]).isEqualTo(upright[p[1] * width + p[0]]);
        }
    }

    private static byte[] converted(BufferedImage frame) {
        byte[] luminance = new byte[frame.getWidth() * frame.getHeight()];
        FramePixels.toLuminance(frame, luminance);
        return luminance;
    }
}
