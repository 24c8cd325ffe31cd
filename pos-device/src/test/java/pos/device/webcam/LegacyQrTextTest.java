package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.Result;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * QR codes whose text is in a legacy character set without an ECI (issue 15, DESIGN §7): drawn with
 * ZXing's encoder, read by the till's decoder from a camera-like frame.
 */
class LegacyQrTextTest {

    private final SyntheticFrames frames = new SyntheticFrames(3);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GBK        | 中文优惠券 满100减20 有效期至2027年
            GB2312     | 北京市朝阳区 牛奶 5.09元
            Shift_JIS  | 日本語のクーポン券 ポイント10倍
            ISO-8859-1 | Café Müller, Größe: 2 × Crème brûlée
            UTF-8      | Grüße 中文 日本語 ✓ Café
            """)
    @DisplayName("R1 a QR code in a legacy character set without ECI is read as its own text, not garbled")
    void aQrCodeWithoutEciIsReadInItsOwnCharacterSet(String charset, String text) {
        byte[] payload = text.getBytes(Charset.forName(charset));
        BufferedImage picture = frames.frame(frames.qrOfBytes(payload, 260), 0);
        assertThat(symbologyIdentifier(picture)).as("the code carries no ECI (ISO/IEC 18004 ]Q1)").isEqualTo("]Q1");

        Optional<Result> read = new FrameDecoder(0).decode(picture);

        assertThat(read).as("%s is read", charset).isPresent();
        assertThat(read.get().getText()).isEqualTo(text);
        assertThat(read.get().getBarcodeFormat()).isEqualTo(BarcodeFormat.QR_CODE);
    }

    @Test
    @DisplayName("a QR code whose bytes are text in no character set (only U+FFFD) is no read, never a scan")
    void bytesOfNoCharacterSetAreNoRead() {
        // not UTF-8, not GBK/GB18030 (0x80 and 0xFF never lead), not Shift_JIS, and C1 controls as Latin-1
        byte[] payload = {(byte) 0x80, (byte) 0xFF, (byte) 0x80, (byte) 0x85, 'V', '-', '1', (byte) 0xFF, (byte) 0x9F};
        BufferedImage picture = frames.frame(frames.qrOfBytes(payload, 220), 0);
        assertThat(symbologyIdentifier(picture)).as("the code itself is found").isEqualTo("]Q1");

        FrameDecoder decoder = new FrameDecoder(1);
        assertThat(decoder.decode(picture)).isEmpty();
        assertThat(decoder.undecodable()).as("counted as found but undecodable").isPositive();
    }

    @Test
    void textWithAReplacementCharacterIsNoText() {
        assertThat(DecodedText.of("V-0001\uFFFD", BarcodeFormat.QR_CODE, Map.of())).isNull();
        assertThat(DecodedText.of("V-0001", BarcodeFormat.QR_CODE, Map.of())).isEqualTo("V-0001");
        assertThat(DecodedText.of("4006381333931", BarcodeFormat.EAN_13, null)).isEqualTo("4006381333931");
    }

    @Test
    void aQrCodeWithAnEciKeepsTheCharacterSetItNames() {
        // SyntheticFrames.qr writes a UTF-8 ECI
        String text = "中文 ECI UTF-8";
        BufferedImage picture = frames.frame(frames.qr(text, 240), 0);
        assertThat(symbologyIdentifier(picture)).isEqualTo("]Q2");
        assertThat(new FrameDecoder(0).decode(picture)).map(Result::getText).contains(text);
    }

    private static String symbologyIdentifier(BufferedImage picture) {
        byte[] luminance = new byte[picture.getWidth() * picture.getHeight()];
        FramePixels.toLuminance(picture, luminance);
        try {
            Result plain = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new FrameLuminanceSource(luminance, picture.getWidth(), picture.getHeight()))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            return String.valueOf(plain.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER));
        } catch (com.google.zxing.ReaderException e) {
            throw new AssertionError("the drawn QR code cannot be found at all: " + e, e);
        }
    }
}
