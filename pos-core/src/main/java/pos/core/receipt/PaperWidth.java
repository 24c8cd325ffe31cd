package pos.core.receipt;

/** Receipt paper widths, in characters of the printer's standard font (12×24 dots). */
public enum PaperWidth {
    /** 58 mm roll: 384 dots, 32 columns. */
    MM58(58, 32, 384),
    /** 80 mm roll: 576 dots, 48 columns. */
    MM80(80, 48, 576);

    private final int millimetres;
    private final int columns;
    private final int dots;

    PaperWidth(int millimetres, int columns, int dots) {
        this.millimetres = millimetres;
        this.columns = columns;
        this.dots = dots;
    }

    public int millimetres() {
        return millimetres;
    }

    /** Characters on a line in the standard font; a CJK character takes two. */
    public int columns() {
        return columns;
    }

    /** Printable dots across the paper at 203 dpi. */
    public int dots() {
        return dots;
    }

    /** 58 or 80. */
    public static PaperWidth ofMillimetres(int millimetres) {
        for (PaperWidth width : values()) {
            if (width.millimetres == millimetres) {
                return width;
            }
        }
        throw new IllegalArgumentException("paper width must be 58 or 80 mm, not " + millimetres);
    }
}
