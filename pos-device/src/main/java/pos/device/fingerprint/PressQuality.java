package pos.device.fingerprint;

import pos.core.biometric.ScanPrompt;

/**
 * Issue 15: how much of a captured grey image looks like a fingerprint, measured the way fingerprint quality
 * measures usually start: the image in blocks of {@link #BLOCK} pixels; a block is <em>inked</em> when its grey
 * levels vary (ridges and valleys, not a blank sensor), and <em>ridged</em> when, besides, its gradients agree on
 * one direction (orientation coherence: parallel ridges give close to 1, noise or text close to 0). Pure
 * arithmetic on the pixels, no libfprint. Immutable.
 *
 * @param blocks       blocks in the image
 * @param inked        blocks whose grey levels vary (standard deviation at least {@link #INK_DEVIATION})
 * @param ridged       inked blocks whose orientation coherence is at least {@link #RIDGE_COHERENCE}
 * @param meanDeviation the inked blocks' mean standard deviation of grey levels (the press's contrast)
 */
public record PressQuality(int blocks, int inked, int ridged, double meanDeviation) {

    static final int BLOCK = 16;
    /** A block's grey levels must vary this much (0–255) to hold anything. */
    static final double INK_DEVIATION = 6;
    /** Parallel ridges: the block's gradients agree on one direction at least this much (0–1). */
    static final double RIDGE_COHERENCE = 0.5;
    /** A clear press: at least this share of its inked blocks ridged (noise and non-images: well under). */
    static final double CLEAR_SHARE = 0.6;
    /** A press large and firm enough to match: ridges over at least this share of the image. */
    static final double FIRM_AREA = 0.3;
    /** ...with at least this contrast (grey levels' deviation in the ridged blocks). */
    static final double FIRM_DEVIATION = 18;

    /** Measures a {@code width}×{@code height} grey image (one byte a pixel, rows one after another). */
    public static PressQuality of(byte[] grey, int width, int height) {
        if (grey.length < (long) width * height) {
            throw new IllegalArgumentException("an image of " + width + "x" + height + " needs " + (long) width * height
                    + " bytes, not " + grey.length);
        }
        int blocks = 0;
        int inked = 0;
        int ridged = 0;
        double deviations = 0;
        for (int top = 1; top + BLOCK < height; top += BLOCK) {
            for (int left = 1; left + BLOCK < width; left += BLOCK) {
                blocks++;
                double sum = 0;
                double squares = 0;
                double gxx = 0;
                double gyy = 0;
                double gxy = 0;
                for (int y = top; y < top + BLOCK; y++) {
                    int row = y * width;
                    for (int x = left; x < left + BLOCK; x++) {
                        int value = grey[row + x] & 0xFF;
                        sum += value;
                        squares += value * value;
                        // Sobel gradients
                        int a = grey[row - width + x - 1] & 0xFF;
                        int b = grey[row - width + x] & 0xFF;
                        int c = grey[row - width + x + 1] & 0xFF;
                        int d = grey[row + x - 1] & 0xFF;
                        int f = grey[row + x + 1] & 0xFF;
                        int g = grey[row + width + x - 1] & 0xFF;
                        int h = grey[row + width + x] & 0xFF;
                        int i = grey[row + width + x + 1] & 0xFF;
                        double gx = (c + 2 * f + i) - (a + 2 * d + g);
                        double gy = (g + 2 * h + i) - (a + 2 * b + c);
                        gxx += gx * gx;
                        gyy += gy * gy;
                        gxy += gx * gy;
                    }
                }
                int pixels = BLOCK * BLOCK;
                double mean = sum / pixels;
                double deviation = Math.sqrt(Math.max(0, squares / pixels - mean * mean));
                if (deviation < INK_DEVIATION) {
                    continue;
                }
                inked++;
                double energy = gxx + gyy;
                double coherence = energy == 0 ? 0 : Math.sqrt((gxx - gyy) * (gxx - gyy) + 4 * gxy * gxy) / energy;
                if (coherence >= RIDGE_COHERENCE) {
                    ridged++;
                    deviations += deviation;
                }
            }
        }
        return new PressQuality(blocks, inked, ridged, ridged == 0 ? 0 : deviations / ridged);
    }

    /** The share of the image covered by ridges (0–1). */
    public double ridgeArea() {
        return blocks == 0 ? 0 : (double) ridged / blocks;
    }

    /** The share of the inked blocks that are ridged (0–1): low for noise, text, anything but a finger. */
    public double clearShare() {
        return inked == 0 ? 0 : (double) ridged / inked;
    }

    /** Whether anything on the image looks like a fingerprint at all. */
    public boolean isClear() {
        return inked > 0 && clearShare() >= CLEAR_SHARE;
    }

    /** Whether the press is clear, large and firm enough to be matched. */
    public boolean isFirm() {
        return isClear() && ridgeArea() >= FIRM_AREA && meanDeviation >= FIRM_DEVIATION;
    }

    /**
     * What to ask for instead of counting (enrolment) or refusing (a match) this press, or null when it is good:
     * {@link ScanPrompt#RETRY_NOT_CLEAR} for an image without ridges (noise, bytes that are no picture),
     * {@link ScanPrompt#RETRY_PRESS_FIRMER} for ridges too faint or too few (a dry or light touch).
     */
    public ScanPrompt retryPrompt() {
        if (isFirm()) {
            return null;
        }
        if (!isClear() && inked >= blocks / 4) {
            return ScanPrompt.RETRY_NOT_CLEAR;
        }
        return ScanPrompt.RETRY_PRESS_FIRMER;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "ridges over %.0f%% of the image, %.0f%% of the inked part, contrast %.1f",
                100 * ridgeArea(), 100 * clearShare(), meanDeviation);
    }
}
