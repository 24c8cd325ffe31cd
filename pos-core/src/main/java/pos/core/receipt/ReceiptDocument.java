package pos.core.receipt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a receipt says, independent of any printer: ordered blocks on paper {@link PaperWidth} wide.
 * A printer adapter renders each block with its own commands; the text of a {@link Text} and the
 * columns of a {@link Columns} line are laid out here so every printer shows the same lines.
 * Immutable; build one with {@link #builder(PaperWidth)}.
 *
 * @param paper  the paper the document is laid out for
 * @param blocks in print order
 */
public record ReceiptDocument(PaperWidth paper, List<Block> blocks) {

    public ReceiptDocument {
        Objects.requireNonNull(paper, "paper");
        blocks = List.copyOf(blocks);
    }

    /** Columns across the paper. */
    public int columns() {
        return paper.columns();
    }

    /** A document that only opens the cash drawer (no paper moves). */
    public static ReceiptDocument drawerPulse(PaperWidth paper) {
        return builder(paper).drawerPulse().build();
    }

    public static Builder builder(PaperWidth paper) {
        return new Builder(paper);
    }

    /** Horizontal placement of a text line. */
    public enum Align { LEFT, CENTER, RIGHT }

    /** One piece of a receipt. */
    public sealed interface Block permits Text, Columns, Separator, Barcode, QrCode, Cut, DrawerPulse {
    }

    /**
     * A line of text; longer text wraps (a double-size character takes twice its columns).
     *
     * @param doubleSize double width and double height
     */
    public record Text(String text, Align align, boolean bold, boolean doubleSize) implements Block {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(align, "align");
        }

        /** The printed lines for paper {@code columns} wide, without the alignment padding. */
        public List<String> lines(int columns) {
            return TextColumns.wrap(text, doubleSize ? columns / 2 : columns);
        }
    }

    /** A left text and a right text (an amount) flush right; the left text wraps when both don't fit. */
    public record Columns(String left, String right, boolean bold) implements Block {
        public Columns {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        /** The printed lines for paper {@code columns} wide. */
        public List<String> lines(int columns) {
            return TextColumns.twoColumns(left, right, columns);
        }
    }

    /** A line of one character across the paper. */
    public record Separator(char character) implements Block {
        /** The printed line for paper {@code columns} wide. */
        public String line(int columns) {
            return String.valueOf(character).repeat(columns);
        }
    }

    /** A CODE128 barcode of printable ASCII, centred, without human-readable text under it. */
    public record Barcode(String data) implements Block {
        public Barcode {
            Objects.requireNonNull(data, "data");
            if (data.isEmpty() || !data.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("a CODE128 barcode takes 1 or more printable ASCII characters, not '" + data + "'");
            }
        }
    }

    /** A QR code, centred. */
    public record QrCode(String data) implements Block {
        public QrCode {
            Objects.requireNonNull(data, "data");
            if (data.isEmpty()) {
                throw new IllegalArgumentException("a QR code needs data");
            }
        }
    }

    /** Feed past the cutter and cut the paper (partial cut). */
    public record Cut() implements Block {
    }

    /**
     * Open the cash drawer: a pulse on the drawer connector.
     *
     * @param pin       2 or 5, the connector pin the drawer's solenoid is on (most drawers: 2)
     * @param onMillis  pulse length, 2 ms steps
     * @param offMillis pause after the pulse, 2 ms steps
     */
    public record DrawerPulse(int pin, int onMillis, int offMillis) implements Block {
        /** ESC p 0 25 250: pin 2, 50 ms on, 500 ms off, what most drawers want. */
        public static final DrawerPulse STANDARD = new DrawerPulse(2, 50, 500);

        public DrawerPulse {
            if (pin != 2 && pin != 5) {
                throw new IllegalArgumentException("a drawer is on pin 2 or 5, not " + pin);
            }
            if (onMillis < 2 || onMillis > 510 || offMillis < 2 || offMillis > 510) {
                throw new IllegalArgumentException("drawer pulse times are 2-510 ms, not " + onMillis + "/" + offMillis);
            }
        }
    }

    /** Collects blocks in print order. Not thread-safe. */
    public static final class Builder {
        private final PaperWidth paper;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(PaperWidth paper) {
            this.paper = Objects.requireNonNull(paper, "paper");
        }

        public int columns() {
            return paper.columns();
        }

        public Builder add(Block block) {
            blocks.add(Objects.requireNonNull(block, "block"));
            return this;
        }

        public Builder text(String text) {
            return add(new Text(text, Align.LEFT, false, false));
        }

        public Builder text(String text, Align align, boolean bold, boolean doubleSize) {
            return add(new Text(text, align, bold, doubleSize));
        }

        public Builder centered(String text) {
            return add(new Text(text, Align.CENTER, false, false));
        }

        public Builder columns(String left, String right) {
            return add(new Columns(left, right, false));
        }

        public Builder boldColumns(String left, String right) {
            return add(new Columns(left, right, true));
        }

        public Builder separator() {
            return add(new Separator('-'));
        }

        public Builder separator(char character) {
            return add(new Separator(character));
        }

        public Builder barcode(String data) {
            return add(new Barcode(data));
        }

        public Builder qrCode(String data) {
            return add(new QrCode(data));
        }

        public Builder cut() {
            return add(new Cut());
        }

        public Builder drawerPulse() {
            return add(DrawerPulse.STANDARD);
        }

        public ReceiptDocument build() {
            return new ReceiptDocument(paper, blocks);
        }
    }
}
