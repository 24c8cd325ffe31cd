package pos.core.receipt;

import java.util.ArrayList;
import java.util.List;

/**
 * Widths of text on a receipt printer: a CJK (East Asian wide or fullwidth) character takes two
 * columns, anything else one. Stateless, thread-safe.
 */
public final class TextColumns {

    private TextColumns() {
    }

    /** Columns the text takes. */
    public static int width(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            columns += width(codePoint);
            i += Character.charCount(codePoint);
        }
        return columns;
    }

    /** Columns one character takes: 2 for East Asian wide and fullwidth, 0 for controls, else 1. */
    public static int width(int codePoint) {
        if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0)) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    // The East Asian Width W and F ranges that a receipt can meet (Unicode UAX #11), without the rare ones.
    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F)
                || (c >= 0x2E80 && c <= 0x303E)
                || (c >= 0x3041 && c <= 0x33FF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0xA000 && c <= 0xA4CF)
                || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE30 && c <= 0xFE4F)
                || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x20000 && c <= 0x3FFFD);
    }

    /** The text padded with spaces on the right to {@code columns} (unchanged when already as wide). */
    public static String padRight(String text, int columns) {
        int missing = columns - width(text);
        return missing <= 0 ? text : text + " ".repeat(missing);
    }

    /** The text padded with spaces on the left to {@code columns}. */
    public static String padLeft(String text, int columns) {
        int missing = columns - width(text);
        return missing <= 0 ? text : " ".repeat(missing) + text;
    }

    /**
     * Breaks text into lines of at most {@code columns}, at spaces where it can and inside a word
     * (never inside a character) where it must. Empty text gives one empty line.
     */
    public static List<String> wrap(String text, int columns) {
        if (columns < 2) {
            throw new IllegalArgumentException("a line needs at least 2 columns, not " + columns);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lineWidth = 0;
        int lastSpace = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int w = width(codePoint);
            if (lineWidth + w > columns) {
                if (codePoint == ' ') {
                    lines.add(line.toString().stripTrailing());
                    line.setLength(0);
                    lineWidth = 0;
                    lastSpace = -1;
                    continue;
                }
                String carried = "";
                if (lastSpace > 0) {
                    carried = line.substring(lastSpace + 1);
                    line.setLength(lastSpace);
                }
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
                line.append(carried);
                lineWidth = width(carried);
                lastSpace = -1;
            }
            if (codePoint == ' ') {
                lastSpace = line.length();
            }
            line.appendCodePoint(codePoint);
            lineWidth += w;
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /**
     * A left text and a right text on one line of {@code columns}, the right one flush right. When
     * both do not fit, the left text wraps and the right one stands at the end of its last line (or
     * on a line of its own).
     */
    public static List<String> twoColumns(String left, String right, int columns) {
        int rightWidth = width(right);
        List<String> lines = new ArrayList<>(wrap(left, columns));
        String last = lines.get(lines.size() - 1);
        if (width(last) + 1 + rightWidth <= columns) {
            lines.set(lines.size() - 1, last + " ".repeat(columns - width(last) - rightWidth) + right);
        } else {
            lines.add(padLeft(right, columns));
        }
        return lines;
    }
}
