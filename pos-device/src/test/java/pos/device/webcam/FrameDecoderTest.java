package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Result;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import pos.device.webcam.SyntheticFrames.Expectation;
import pos.device.webcam.SyntheticFrames.Sample;

/** Real ZXing over real generated pictures: each kind of frame is read, or not, as its sample says. */
class FrameDecoderTest {

    private static final int TRY_HARDER_EVERY = 4;

    static List<Sample> samples() {
        return new SyntheticFrames(7).standardSet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @DisplayName("each kind of frame is read with its text and format, or never read")
    void eachKindOfFrameIsReadAsExpected(Sample sample) {
        FrameDecoder decoder = new FrameDecoder(TRY_HARDER_EVERY);
        Optional<Result> first = decoder.decode(sample.image());
        switch (sample.expectation()) {
            case QUICK -> assertRead(first, sample);
            case TRY_HARDER -> {
                assertThat(first).as("%s is not read on a quick attempt", sample).isEmpty();
                Optional<Result> within = first;
                for (int frame = 2; frame <= TRY_HARDER_EVERY && within.isEmpty(); frame++) {
                    within = decoder.decode(sample.image());
                }
                assertRead(within, sample);
            }
            case HOPELESS, EMPTY -> {
                for (int frame = 2; frame <= 2 * TRY_HARDER_EVERY && first.isEmpty(); frame++) {
                    first = decoder.decode(sample.image());
                }
                assertThat(first).as("%s is never read (and never misread)", sample).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("an EAN-13 starting with 0 stays a 13-digit EAN-13, not a UPC-A (DESIGN §7)")
    void eanThirteenWithLeadingZeroIsNotUpcA() {
        SyntheticFrames frames = new SyntheticFrames(1);
        BufferedImage picture = frames.frame(frames.barcode(SyntheticFrames.EAN_13_LEADING_ZERO, BarcodeFormat.EAN_13, 300, 120), 0);
        Result result = new FrameDecoder(0).decode(picture).orElseThrow();
        assertThat(result.getText()).isEqualTo("0012345678905");
        assertThat(result.getBarcodeFormat()).isEqualTo(BarcodeFormat.EAN_13);
    }

    /** A voucher-like payload whose upright, pixel-perfect QR code ZXing's finder misses (found by a sweep). */
    static final String QR_THE_FINDER_MISSES_UPRIGHT = "PV1.k1.YhEqY-h_r2Sd7vn5YmOIUf_g1CYwd0J0ZXOR_1HTTg_vSzOmfUD0DHptBp4"
            + "OnYLQIbdYirzdTd8_lTjJmikKQ8ZoZXHPt71-JAtc4tk_dw1MJbUrXt3McOSpKHACvdXsjNua7Q57WARawb0Gayp-L_4qZPQxhaRcxa-WWeeGL";

    @Test
    void aQrCodeTheFinderMissesUprightIsReadOnTheThoroughFrames() {
        SyntheticFrames frames = new SyntheticFrames(11);
        BufferedImage held = frames.frame(frames.qr(QR_THE_FINDER_MISSES_UPRIGHT, 300), 0);
        FrameDecoder decoder = new FrameDecoder(4);
        // the quick frames miss it, frame after frame: a phone held still in front of the camera shows just this
        assertThat(decoder.decode(held, false)).as("ZXing's plain pass misses this code").isEmpty();
        // a thorough frame also looks at the picture turned by 90°, and reads it
        assertThat(decoder.decode(held, true)).hasValueSatisfying(r -> assertThat(r.getText()).isEqualTo(QR_THE_FINDER_MISSES_UPRIGHT));
        // in the every-4th rhythm it is read within four frames
        FrameDecoder rhythm = new FrameDecoder(4);
        boolean read = false;
        for (int frame = 0; frame < 4 && !read; frame++) {
            read = rhythm.decode(held).isPresent();
        }
        assertThat(read).isTrue();
    }

    @Test
    void tryHarderRunsOnlyOnEveryNthFrame() {
        SyntheticFrames frames = new SyntheticFrames(1);
        BufferedImage sideways = frames.frame(frames.barcode(SyntheticFrames.CODE_128, BarcodeFormat.CODE_128, 360, 100), 90);
        FrameDecoder decoder = new FrameDecoder(3);
        assertThat(decoder.decode(sideways)).isEmpty();
        assertThat(decoder.decode(sideways)).isEmpty();
        assertThat(decoder.decode(sideways)).map(Result::getText).contains(SyntheticFrames.CODE_128);
        assertThat(decoder.decode(sideways)).isEmpty();
        assertThat(decoder.frames()).isEqualTo(4);
    }

    @Test
    void theSameDecoderReadsDifferentCodesOneAfterTheOther() {
        FrameDecoder decoder = new FrameDecoder(0);
        List<Sample> readable = samples().stream().filter(s -> s.expectation() == Expectation.QUICK).toList();
        for (int round = 0; round < 2; round++) {
            for (Sample sample : readable) {
                assertRead(decoder.decode(sample.image()), sample);
            }
        }
    }

    @Test
    void picturesOfAnyLayoutAreRead() {
        SyntheticFrames frames = new SyntheticFrames(1);
        BufferedImage bgr = frames.frame(frames.qr("layout", 200), 0);
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_USHORT_565_RGB}) {
            BufferedImage converted = new BufferedImage(bgr.getWidth(), bgr.getHeight(), type);
            converted.createGraphics().drawImage(bgr, 0, 0, null);
            assertThat(new FrameDecoder(0).decode(converted)).as("image type %d", type).map(Result::getText).contains("layout");
        }
        assertThat(new FrameDecoder(0).decode(bgr.getSubimage(100, 60, 440, 360))).map(Result::getText).contains("layout");
    }

    @Test
    @DisplayName("luminance read straight from the camera's buffer equals the colour model's, for every layout")
    void luminanceFromTheBufferEqualsTheColourModels() {
        SyntheticFrames frames = new SyntheticFrames(5);
        BufferedImage bgr = frames.noise(frames.frame(frames.qr("layout", 200), 12), 20);
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_USHORT_555_RGB}) {
            BufferedImage converted = new BufferedImage(bgr.getWidth(), bgr.getHeight(), type);
            converted.createGraphics().drawImage(bgr, 0, 0, null);
            int[] argb = converted.getRGB(0, 0, converted.getWidth(), converted.getHeight(), null, 0, converted.getWidth());
            byte[] expected = new byte[argb.length];
            for (int i = 0; i < argb.length; i++) {
                int p = argb[i];
                expected[i] = (byte) ((((p >> 16) & 0xFF) + 2 * ((p >> 8) & 0xFF) + (p & 0xFF)) >> 2);
            }
            byte[] luminance = new byte[argb.length];
            FramePixels.toLuminance(converted, luminance, new int[converted.getWidth()]);
            assertThat(luminance).as("image type %d", type).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("a barcode the quick pass reads is read that way on TRY_HARDER's turn too; a code it misses still gets TRY_HARDER")
    void aBarcodeReadQuicklyIsNotSearchedHarderWhileItStaysReadable() {
        SyntheticFrames frames = new SyntheticFrames(3);
        FrameDecoder decoder = new FrameDecoder(4);
        BufferedImage ean = frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 0);
        for (int frame = 1; frame <= 8; frame++) {
            assertThat(decoder.decode(ean)).as("frame %d", frame).map(Result::getText).contains(SyntheticFrames.EAN_13);
        }
        assertThat(decoder.thoroughFrames()).as("TRY_HARDER while the barcode stays readable on the quick pass").isZero();
        assertThat(decoder.thoroughSkipped()).as("both turns read quickly").isEqualTo(2);

        BufferedImage sideways = frames.frame(frames.barcode(SyntheticFrames.CODE_128, BarcodeFormat.CODE_128, 360, 100), 90);
        Optional<Result> read = Optional.empty();
        for (int frame = 0; frame < 4 && read.isEmpty(); frame++) {
            read = decoder.decode(sideways);
        }
        assertThat(read).as("a code turned on its side, read on TRY_HARDER's turn").map(Result::getText)
                .contains(SyntheticFrames.CODE_128);
        assertThat(decoder.thoroughFrames()).isEqualTo(1);
    }

    @Test
    @DisplayName("a QR code's quick pass asks for the whole frame, a barcode's does not; luminance handed over ready reads the same")
    void luminanceHandedOverReadyIsReadAndTheWholeFrameIsWantedForQrOnly() {
        SyntheticFrames frames = new SyntheticFrames(4);
        BufferedImage qr = frames.frame(frames.qr("ready", 200), 0);
        BufferedImage ean = frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 0);
        FrameDecoder decoder = new FrameDecoder(0);
        assertThat(decoder.decode(ean)).map(Result::getText).contains(SyntheticFrames.EAN_13);
        assertThat(decoder.wantsWholeFrame()).as("a barcode read on the rows the 1D readers scanned").isFalse();
        assertThat(decoder.decode(qr)).map(Result::getText).contains("ready");
        assertThat(decoder.wantsWholeFrame()).as("a QR code: the 1D rows found nothing, the QR search took the whole frame").isTrue();

        byte[] ready = new byte[qr.getWidth() * qr.getHeight()];
        FramePixels.toLuminance(qr, ready);
        assertThat(decoder.decode(qr, ready)).map(Result::getText).contains("ready");
        assertThat(decoder.decode(ean, (byte[]) null)).as("the next frame converted by the decoder again, not the old buffer")
                .map(Result::getText).contains(SyntheticFrames.EAN_13);
        byte[] blank = new byte[ready.length];
        java.util.Arrays.fill(blank, (byte) 255);
        assertThat(decoder.decode(qr, blank)).as("the luminance handed over is what is read, not the picture").isEmpty();
    }

    @Test
    @DisplayName("TRY_HARDER's turn is skipped while nothing code-like is in view, and taken when a code is")
    void tryHarderRunsOnlyWhileSomethingCodeLikeIsInView() {
        SyntheticFrames frames = new SyntheticFrames(2);
        FrameDecoder decoder = new FrameDecoder(4);
        BufferedImage emptyCounter = frames.counter();
        for (int frame = 0; frame < 8; frame++) {
            assertThat(decoder.decode(emptyCounter)).isEmpty();
        }
        assertThat(decoder.thoroughFrames()).as("no TRY_HARDER on an empty counter").isZero();
        assertThat(decoder.thoroughSkipped()).as("both turns skipped").isEqualTo(2);

        // a bar code out of focus: no result point on the quick passes, but its contrast steps make it code-like
        BufferedImage blurred = frames.blur(frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 0), 2);
        Optional<Result> read = Optional.empty();
        for (int frame = 0; frame < 4 && read.isEmpty(); frame++) {
            read = decoder.decode(blurred);
        }
        assertThat(read).map(Result::getText).contains(SyntheticFrames.EAN_13);
        assertThat(decoder.thoroughFrames()).isEqualTo(1);
    }

    @Test
    void anEmptyCounterHasFewContrastStepsACodeMany() {
        SyntheticFrames frames = new SyntheticFrames(2);
        assertThat(contrastSteps(frames.counter())).isLessThan(100);
        assertThat(contrastSteps(frames.frame(frames.qr("V-1", 84), 0))).isGreaterThan(250);
        assertThat(contrastSteps(frames.frame(frames.barcode(SyntheticFrames.EAN_8, BarcodeFormat.EAN_8, 220, 100), 0)))
                .isGreaterThan(250);
    }

    private static int contrastSteps(BufferedImage frame) {
        byte[] luminance = new byte[frame.getWidth() * frame.getHeight()];
        FramePixels.toLuminance(frame, luminance);
        return FrameDecoder.contrastSteps(luminance, frame.getWidth(), frame.getHeight());
    }

    private static void assertRead(Optional<Result> result, Sample sample) {
        assertThat(result).as("%s is read", sample).isPresent();
        assertThat(result.get().getText()).as("%s text", sample).isEqualTo(sample.text());
        assertThat(result.get().getBarcodeFormat()).as("%s format", sample).isEqualTo(sample.format());
    }
}
