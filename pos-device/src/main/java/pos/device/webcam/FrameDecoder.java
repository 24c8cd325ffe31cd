package pos.device.webcam;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;

/**
 * ZXing over camera frames, the way DESIGN §7 says: two {@link MultiFormatReader}s whose hints are
 * set once (one quick, one with TRY_HARDER) and {@code decodeWithState} per frame; a
 * {@link HybridBinarizer} (uneven light of a desk); QR, EAN-13, EAN-8 and Code 128 only. UPC-A is
 * deliberately left out: with it ZXing reports an EAN-13 that starts with 0 as a 12-digit UPC-A,
 * and the catalog knows the 13-digit code. TRY_HARDER (about 4× slower on a frame with no code,
 * and able to find 1D codes turned on their side) runs on every {@code tryHarderEvery}-th frame
 * only, so a camera held still over a hard code still gets it within a fraction of a second.
 *
 * <p>Not thread-safe: one decoder per thread (the readers and buffers are reused across frames).
 */
public final class FrameDecoder {

    /** The symbologies a till reads: vouchers and pay-codes (QR), products (EAN-13, EAN-8), labels (Code 128). */
    public static final List<BarcodeFormat> FORMATS =
            List.of(BarcodeFormat.QR_CODE, BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.CODE_128);

    private final MultiFormatReader quickReader = new MultiFormatReader();
    private final MultiFormatReader thoroughReader = new MultiFormatReader();
    private final int tryHarderEvery;
    private byte[] luminance = new byte[0];
    private long frames;
    private long undecodable;

    /**
     * @param tryHarderEvery run TRY_HARDER on every n-th frame (1 = always; 0 = never)
     */
    public FrameDecoder(int tryHarderEvery) {
        if (tryHarderEvery < 0) {
            throw new IllegalArgumentException("tryHarderEvery must be 0 (never) or more, not " + tryHarderEvery);
        }
        this.tryHarderEvery = tryHarderEvery;
        quickReader.setHints(hints(false));
        thoroughReader.setHints(hints(true));
    }

    /**
     * The decode hints of the till: {@link #FORMATS} and TRY_HARDER if asked. No character set: a QR
     * code's ECI names its own, and without one {@link DecodedText} picks it from the bytes (forcing
     * UTF-8 garbled GBK and Shift_JIS labels, DESIGN §7). A new mutable map each call.
     */
    public static Map<DecodeHintType, Object> hints(boolean tryHarder) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, FORMATS);
        if (tryHarder) {
            hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        }
        return hints;
    }

    /**
     * Decodes the next frame: quickly, or with TRY_HARDER if it is the n-th.
     *
     * @return the code found, or empty when the frame holds none that can be read
     */
    public Optional<Result> decode(BufferedImage frame) {
        frames++;
        boolean tryHarder = tryHarderEvery > 0 && frames % tryHarderEvery == 0;
        return decode(frame, tryHarder);
    }

    /** Decodes one frame with or without TRY_HARDER, outside the every-n-th rhythm. */
    public Optional<Result> decode(BufferedImage frame, boolean tryHarder) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        if (luminance.length != width * height) {
            luminance = new byte[width * height];
        }
        FramePixels.toLuminance(frame, luminance);
        FrameLuminanceSource source = new FrameLuminanceSource(luminance, width, height);
        MultiFormatReader reader = tryHarder ? thoroughReader : quickReader;
        Optional<Result> found = decode(reader, new BinaryBitmap(new HybridBinarizer(source)));
        if (found.isEmpty() && tryHarder) {
            // ZXing's QR finder misses about 1 in 100 perfectly square codes (a phone screen held still gives the
            // same picture frame after frame, so it would never be read); the same picture turned by 90° is read:
            // the thorough frames try that too
            found = decode(reader, new BinaryBitmap(new HybridBinarizer(source.rotateCounterClockwise())));
        }
        return found;
    }

    private Optional<Result> decode(MultiFormatReader reader, BinaryBitmap bitmap) {
        try {
            return asText(reader.decodeWithState(bitmap));
        } catch (NotFoundException noCode) {
            // the usual answer: most frames show no code, or none that checks out (MultiFormatReader turns
            // checksum and format failures into this too; ZXing throws a shared, stackless instance)
            return Optional.empty();
        } finally {
            reader.reset();
        }
    }

    /**
     * The result with its text as the till takes it ({@link DecodedText}), or empty when it is no
     * text (U+FFFD, bytes of no known character set): counted in {@link #undecodable()}, never a read.
     */
    private Optional<Result> asText(Result result) {
        String text = DecodedText.of(result.getText(), result.getBarcodeFormat(), result.getResultMetadata());
        if (text == null) {
            undecodable++;
            return Optional.empty();
        }
        if (text.equals(result.getText())) {
            return Optional.of(result);
        }
        Result retexted = new Result(text, result.getRawBytes(), result.getNumBits(), result.getResultPoints(),
                result.getBarcodeFormat(), result.getTimestamp());
        retexted.putAllMetadata(result.getResultMetadata());
        return Optional.of(retexted);
    }

    /** Codes found whose bytes are no text in any character set the till knows (so not reads). */
    public long undecodable() {
        return undecodable;
    }

    /** Frames passed to {@link #decode(BufferedImage)} so far. */
    public long frames() {
        return frames;
    }
}
