package pos.device.webcam;

import java.awt.image.BufferedImage;

import com.google.zxing.LuminanceSource;

/**
 * A camera frame's luminance for ZXing, converted from the frame's own pixel buffer only as ZXing
 * asks for it: a row when a 1D reader scans that row, the whole frame when the QR reader (or a
 * binarizer over the whole matrix) wants it. A product's barcode read on the quick pass costs the
 * few rows ZXing looked at, not a conversion of 300,000 pixels. The buffers are reused from frame to
 * frame ({@link #load}) while the size stays.
 *
 * <p>Not thread-safe, and mutable between frames: one per {@link FrameDecoder}; ZXing only reads it
 * during one decode.
 */
final class CameraLuminanceSource extends LuminanceSource {

    private final byte[] own;
    /** The frame's luminance: {@link #own}, filled as asked, or a buffer handed over already converted. */
    private byte[] luminance;
    private final byte[] turned;
    private final int[] scratchRow;
    /** Per row, the load number that converted it; a row is current when it equals {@link #loaded}. */
    private final long[] rowLoaded;
    private BufferedImage frame;
    private long loaded;
    private boolean whole;
    private boolean wholeAsked;

    CameraLuminanceSource(int width, int height) {
        super(width, height);
        this.own = new byte[width * height];
        this.luminance = own;
        this.turned = new byte[width * height];
        this.scratchRow = new int[width];
        this.rowLoaded = new long[height];
    }

    /** Whether a frame of this size can be loaded. */
    boolean fits(BufferedImage next) {
        return next.getWidth() == getWidth() && next.getHeight() == getHeight();
    }

    /** Takes the next frame (of this size); nothing is converted yet. */
    void load(BufferedImage next) {
        if (!fits(next)) {
            throw new IllegalArgumentException("a " + getWidth() + "x" + getHeight() + " source cannot take a " + next.getWidth()
                    + "x" + next.getHeight() + " frame");
        }
        frame = next;
        loaded++;
        luminance = own;
        whole = false;
        wholeAsked = false;
    }

    /**
     * Takes the next frame (of this size) with its luminance already converted (by the capture thread):
     * nothing is converted here. {@code ready} (width × height) is read, not copied, until the next load.
     */
    void load(BufferedImage next, byte[] ready) {
        if (ready.length != getWidth() * getHeight()) {
            throw new IllegalArgumentException("luminance of " + ready.length + " pixels for a " + getWidth() + "x" + getHeight()
                    + " frame");
        }
        load(next);
        luminance = ready;
        whole = true;
    }

    /** Whether ZXing asked for the whole frame's luminance since the last load (a QR search ran), handed over or not. */
    boolean wholeAsked() {
        return wholeAsked;
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
        if (y < 0 || y >= getHeight()) {
            throw new IllegalArgumentException("row " + y + " is outside a frame of height " + getHeight());
        }
        int width = getWidth();
        if (!whole && rowLoaded[y] != loaded) {
            FramePixels.toLuminance(frame, luminance, y, y + 1, scratchRow);
            rowLoaded[y] = loaded;
        }
        byte[] target = row == null || row.length < width ? new byte[width] : row;
        System.arraycopy(luminance, y * width, target, 0, width);
        return target;
    }

    /** The whole frame's luminance: this source's own array (ZXing only reads it), converted now if not yet. */
    @Override
    public byte[] getMatrix() {
        wholeAsked = true;
        if (!whole) {
            int height = getHeight();
            int from = 0;
            while (from < height) {
                // convert the runs of rows not yet converted, in one go each
                while (from < height && rowLoaded[from] == loaded) {
                    from++;
                }
                int to = from;
                while (to < height && rowLoaded[to] != loaded) {
                    to++;
                }
                if (from < to) {
                    FramePixels.toLuminance(frame, luminance, from, to, scratchRow);
                }
                from = to;
            }
            whole = true;
        }
        return luminance;
    }

    @Override
    public boolean isRotateSupported() {
        return true;
    }

    /** The frame turned a quarter turn counter-clockwise, in this source's reused second buffer. */
    @Override
    public LuminanceSource rotateCounterClockwise() {
        return new FrameLuminanceSource(getMatrix(), getWidth(), getHeight()).rotateCounterClockwiseInto(turned);
    }
}
