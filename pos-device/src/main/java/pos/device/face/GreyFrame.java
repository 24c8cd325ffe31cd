package pos.device.face;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A camera frame as the face worker takes it: grey (one byte a pixel, row by row), at most
 * {@link FaceWorkerClient#MAX_SIDE} pixels on its long side. Copied out of the camera's frame, which is never kept.
 * Immutable (the pixels are never handed out but to the worker client).
 */
final class GreyFrame {

    final byte[] pixels;
    final int width;
    final int height;
    final long capturedNanos;

    private GreyFrame(byte[] pixels, int width, int height, long capturedNanos) {
        this.pixels = pixels;
        this.width = width;
        this.height = height;
        this.capturedNanos = capturedNanos;
    }

    /** The frame grey and downscaled; null when it is too small (under 64 x 64) or absurd (over 8000 px a side). */
    static GreyFrame of(BufferedImage image, long capturedNanos) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (width < FaceWorkerClient.MIN_SIDE || height < FaceWorkerClient.MIN_SIDE || width > 8000 || height > 8000) {
            return null;
        }
        double scale = Math.min(1.0, FaceWorkerClient.MAX_SIDE / (double) Math.max(width, height));
        BufferedImage source = image;
        if (scale < 1.0) {
            int scaledWidth = Math.max(FaceWorkerClient.MIN_SIDE, (int) Math.round(width * scale));
            int scaledHeight = Math.max(FaceWorkerClient.MIN_SIDE, (int) Math.round(height * scale));
            BufferedImage scaled = new BufferedImage(scaledWidth, scaledHeight, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, 0, 0, scaledWidth, scaledHeight, null);
            } finally {
                g.dispose();
            }
            source = scaled;
            width = scaledWidth;
            height = scaledHeight;
        }
        int[] rgb = source.getRGB(0, 0, width, height, null, 0, width);
        byte[] grey = new byte[width * height];
        for (int i = 0; i < rgb.length; i++) {
            int pixel = rgb[i];
            // ITU-R BT.601 luma, as OpenCV's RGB2GRAY
            grey[i] = (byte) ((((pixel >> 16) & 0xFF) * 299 + ((pixel >> 8) & 0xFF) * 587 + (pixel & 0xFF) * 114) / 1000);
        }
        return new GreyFrame(grey, width, height, capturedNanos);
    }

    @Override
    public String toString() {
        return "GreyFrame[" + width + " x " + height + "]";
    }
}
