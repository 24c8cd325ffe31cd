package pos.device.webcam;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Camera-like pictures of codes, drawn with ZXing's writers and Java 2D: a code on a white card (a
 * phone screen, a label) lying on a grey, unevenly lit counter, then turned, blurred, noisy, small
 * in the frame or under a glare; and frames with no code at all. What the simulated camera
 * ({@link FrameFeedDevice}) plays in the tests, the benchmark and the demo.
 *
 * <p>Deterministic for a given seed. Not thread-safe (the noise generator); the pictures it returns
 * are new {@code TYPE_3BYTE_BGR} images, the layout the default driver delivers.
 */
public final class SyntheticFrames {

    /** How a sample frame should fare in the decoder. */
    public enum Expectation {
        /** Read on the first, quick attempt. */
        QUICK,
        /** Read only with TRY_HARDER (a 1D code turned on its side): within {@code tryHarderEvery} frames. */
        TRY_HARDER,
        /** Shows a code nobody could read (far too blurred or small): never read, never misread. */
        HOPELESS,
        /** Shows no code: never read. */
        EMPTY
    }

    /**
     * One named sample picture with what the decoder should make of it.
     *
     * @param name        what it shows, e.g. "qr-rotated-30"
     * @param image       the picture
     * @param text        the code's text; empty for {@link Expectation#EMPTY}
     * @param format      the code's symbology; null for {@link Expectation#EMPTY}
     * @param expectation whether and how it should be read
     */
    public record Sample(String name, BufferedImage image, String text, BarcodeFormat format, Expectation expectation) {
        public Sample {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(expectation, "expectation");
        }

        /** Whether the decoder should read it (quickly or with TRY_HARDER). */
        public boolean readable() {
            return expectation == Expectation.QUICK || expectation == Expectation.TRY_HARDER;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A voucher-like QR payload. */
    public static final String QR_TEXT = "CTV1.V-000123.R-42.EXP-20271231.SIG-Zq3x9PbL";
    /** An EAN-13 of the sample catalog's kind. */
    public static final String EAN_13 = "4006381333931";
    /** An EAN-13 starting with 0: must stay EAN-13, not become a UPC-A (DESIGN §7). */
    public static final String EAN_13_LEADING_ZERO = "0012345678905";
    public static final String EAN_8 = "96385074";
    public static final String CODE_128 = "POS-LABEL-12345";

    private final int width;
    private final int height;
    private final Random random;
    private final MultiFormatWriter writer = new MultiFormatWriter();

    /** VGA frames (640 × 480). */
    public SyntheticFrames(long seed) {
        this(WebcamScannerSettings.VGA.width, WebcamScannerSettings.VGA.height, seed);
    }

    public SyntheticFrames(int width, int height, long seed) {
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("frames must be at least 64x64, not " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.random = new Random(seed);
    }

    /**
     * The standard set: every kind of frame the issue names, with its expectation. The same list (for
     * the same seed) serves the decoder tests and the benchmark.
     */
    public List<Sample> standardSet() {
        List<Sample> samples = new ArrayList<>();
        samples.add(sample("qr-plain", QR_TEXT, BarcodeFormat.QR_CODE, frame(qr(QR_TEXT, 220), 0), Expectation.QUICK));
        samples.add(sample("qr-rotated-30", QR_TEXT, BarcodeFormat.QR_CODE, frame(qr(QR_TEXT, 220), 30), Expectation.QUICK));
        samples.add(sample("qr-rotated-180", QR_TEXT, BarcodeFormat.QR_CODE, frame(qr(QR_TEXT, 220), 180), Expectation.QUICK));
        samples.add(sample("qr-blurred", QR_TEXT, BarcodeFormat.QR_CODE, blur(frame(qr(QR_TEXT, 220), 0), 2), Expectation.QUICK));
        samples.add(sample("qr-noisy", QR_TEXT, BarcodeFormat.QR_CODE, noise(frame(qr(QR_TEXT, 220), 10), 30), Expectation.QUICK));
        samples.add(sample("qr-small", "V-000123", BarcodeFormat.QR_CODE, frame(qr("V-000123", 84), 0), Expectation.QUICK));
        samples.add(sample("qr-glare", QR_TEXT, BarcodeFormat.QR_CODE, glare(frame(qr(QR_TEXT, 240), 0), 0.55, 0.55, 45),
                Expectation.QUICK));
        samples.add(sample("ean13-plain", EAN_13, BarcodeFormat.EAN_13, frame(barcode(EAN_13, BarcodeFormat.EAN_13, 420, 140), 0),
                Expectation.QUICK));
        samples.add(sample("ean13-leading-zero", EAN_13_LEADING_ZERO, BarcodeFormat.EAN_13,
                frame(barcode(EAN_13_LEADING_ZERO, BarcodeFormat.EAN_13, 420, 140), 0), Expectation.QUICK));
        samples.add(sample("ean13-rotated-8", EAN_13, BarcodeFormat.EAN_13,
                frame(barcode(EAN_13, BarcodeFormat.EAN_13, 420, 140), 8), Expectation.QUICK));
        samples.add(sample("ean13-noisy", EAN_13, BarcodeFormat.EAN_13,
                noise(frame(barcode(EAN_13, BarcodeFormat.EAN_13, 420, 140), 0), 16), Expectation.TRY_HARDER));
        samples.add(sample("ean13-blurred", EAN_13, BarcodeFormat.EAN_13,
                blur(frame(barcode(EAN_13, BarcodeFormat.EAN_13, 420, 140), 0), 2), Expectation.TRY_HARDER));
        samples.add(sample("ean13-glare", EAN_13, BarcodeFormat.EAN_13,
                glare(frame(barcode(EAN_13, BarcodeFormat.EAN_13, 420, 140), 0), 0.42, 0.5, 40), Expectation.QUICK));
        samples.add(sample("ean8-plain", EAN_8, BarcodeFormat.EAN_8, frame(barcode(EAN_8, BarcodeFormat.EAN_8, 220, 100), 0),
                Expectation.QUICK));
        samples.add(sample("code128-plain", CODE_128, BarcodeFormat.CODE_128,
                frame(barcode(CODE_128, BarcodeFormat.CODE_128, 360, 100), 0), Expectation.QUICK));
        samples.add(sample("code128-rotated-90", CODE_128, BarcodeFormat.CODE_128,
                frame(barcode(CODE_128, BarcodeFormat.CODE_128, 360, 100), 90), Expectation.TRY_HARDER));
        samples.add(sample("qr-hopelessly-blurred", QR_TEXT, BarcodeFormat.QR_CODE, blur(frame(qr(QR_TEXT, 220), 0), 15),
                Expectation.HOPELESS));
        samples.add(sample("qr-too-small", QR_TEXT, BarcodeFormat.QR_CODE, frame(qr(QR_TEXT, 30), 0), Expectation.HOPELESS));
        samples.add(new Sample("empty-counter", counter(), "", null, Expectation.EMPTY));
        samples.add(new Sample("empty-noisy", noise(counter(), 40), "", null, Expectation.EMPTY));
        return samples;
    }

    private static Sample sample(String name, String text, BarcodeFormat format, BufferedImage image, Expectation expectation) {
        return new Sample(name, image, text, format, expectation);
    }

    /** A QR code of {@code text} (error correction M), {@code size} pixels square with its quiet zone. */
    public BufferedImage qr(String text, int size) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        hints.put(EncodeHintType.MARGIN, 2);
        return render(encode(text, BarcodeFormat.QR_CODE, size, size, hints));
    }

    /**
     * A QR code (error correction M) whose one byte segment carries {@code payload} as it is, with no
     * ECI naming its character set: how older labels and vouchers in GBK, Shift_JIS or Latin-1 are
     * printed. (ZXing's encoder writes ISO-8859-1 without an ECI when given no character set, so each
     * byte goes in as the Latin-1 character of the same value.)
     */
    public BufferedImage qrOfBytes(byte[] payload, int size) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 2);
        return render(encode(new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1), BarcodeFormat.QR_CODE, size, size,
                hints));
    }

    /** A 1D barcode (EAN-13, EAN-8, Code 128) of {@code text}, about {@code width} × {@code height} pixels with quiet zones. */
    public BufferedImage barcode(String text, BarcodeFormat format, int width, int height) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.MARGIN, 12);
        return render(encode(text, format, width, height, hints));
    }

    /** An empty counter: grey, lit from the top left, with a darker shape (a hand, a box) and no code. */
    public BufferedImage counter() {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new RadialGradientPaint(new Point2D.Float(width * 0.2f, height * 0.15f), Math.max(width, height),
                    new float[] {0f, 1f}, new Color[] {new Color(205, 200, 190), new Color(120, 118, 112)}));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(90, 70, 60));
            g.fillOval(width * 3 / 4, height * 2 / 3, width / 3, height / 2);
            g.setColor(new Color(150, 150, 155));
            g.fillRect(width / 16, height * 3 / 4, width / 5, height / 6);
        } finally {
            g.dispose();
        }
        return frame;
    }

    /**
     * {@code code} on a white card in the middle of a {@link #counter()}, turned by {@code degrees}
     * around the frame's centre.
     */
    public BufferedImage frame(BufferedImage code, double degrees) {
        BufferedImage frame = counter();
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            AffineTransform turn = AffineTransform.getRotateInstance(Math.toRadians(degrees), width / 2.0, height / 2.0);
            g.transform(turn);
            int cardPad = Math.max(6, code.getWidth() / 12);
            int x = (width - code.getWidth()) / 2;
            int y = (height - code.getHeight()) / 2;
            g.setColor(new Color(250, 250, 248));
            g.fillRoundRect(x - cardPad, y - cardPad, code.getWidth() + 2 * cardPad, code.getHeight() + 2 * cardPad, cardPad, cardPad);
            g.drawImage(code, x, y, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    /** A copy of {@code frame} blurred with a box filter {@code 2 × radius + 1} pixels wide (out of focus). */
    public BufferedImage blur(BufferedImage frame, int radius) {
        int side = 2 * radius + 1;
        float[] weights = new float[side * side];
        java.util.Arrays.fill(weights, 1f / weights.length);
        BufferedImage source = copy(frame, BufferedImage.TYPE_INT_RGB);
        BufferedImage blurred = new ConvolveOp(new Kernel(side, side, weights), ConvolveOp.EDGE_NO_OP, null).filter(source, null);
        return copy(blurred, BufferedImage.TYPE_3BYTE_BGR);
    }

    /** A copy of {@code frame} with Gaussian sensor noise of standard deviation {@code sigma} grey levels. */
    public BufferedImage noise(BufferedImage frame, double sigma) {
        BufferedImage noisy = copy(frame, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = noisy.getRGB(x, y);
                int shift = (int) Math.round(random.nextGaussian() * sigma);
                noisy.setRGB(x, y, clamp((rgb >> 16 & 0xFF) + shift) << 16 | clamp((rgb >> 8 & 0xFF) + shift) << 8
                        | clamp((rgb & 0xFF) + shift));
            }
        }
        return noisy;
    }

    /**
     * A copy of {@code frame} with a glare: a bright blob (a ceiling light on a phone screen) centred at
     * ({@code fx}, {@code fy}) as fractions of the frame, {@code radius} pixels across its core.
     */
    public BufferedImage glare(BufferedImage frame, double fx, double fy, int radius) {
        BufferedImage lit = copy(frame, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = lit.createGraphics();
        try {
            g.setComposite(AlphaComposite.SrcOver);
            float cx = (float) (fx * width);
            float cy = (float) (fy * height);
            g.setPaint(new RadialGradientPaint(new Point2D.Float(cx, cy), radius * 2f, new float[] {0f, 0.5f, 1f},
                    new Color[] {new Color(255, 255, 255, 235), new Color(255, 255, 250, 120), new Color(255, 255, 250, 0)},
                    MultipleGradientPaint.CycleMethod.NO_CYCLE));
            g.fillOval((int) (cx - radius * 2), (int) (cy - radius * 2), radius * 4, radius * 4);
        } finally {
            g.dispose();
        }
        return lit;
    }

    /** A frame filled with one colour (for preview tests: easy to recognise on screen). */
    public BufferedImage solid(Color color) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(color);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return frame;
    }

    private BitMatrix encode(String text, BarcodeFormat format, int codeWidth, int codeHeight, Map<EncodeHintType, Object> hints) {
        try {
            return writer.encode(text, format, codeWidth, codeHeight, hints);
        } catch (WriterException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot draw \"" + text + "\" as " + format + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage render(BitMatrix matrix) {
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        int dark = new Color(20, 20, 24).getRGB();
        int light = new Color(250, 250, 248).getRGB();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? dark : light);
            }
        }
        return image;
    }

    private static BufferedImage copy(BufferedImage source, int type) {
        BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), type);
        Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
