package pos.device.webcam;

import java.time.Duration;
import java.util.Objects;

import com.google.zxing.BarcodeFormat;

/**
 * A 1D code (EAN-13, EAN-8, UPC, Code 128...) from the webcam counts only when two frames agree: the
 * same text in the same format decoded twice within a short window, in consecutive frames or with
 * unreadable or other frames between (DESIGN §7, issue 15). One frame of a worn EAN-13 can decode to
 * another number whose check digit is valid; a till that took it would sell the wrong product. A QR
 * code carries Reed-Solomon error correction, so one frame is enough for it.
 *
 * <p>Remembers the last few 1D candidates, so a misread frame between two good ones does not hold
 * the good code back for long (good, wrong, good counts the good one on the third frame). Not
 * thread-safe: the decoder thread owns it.
 */
final class AgreeingReads {

    /** How long a first 1D read waits for a second frame to agree. */
    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);
    private static final int CANDIDATES = 4;

    private final long windowNanos;
    private final String[] texts = new String[CANDIDATES];
    private final BarcodeFormat[] formats = new BarcodeFormat[CANDIDATES];
    private final long[] seenAt = new long[CANDIDATES];
    private int next;

    AgreeingReads(Duration window) {
        this.windowNanos = Objects.requireNonNull(window, "window").toNanos();
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("the agreement window must be positive, not " + window);
        }
    }

    /** Whether the symbology needs a second frame: every one but the 2D codes with error correction. */
    static boolean needsAgreement(BarcodeFormat format) {
        return switch (format) {
            case QR_CODE, DATA_MATRIX, AZTEC, PDF_417, MAXICODE -> false;
            default -> true;
        };
    }

    /**
     * Whether this decode counts as a read: always for a QR code; for a 1D code only when an earlier
     * frame within the window decoded the same text in the same format.
     *
     * @param nowNanos when the frame was decoded ({@link System#nanoTime()})
     */
    boolean counts(String text, BarcodeFormat format, long nowNanos) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        if (!needsAgreement(format)) {
            return true;
        }
        for (int i = 0; i < CANDIDATES; i++) {
            if (texts[i] != null && nowNanos - seenAt[i] <= windowNanos && format == formats[i] && text.equals(texts[i])) {
                seenAt[i] = nowNanos;
                return true;
            }
        }
        texts[next] = text;
        formats[next] = format;
        seenAt[next] = nowNanos;
        next = (next + 1) % CANDIDATES;
        return false;
    }
}
