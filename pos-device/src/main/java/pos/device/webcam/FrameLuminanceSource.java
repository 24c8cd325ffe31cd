package pos.device.webcam;

import com.google.zxing.LuminanceSource;

/**
 * A frame's 8-bit luminance for ZXing, able to turn itself a quarter turn. ZXing core's own
 * array-backed sources cannot rotate, and without rotation TRY_HARDER cannot find a 1D barcode
 * held upright in front of the camera. Immutable once built (ZXing only reads it); not shared
 * between threads.
 */
final class FrameLuminanceSource extends LuminanceSource {

    private final byte[] luminance;

    /** @param luminance width × height grey values, row by row; not copied */
    FrameLuminanceSource(byte[] luminance, int width, int height) {
        super(width, height);
        if (luminance.length < width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " frame needs " + width * height
                    + " luminance bytes, got " + luminance.length);
        }
        this.luminance = luminance;
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
        if (y < 0 || y >= getHeight()) {
            throw new IllegalArgumentException("row " + y + " is outside a frame of height " + getHeight());
        }
        int width = getWidth();
        byte[] target = row == null || row.length < width ? new byte[width] : row;
        System.arraycopy(luminance, y * width, target, 0, width);
        return target;
    }

    @Override
    public byte[] getMatrix() {
        int size = getWidth() * getHeight();
        if (luminance.length == size) {
            return luminance;
        }
        byte[] matrix = new byte[size];
        System.arraycopy(luminance, 0, matrix, 0, size);
        return matrix;
    }

    @Override
    public boolean isRotateSupported() {
        return true;
    }

    @Override
    public LuminanceSource rotateCounterClockwise() {
        return rotateCounterClockwiseInto(new byte[getWidth() * getHeight()]);
    }

    /**
     * This frame turned a quarter turn counter-clockwise, written into {@code target} (at least width ×
     * height long, reused by the caller from frame to frame) and returned as a new source over it.
     */
    FrameLuminanceSource rotateCounterClockwiseInto(byte[] target) {
        int width = getWidth();
        int height = getHeight();
        if (target.length < width * height) {
            throw new IllegalArgumentException("turning a " + width + "x" + height + " frame needs " + width * height
                    + " bytes, got " + target.length);
        }
        // the new frame is height wide and width high; its row r is the old column (width - 1 - r)
        for (int y = 0; y < height; y++) {
            int from = y * width;
            for (int x = 0; x < width; x++) {
                target[(width - 1 - x) * height + y] = luminance[from + x];
            }
        }
        return new FrameLuminanceSource(target, height, width);
    }
}
