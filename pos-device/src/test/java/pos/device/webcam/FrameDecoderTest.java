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
                BufferedImage.TYPE_4BYTE_ABGR}) {
            BufferedImage converted = new BufferedImage(bgr.getWidth(), bgr.getHeight(), type);
            converted.createGraphics().drawImage(bgr, 0, 0, null);
            assertThat(new FrameDecoder(0).decode(converted)).as("image type %d", type).map(Result::getText).contains("layout");
        }
        assertThat(new FrameDecoder(0).decode(bgr.getSubimage(100, 60, 440, 360))).map(Result::getText).contains("layout");
    }

    private static void assertRead(Optional<Result> result, Sample sample) {
        assertThat(result).as("%s is read", sample).isPresent();
        assertThat(result.get().getText()).as("%s text", sample).isEqualTo(sample.text());
        assertThat(result.get().getBarcodeFormat()).as("%s format", sample).isEqualTo(sample.format());
    }
}
