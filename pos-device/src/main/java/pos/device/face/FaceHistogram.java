package pos.device.face;

/**
 * The face's description as it travels and is stored: the LBPH spatial histogram (8 x 8 cells of 256 LBP codes,
 * each cell summing to 1) folded to the 59 uniform patterns (58 with at most two 0/1 transitions, one bin for all
 * others: the noise-prone ones), each bin stored in one byte as round(255 * sqrt(value)) so that small bins keep
 * their precision: 3,776 bytes a face. Never pixels. Stateless.
 */
public final class FaceHistogram {

    public static final int GRID = 8;
    public static final int BINS = 59;
    public static final int LENGTH = GRID * GRID * BINS;
    private static final int[] UNIFORM = uniformTable();

    private FaceHistogram() {
    }

    /** Folds OpenCV's LBPH histogram (cells x 256 floats) into the stored form. */
    public static byte[] fromLbph(float[] raw) {
        if (raw.length != GRID * GRID * 256) {
            throw new IllegalArgumentException("an LBPH histogram of " + raw.length + " values, not " + GRID * GRID * 256);
        }
        byte[] stored = new byte[LENGTH];
        double[] cell = new double[BINS];
        for (int c = 0; c < GRID * GRID; c++) {
            java.util.Arrays.fill(cell, 0);
            for (int code = 0; code < 256; code++) {
                cell[UNIFORM[code]] += raw[c * 256 + code];
            }
            for (int bin = 0; bin < BINS; bin++) {
                stored[c * BINS + bin] = (byte) Math.min(255, Math.round(255 * Math.sqrt(Math.max(0, cell[bin]))));
            }
        }
        return stored;
    }

    /** The stored form back to values (each cell sums to about 1). */
    public static float[] decode(byte[] stored) {
        if (stored.length != LENGTH) {
            throw new IllegalArgumentException("a face histogram of " + stored.length + " bytes, not " + LENGTH);
        }
        float[] values = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            float root = (stored[i] & 0xFF) / 255f;
            values[i] = root * root;
        }
        return values;
    }

    /**
     * Chi-square distance (OpenCV's HISTCMP_CHISQR_ALT: 2 * sum (a - b)^2 / (a + b)) between two decoded histograms:
     * 0 for equal ones, 2 per cell at most (128 in all).
     */
    public static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double total = a[i] + b[i];
            if (total > 0) {
                double difference = a[i] - b[i];
                sum += difference * difference / total;
            }
        }
        return 2 * sum;
    }

    private static int[] uniformTable() {
        int[] table = new int[256];
        int next = 0;
        for (int code = 0; code < 256; code++) {
            int transitions = Integer.bitCount((code ^ ((code >> 1) | ((code & 1) << 7))) & 0xFF);
            table[code] = transitions <= 2 ? next++ : -1;
        }
        for (int code = 0; code < 256; code++) {
            if (table[code] < 0) {
                table[code] = BINS - 1;
            }
        }
        if (next != BINS - 1) {
            throw new IllegalStateException("expected 58 uniform LBP patterns, found " + next);
        }
        return table;
    }
}
