package pos.testkit.printer;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import pos.testkit.TestkitException;

/**
 * Draws a decoded {@link Receipt} as the paper would look, one pixel a printer dot (203 dpi): text
 * on a grid of 12 × 24-dot cells (a CJK character takes two cells, as on the printer), double size and
 * bold as printed, CODE128 and QR codes drawn with ZXing at the module size the printer was told,
 * raster pictures as grey boxes, the cut as a dashed line and a drawer pulse as a note under it.
 * For README pictures and for looking at a test's receipt. Stateless, thread-safe.
 */
public final class ReceiptImage {

    static final int CELL_WIDTH = 12;
    static final int CELL_HEIGHT = 24;
    static final int MARGIN = 24;
    static final int BARCODE_HEIGHT = 80;
    static final int QR_MODULE = 6;
    private static final String[] FONTS = {"WenQuanYi Micro Hei Mono", "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Font.MONOSPACED};

    private ReceiptImage() {
    }

    /** The receipt drawn on paper {@code columns} characters wide (32 for 58 mm, 48 for 80 mm). */
    public static BufferedImage render(Receipt receipt, int columns) {
        int paperWidth = columns * CELL_WIDTH;
        List<Drawing> drawings = new ArrayList<>();
        int y = MARGIN;
        for (EscPosEvent event : receipt.events()) {
            int top = y;
            if (event instanceof EscPosEvent.TextLine line) {
                drawings.add(g -> drawLine(g, line, top, paperWidth));
                y += CELL_HEIGHT * line.heightMultiplier();
            } else if (event instanceof EscPosEvent.Barcode barcode) {
                boolean[] modules = new Code128Writer().encode(barcode.data());
                int moduleDots = Math.max(1, barcode.moduleDots());
                drawings.add(g -> drawModules(g, modules, moduleDots, top, paperWidth));
                y += BARCODE_HEIGHT + 4;
            } else if (event instanceof EscPosEvent.QrCode qr) {
                BitMatrix matrix = qrMatrix(qr.data());
                drawings.add(g -> drawQr(g, matrix, top, paperWidth));
                y += matrix.getHeight() * QR_MODULE + 8;
            } else if (event instanceof EscPosEvent.RasterImage image) {
                drawings.add(g -> {
                    g.setColor(Color.LIGHT_GRAY);
                    g.fillRect(MARGIN, top, Math.min(image.widthDots(), paperWidth), image.heightDots());
                });
                y += image.heightDots();
            } else if (event instanceof EscPosEvent.Feed feed) {
                y += CELL_HEIGHT * feed.lines();
            } else if (event instanceof EscPosEvent.Cut) {
                drawings.add(g -> {
                    g.setColor(Color.GRAY);
                    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                    g.drawLine(0, top + 6, paperWidth + 2 * MARGIN, top + 6);
                });
                y += 14;
            } else if (event instanceof EscPosEvent.DrawerPulse pulse) {
                drawings.add(g -> {
                    g.setColor(Color.GRAY);
                    g.setFont(font(Font.ITALIC, 14f));
                    g.drawString("drawer opens (pin " + pulse.pin() + ", " + pulse.onMillis() + " ms)", MARGIN, top + 16);
                });
                y += CELL_HEIGHT;
            }
        }
        BufferedImage image = new BufferedImage(paperWidth + 2 * MARGIN, y + MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (Drawing drawing : drawings) {
                drawing.draw(g);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the receipt as a PNG (making the directory). */
    public static void writePng(Receipt receipt, int columns, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageIO.write(render(receipt, columns), "png", file.toFile());
        } catch (IOException e) {
            throw new TestkitException("the receipt picture " + file + " could not be written", e);
        }
    }

    private interface Drawing {
        void draw(Graphics2D g);
    }

    private static void drawLine(Graphics2D g, EscPosEvent.TextLine line, int top, int paperWidth) {
        int cellWidth = CELL_WIDTH * line.widthMultiplier();
        int cellHeight = CELL_HEIGHT * line.heightMultiplier();
        String text = line.text();
        int width = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            width += cells(text.codePointAt(i)) * cellWidth;
        }
        int x = MARGIN + switch (line.align()) {
            case LEFT -> 0;
            case CENTER -> Math.max(0, (paperWidth - width) / 2);
            case RIGHT -> Math.max(0, paperWidth - width);
        };
        Font font = font(line.bold() ? Font.BOLD : Font.PLAIN, 20f * line.heightMultiplier());
        if (line.widthMultiplier() != line.heightMultiplier()) {
            font = font.deriveFont(java.awt.geom.AffineTransform.getScaleInstance(
                    (double) line.widthMultiplier() / line.heightMultiplier(), 1.0));
        }
        g.setFont(font);
        g.setColor(Color.BLACK);
        int baseline = top + cellHeight - 5 * line.heightMultiplier();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int cells = cells(codePoint);
            String glyph = new String(Character.toChars(codePoint));
            int glyphWidth = g.getFontMetrics().stringWidth(glyph);
            g.drawString(glyph, x + (cells * cellWidth - glyphWidth) / 2, baseline);
            x += cells * cellWidth;
        }
    }

    private static void drawModules(Graphics2D g, boolean[] modules, int moduleDots, int top, int paperWidth) {
        int width = modules.length * moduleDots;
        int x = MARGIN + Math.max(0, (paperWidth - width) / 2);
        g.setColor(Color.BLACK);
        for (int i = 0; i < modules.length; i++) {
            if (modules[i]) {
                g.fillRect(x + i * moduleDots, top, moduleDots, BARCODE_HEIGHT);
            }
        }
    }

    private static BitMatrix qrMatrix(String data) {
        try {
            return new QRCodeWriter().encode(data, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new TestkitException("the QR code '" + data + "' could not be drawn", e);
        }
    }

    private static void drawQr(Graphics2D g, BitMatrix matrix, int top, int paperWidth) {
        int size = matrix.getWidth() * QR_MODULE;
        int x = MARGIN + Math.max(0, (paperWidth - size) / 2);
        g.setColor(Color.BLACK);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int column = 0; column < matrix.getWidth(); column++) {
                if (matrix.get(column, row)) {
                    g.fillRect(x + column * QR_MODULE, top + 4 + row * QR_MODULE, QR_MODULE, QR_MODULE);
                }
            }
        }
    }

    /** Cells a character takes on the printer: two for East Asian wide and fullwidth characters. */
    static int cells(int c) {
        boolean wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF)
                || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
                || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
                || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
        return wide ? 2 : 1;
    }

    private static Font font(int style, float size) {
        List<String> installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String family : FONTS) {
            if (installed.contains(family) || Font.MONOSPACED.equals(family)) {
                return new Font(family, style, 1).deriveFont(size);
            }
        }
        return new Font(Font.MONOSPACED, style, 1).deriveFont(size);
    }
}
