package pos.device.webcam;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Pixel conversions of camera frames: to opaque ARGB ints for the preview and to 8-bit luminance
 * for ZXing. Reads the raster directly for the layouts cameras deliver (3-byte BGR from the default
 * driver, int RGB/ARGB) and falls back to {@link BufferedImage#getRGB} for anything else.
 * Stateless and thread-safe; the frame is only read.
 */
final class FramePixels {

    private FramePixels() {
    }

    /** Writes the frame's pixels, opaque, into {@code argb} (at least width × height long). */
    static void toArgb(BufferedImage frame, int[] argb) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        int pixels = width * height;
        switch (frame.getType()) {
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> {
                int[] source = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
                if (isWholeRaster(frame, source.length)) {
                    for (int i = 0; i < pixels; i++) {
                        argb[i] = 0xFF000000 | source[i];
                    }
                    return;
                }
            }
            case BufferedImage.TYPE_3BYTE_BGR -> {
                byte[] source = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
                if (isWholeRaster(frame, source.length / 3)) {
                    for (int i = 0, b = 0; i < pixels; i++, b += 3) {
                        argb[i] = 0xFF000000 | (source[b + 2] & 0xFF) << 16 | (source[b + 1] & 0xFF) << 8 | (source[b] & 0xFF);
                    }
                    return;
                }
            }
            default -> {
                // other layouts take the general path below
            }
        }
        frame.getRGB(0, 0, width, height, argb, 0, width);
        for (int i = 0; i < pixels; i++) {
            argb[i] |= 0xFF000000;
        }
    }

    /** Writes the frame's luminance ((R + 2G + B) / 4, as ZXing's own sources do) into {@code luminance}. */
    static void toLuminance(BufferedImage frame, byte[] luminance) {
        toLuminance(frame, luminance, new int[frame.getWidth()]);
    }

    /**
     * Writes the frame's luminance ((R + 2G + B) / 4, as ZXing's own sources do) into {@code luminance},
     * straight from the camera's pixel buffer for the layouts cameras deliver (3-byte BGR, 4-byte ABGR,
     * int RGB/ARGB/BGR, grey): no {@code getRGB}, no colour model per pixel, no allocation. Other
     * layouts go row by row through {@code getRGB} into {@code scratchRow} (at least width long).
     */
    static void toLuminance(BufferedImage frame, byte[] luminance, int[] scratchRow) {
        toLuminance(frame, luminance, 0, frame.getHeight(), scratchRow);
    }

    /**
     * {@link #toLuminance(BufferedImage, byte[], int[])} for rows {@code fromRow} (inclusive) to {@code toRow}
     * (exclusive) only, written at their place in {@code luminance} (width × height long): a 1D code read on
     * the quick pass needs only the few rows ZXing looks at.
     */
    static void toLuminance(BufferedImage frame, byte[] luminance, int fromRow, int toRow, int[] scratchRow) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        if (fromRow < 0 || toRow > height || fromRow > toRow) {
            throw new IllegalArgumentException("rows " + fromRow + ".." + toRow + " are outside a frame of height " + height);
        }
        int first = fromRow * width;
        int end = toRow * width;
        switch (frame.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> {
                byte[] source = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
                if (isWholeRaster(frame, source.length / 3)) {
                    for (int i = first, b = 3 * first; i < end; i++, b += 3) {
                        luminance[i] = (byte) (((source[b + 2] & 0xFF) + 2 * (source[b + 1] & 0xFF) + (source[b] & 0xFF)) >> 2);
                    }
                    return;
                }
            }
            case BufferedImage.TYPE_4BYTE_ABGR -> {
                byte[] source = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
                if (isWholeRaster(frame, source.length / 4)) {
                    // bytes A, B, G, R; alpha is ignored, as the colour conversions above ignore it
                    for (int i = first, b = 4 * first; i < end; i++, b += 4) {
                        luminance[i] = (byte) (((source[b + 3] & 0xFF) + 2 * (source[b + 2] & 0xFF) + (source[b + 1] & 0xFF)) >> 2);
                    }
                    return;
                }
            }
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> {
                int[] source = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
                if (isWholeRaster(frame, source.length)) {
                    for (int i = first; i < end; i++) {
                        int pixel = source[i];
                        luminance[i] = (byte) ((((pixel >> 16) & 0xFF) + 2 * ((pixel >> 8) & 0xFF) + (pixel & 0xFF)) >> 2);
                    }
                    return;
                }
            }
            case BufferedImage.TYPE_INT_BGR -> {
                int[] source = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
                if (isWholeRaster(frame, source.length)) {
                    for (int i = first; i < end; i++) {
                        int pixel = source[i];
                        luminance[i] = (byte) (((pixel & 0xFF) + 2 * ((pixel >> 8) & 0xFF) + ((pixel >> 16) & 0xFF)) >> 2);
                    }
                    return;
                }
            }
            case BufferedImage.TYPE_BYTE_GRAY -> {
                byte[] source = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
                if (isWholeRaster(frame, source.length)) {
                    System.arraycopy(source, first, luminance, first, end - first);
                    return;
                }
            }
            default -> {
                // other layouts take the general path below
            }
        }
        for (int y = fromRow; y < toRow; y++) {
            frame.getRGB(0, y, width, 1, scratchRow, 0, width);
            int offset = y * width;
            for (int x = 0; x < width; x++) {
                int pixel = scratchRow[x];
                luminance[offset + x] = (byte) ((((pixel >> 16) & 0xFF) + 2 * ((pixel >> 8) & 0xFF) + (pixel & 0xFF)) >> 2);
            }
        }
    }

    /** A sub-image shares a bigger raster; only a raster of exactly this frame can be read linearly. */
    private static boolean isWholeRaster(BufferedImage frame, int rasterPixels) {
        return frame.getRaster().getParent() == null && rasterPixels == frame.getWidth() * frame.getHeight()
                && frame.getRaster().getSampleModelTranslateX() == 0 && frame.getRaster().getSampleModelTranslateY() == 0;
    }
}
