package pos.device.webcam;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.ResultPointCallback;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.detector.FinderPattern;

/**
 * ZXing over camera frames, the way DESIGN §7 says: {@link MultiFormatReader}s whose hints are set
 * once (one quick, one with TRY_HARDER) and {@code decodeWithState} per frame; a
 * {@link HybridBinarizer} (uneven light of a desk); QR, EAN-13, EAN-8 and Code 128 only. UPC-A is
 * deliberately left out: with it ZXing reports an EAN-13 that starts with 0 as a 12-digit UPC-A,
 * and the catalog knows the 13-digit code.
 *
 * <p>Work per frame, around ZXing's own (issue 15): the frame's luminance is read straight from the
 * camera's pixel buffer, and only as ZXing asks for it ({@link CameraLuminanceSource}: the rows a 1D
 * reader scans, the whole frame for a QR search); that source and its buffers, the turned picture's
 * included, are reused while the size stays. TRY_HARDER (about 4× slower on a
 * frame with no code, and able to find 1D codes turned on their side) runs on every
 * {@code tryHarderEvery}-th frame, and only while something code-like is in view: the quick passes of
 * the last frames met a finder pattern or a barcode guard (ZXing's result-point callback), or the
 * frame has enough sharp contrast steps ({@link #contrastSteps}); an empty counter or a hopelessly
 * blurred picture gets the quick pass only. A thorough frame that still finds nothing but met QR
 * finder patterns also tries the picture turned by 90° for QR codes (the 1D readers already turn it
 * themselves under TRY_HARDER).
 *
 * <p>The text of each result is the till's ({@link DecodedText}): no character set is forced; a code
 * whose text cannot be decoded (U+FFFD) is no read.
 *
 * <p>Not thread-safe: one decoder per thread (the readers and buffers are reused across frames).
 */
public final class FrameDecoder {

    /** The symbologies a till reads: vouchers and pay-codes (QR), products (EAN-13, EAN-8), labels (Code 128). */
    public static final List<BarcodeFormat> FORMATS =
            List.of(BarcodeFormat.QR_CODE, BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.CODE_128);

    /** Frame rows and columns sampled for {@link #contrastSteps}: every 16th. */
    private static final int CONTRAST_SAMPLE_EVERY = 16;
    /** A contrast step: two pixels 4 apart along a sampled line differ by more than this many grey levels. */
    private static final int CONTRAST_STEP = 48;
    private static final int CONTRAST_REACH = 2;
    /**
     * Steps per 256 samples from which a frame looks code-like: a VGA frame has about 38,000 samples;
     * an empty counter shows ~70 steps, the smallest readable code ~400, a bar code out of focus ~1,500.
     */
    private static final int CODE_LIKE_STEPS_PER_256_SAMPLES = 1;
    /** Finder patterns the passes of a frame must meet before the turned QR pass is worth its cost (a QR code has 3). */
    private static final int QR_FINDER_PATTERNS = 3;

    private final MultiFormatReader quickReader = new MultiFormatReader();
    private final MultiFormatReader thoroughReader = new MultiFormatReader();
    private final QRCodeReader turnedQrReader = new QRCodeReader();
    private final Map<DecodeHintType, Object> turnedQrHints;
    private final int tryHarderEvery;

    private CameraLuminanceSource source;

    /** Result points ZXing reported during the current frame's passes: QR finder patterns, and all. */
    private int finderPatternsThisFrame;
    private int pointsThisFrame;
    /** The frame number of the last quick or thorough pass that met any result point. */
    private long lastFrameWithPoints = Long.MIN_VALUE / 2;

    private boolean lastQuickPassWantedWhole;
    /** The last quick pass read a code on the rows its 1D readers scanned (so without the whole frame). */
    private boolean lastQuickPassReadOnRows;
    private long frames;
    private long thoroughFrames;
    private long thoroughSkipped;
    private long undecodable;

    /**
     * @param tryHarderEvery run TRY_HARDER on every n-th frame (1 = always; 0 = never), while something code-like is in view
     */
    public FrameDecoder(int tryHarderEvery) {
        if (tryHarderEvery < 0) {
            throw new IllegalArgumentException("tryHarderEvery must be 0 (never) or more, not " + tryHarderEvery);
        }
        this.tryHarderEvery = tryHarderEvery;
        ResultPointCallback pointsMet = this::pointMet;
        Map<DecodeHintType, Object> quick = hints(false);
        quick.put(DecodeHintType.NEED_RESULT_POINT_CALLBACK, pointsMet);
        quickReader.setHints(quick);
        Map<DecodeHintType, Object> thorough = hints(true);
        thorough.put(DecodeHintType.NEED_RESULT_POINT_CALLBACK, pointsMet);
        thoroughReader.setHints(thorough);
        turnedQrHints = new EnumMap<>(DecodeHintType.class);
        turnedQrHints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        turnedQrHints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
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
     * Decodes the next frame: quickly, or with TRY_HARDER if it is the n-th and something code-like is
     * in view.
     *
     * @return the code found, or empty when the frame holds none that can be read
     */
    public Optional<Result> decode(BufferedImage frame) {
        return decode(frame, null);
    }

    /**
     * {@link #decode(BufferedImage)} with the frame's luminance already converted ({@code readyLuminance},
     * width × height, (R + 2G + B) / 4 as {@link FramePixels} makes it; only read, until the next frame), or
     * null to convert here as ZXing asks.
     */
    public Optional<Result> decode(BufferedImage frame, byte[] readyLuminance) {
        frames++;
        boolean thoroughTurn = tryHarderEvery > 0 && frames % tryHarderEvery == 0;
        load(frame, readyLuminance);
        boolean tryHarder = false;
        if (thoroughTurn) {
            tryHarder = frames - lastFrameWithPoints <= tryHarderEvery || looksCodeLike();
            if (!tryHarder) {
                thoroughSkipped++;
            }
        }
        if (tryHarder && lastQuickPassReadOnRows) {
            // the last quick pass read a barcode on the few rows it scanned: the same code, still held up, is read
            // again that way for a few microseconds; TRY_HARDER (a whole-frame QR search first, about 1 ms) only if not
            Optional<Result> quick = decodeLoaded(false);
            if (quick.isPresent()) {
                thoroughSkipped++;
                return quick;
            }
        }
        return decodeLoaded(tryHarder);
    }

    /** Decodes one frame with or without TRY_HARDER, outside the every-n-th rhythm and its code-like test. */
    public Optional<Result> decode(BufferedImage frame, boolean tryHarder) {
        load(frame, null);
        return decodeLoaded(tryHarder);
    }

    /**
     * Whether the last quick pass needed the whole frame's luminance (its 1D readers found nothing on the
     * rows they scanned, so the QR search ran): the next frames, likely the same picture, will need it too,
     * and a capture thread can convert it beforehand, while this decoder works on the frame before.
     */
    public boolean wantsWholeFrame() {
        return lastQuickPassWantedWhole;
    }

    private void load(BufferedImage frame, byte[] readyLuminance) {
        if (source == null || !source.fits(frame)) {
            source = new CameraLuminanceSource(frame.getWidth(), frame.getHeight());
        }
        if (readyLuminance == null) {
            source.load(frame);
        } else {
            source.load(frame, readyLuminance);
        }
    }

    private Optional<Result> decodeLoaded(boolean tryHarder) {
        finderPatternsThisFrame = 0;
        pointsThisFrame = 0;
        Optional<Result> found;
        if (tryHarder) {
            thoroughFrames++;
            found = decode(thoroughReader, new BinaryBitmap(new HybridBinarizer(source)));
            if (found.isEmpty() && finderPatternsThisFrame >= QR_FINDER_PATTERNS) {
                // ZXing's QR finder misses about 1 in 100 perfectly square codes (a phone screen held still gives the
                // same picture frame after frame, so it would never be read); the same picture turned by 90° is read.
                // QR only: under TRY_HARDER the 1D readers have already looked at the turned picture themselves
                found = decodeTurnedQr();
            }
        } else {
            found = decode(quickReader, new BinaryBitmap(new HybridBinarizer(source)));
            lastQuickPassWantedWhole = source.wholeAsked();
            lastQuickPassReadOnRows = found.isPresent() && !lastQuickPassWantedWhole;
        }
        if (pointsThisFrame > 0) {
            lastFrameWithPoints = frames;
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

    private Optional<Result> decodeTurnedQr() {
        com.google.zxing.LuminanceSource turnedSource = source.rotateCounterClockwise();
        try {
            return asText(turnedQrReader.decode(new BinaryBitmap(new HybridBinarizer(turnedSource)), turnedQrHints));
        } catch (NotFoundException | ChecksumException | FormatException noCode) {
            // not readable turned either (ZXing's shared, stackless instances)
            return Optional.empty();
        }
    }

    private void pointMet(ResultPoint point) {
        pointsThisFrame++;
        if (point instanceof FinderPattern) {
            finderPatternsThisFrame++;
        }
    }

    /** Whether the loaded frame has enough sharp contrast steps to hold a code (cheap: a few rows and columns). */
    private boolean looksCodeLike() {
        int width = source.getWidth();
        int height = source.getHeight();
        int samples = ((height + CONTRAST_SAMPLE_EVERY / 2 - 1) / CONTRAST_SAMPLE_EVERY) * Math.max(0, width - 2 * CONTRAST_REACH)
                + ((width + CONTRAST_SAMPLE_EVERY / 2 - 1) / CONTRAST_SAMPLE_EVERY) * Math.max(0, height - 2 * CONTRAST_REACH);
        return contrastSteps(source.getMatrix(), width, height) * 256L >= (long) samples * CODE_LIKE_STEPS_PER_256_SAMPLES;
    }

    /**
     * Sharp contrast steps along every 16th row and column of a grey frame: places where two pixels 4
     * apart differ by more than 48 grey levels. Codes are made of them; a bare counter has few.
     */
    static int contrastSteps(byte[] luminance, int width, int height) {
        int steps = 0;
        int reach = CONTRAST_REACH;
        for (int y = CONTRAST_SAMPLE_EVERY / 2; y < height; y += CONTRAST_SAMPLE_EVERY) {
            int row = y * width;
            for (int x = reach; x < width - reach; x++) {
                int step = (luminance[row + x + reach] & 0xFF) - (luminance[row + x - reach] & 0xFF);
                if (step > CONTRAST_STEP || step < -CONTRAST_STEP) {
                    steps++;
                }
            }
        }
        for (int x = CONTRAST_SAMPLE_EVERY / 2; x < width; x += CONTRAST_SAMPLE_EVERY) {
            for (int y = reach; y < height - reach; y++) {
                int step = (luminance[(y + reach) * width + x] & 0xFF) - (luminance[(y - reach) * width + x] & 0xFF);
                if (step > CONTRAST_STEP || step < -CONTRAST_STEP) {
                    steps++;
                }
            }
        }
        return steps;
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

    /** Frames decoded with TRY_HARDER so far (in the rhythm or asked for). */
    public long thoroughFrames() {
        return thoroughFrames;
    }

    /** Frames whose turn for TRY_HARDER came while nothing code-like was in view: decoded quickly instead. */
    public long thoroughSkipped() {
        return thoroughSkipped;
    }
}
