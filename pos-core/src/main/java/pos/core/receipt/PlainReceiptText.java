package pos.core.receipt;

import java.util.ArrayList;
import java.util.List;

/**
 * A document as the lines of text a printer would show, alignment applied; barcodes, QR codes,
 * cuts and pulses as bracketed marks. For previews, logs and tests. Stateless, thread-safe.
 */
public final class PlainReceiptText {

    private PlainReceiptText() {
    }

    public static List<String> lines(ReceiptDocument document) {
        int columns = document.columns();
        List<String> out = new ArrayList<>();
        for (ReceiptDocument.Block block : document.blocks()) {
            if (block instanceof ReceiptDocument.Text t) {
                int width = t.doubleSize() ? columns / 2 : columns;
                for (String line : t.lines(columns)) {
                    out.add(align(line, t.align(), width));
                }
            } else if (block instanceof ReceiptDocument.Columns c) {
                out.addAll(c.lines(columns));
            } else if (block instanceof ReceiptDocument.Separator s) {
                out.add(s.line(columns));
            } else if (block instanceof ReceiptDocument.Barcode bc) {
                out.add("[CODE128 " + bc.data() + "]");
            } else if (block instanceof ReceiptDocument.QrCode qr) {
                out.add("[QR " + qr.data() + "]");
            } else if (block instanceof ReceiptDocument.Cut) {
                out.add("[CUT]");
            } else if (block instanceof ReceiptDocument.DrawerPulse p) {
                out.add("[DRAWER pin " + p.pin() + "]");
            }
        }
        return out;
    }

    /** The line padded to stand where its alignment puts it on a line {@code width} columns wide. */
    public static String align(String line, ReceiptDocument.Align align, int width) {
        int free = width - TextColumns.width(line);
        if (free <= 0) {
            return line;
        }
        return switch (align) {
            case LEFT -> line;
            case CENTER -> " ".repeat(free / 2) + line;
            case RIGHT -> " ".repeat(free) + line;
        };
    }
}
