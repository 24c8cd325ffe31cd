package pos.testkit.printer;

/** What an ESC/POS printer does with the bytes it is sent: what the paper (or the drawer) would show. */
public sealed interface EscPosEvent {

    /** Horizontal placement (ESC a). */
    enum Align { LEFT, CENTER, RIGHT }

    /**
     * A printed line of text (ended by LF, or by a cut or code that prints what is pending).
     *
     * @param widthMultiplier  1-8 (GS ! / ESC !)
     * @param heightMultiplier 1-8
     * @param align            the alignment in force when the line began
     */
    record TextLine(String text, boolean bold, int widthMultiplier, int heightMultiplier, Align align) implements EscPosEvent {
        public boolean doubleSize() {
            return widthMultiplier == 2 && heightMultiplier == 2;
        }
    }

    /** GS V: a cut, full or partial. */
    record Cut(boolean partial) implements EscPosEvent {
    }

    /**
     * ESC p (or DLE DC4 1): a pulse on the drawer connector.
     *
     * @param pin       2 or 5
     * @param onMillis  pulse length
     * @param offMillis pause after it
     */
    record DrawerPulse(int pin, int onMillis, int offMillis) implements EscPosEvent {
    }

    /**
     * GS k: a 1D barcode.
     *
     * @param system e.g. "CODE128", "EAN13", "CODE39"
     * @param data   the encoded text (CODE128 code-set switches removed)
     * @param moduleDots the module width in force (GS w)
     */
    record Barcode(String system, String data, int moduleDots) implements EscPosEvent {
    }

    /** GS ( k QR code printed (the data stored before it, read as UTF-8). */
    record QrCode(String data) implements EscPosEvent {
    }

    /** GS v 0, ESC * or GS ( L / GS 8 L raster: a picture {@code widthDots} × {@code heightDots}. */
    record RasterImage(int widthDots, int heightDots) implements EscPosEvent {
    }

    /** ESC d / ESC J: paper fed without printing. */
    record Feed(int lines) implements EscPosEvent {
    }
}
