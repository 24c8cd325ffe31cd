package pos.testkit.printer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import pos.testkit.printer.EscPosEvent.Align;

/**
 * Decodes an ESC/POS byte stream into {@link EscPosEvent}s, as a printer would act on it: the
 * commands the till and escpos-coffee send (ESC @ E M - a ! 2 3 d J p t, GS ! V B h w H f k v ( k ( L 8 L
 * L W, FS & . ! C, DLE EOT, DLE DC4), text in code page 437 or, between FS & and FS ., GB18030/GBK.
 * Bytes arrive in any chunks; a command cut in two waits for the rest. Not thread-safe: one decoder
 * per byte stream.
 */
public final class EscPosDecoder {

    private static final Charset CHINESE = Charset.forName("GB18030");
    private static final Charset SINGLE_BYTE = Charset.forName("IBM437");

    private final Consumer<EscPosEvent> events;
    private final IntConsumer statusRequests;

    private byte[] pending = new byte[0];
    private int pendingLength;

    private final StringBuilder line = new StringBuilder();
    private boolean lineStarted;
    private boolean lineBold;
    private int lineWidth = 1;
    private int lineHeight = 1;
    private Align lineAlign = Align.LEFT;

    private boolean bold;
    private int widthMultiplier = 1;
    private int heightMultiplier = 1;
    private Align align = Align.LEFT;
    private boolean chinese;
    private int barcodeModule = 3;
    private byte[] qrData = new byte[0];

    /**
     * @param events         receives each decoded event in order
     * @param statusRequests receives n of each DLE EOT n (the printer answers it)
     */
    public EscPosDecoder(Consumer<EscPosEvent> events, IntConsumer statusRequests) {
        this.events = events;
        this.statusRequests = statusRequests;
    }

    /** Decodes what can be decoded of the bytes so far. */
    public void feed(byte[] bytes, int offset, int length) {
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
        int position = 0;
        while (position < pendingLength) {
            int used = step(position);
            if (used < 0) {
                break;
            }
            position += used;
        }
        System.arraycopy(pending, position, pending, 0, pendingLength - position);
        pendingLength -= position;
    }

    /** The stream ended: prints a pending line. Bytes of an unfinished command are dropped. */
    public void end() {
        flushLine();
        pendingLength = 0;
    }

    private int at(int position) {
        return pending[position] & 0xFF;
    }

    private boolean has(int position, int count) {
        return position + count <= pendingLength;
    }

    /** Acts on one command or character at {@code p}; answers the bytes used, or -1 when more are needed. */
    private int step(int p) {
        int b = at(p);
        switch (b) {
            case 0x0A -> {
                endLine();
                return 1;
            }
            case 0x1B -> {
                return esc(p);
            }
            case 0x1D -> {
                return gs(p);
            }
            case 0x1C -> {
                return fs(p);
            }
            case 0x10 -> {
                return dle(p);
            }
            default -> {
                if (b < 0x20) {
                    return 1; // CR, HT and other controls print nothing here
                }
                return character(p);
            }
        }
    }

    private int character(int p) {
        int b = at(p);
        if (b < 0x80) {
            append(String.valueOf((char) b));
            return 1;
        }
        if (!chinese) {
            append(new String(new byte[] {(byte) b}, SINGLE_BYTE));
            return 1;
        }
        if (!has(p, 2)) {
            return -1;
        }
        int length = at(p + 1) >= 0x30 && at(p + 1) <= 0x39 ? 4 : 2;
        if (!has(p, length)) {
            return -1;
        }
        append(new String(pending, p, length, CHINESE));
        return length;
    }

    private int esc(int p) {
        if (!has(p, 2)) {
            return -1;
        }
        int command = at(p + 1);
        switch (command) {
            case '@' -> {
                flushLine();
                bold = false;
                widthMultiplier = 1;
                heightMultiplier = 1;
                align = Align.LEFT;
                chinese = false;
                barcodeModule = 3;
                return 2;
            }
            case '2', '<' -> {
                return 2;
            }
            case 'E', 'G' -> {
                if (!has(p, 3)) {
                    return -1;
                }
                if (command == 'E') {
                    bold = (at(p + 2) & 1) == 1;
                }
                return 3;
            }
            case '!' -> {
                if (!has(p, 3)) {
                    return -1;
                }
                int mode = at(p + 2);
                bold = (mode & 0x08) != 0;
                heightMultiplier = (mode & 0x10) != 0 ? 2 : 1;
                widthMultiplier = (mode & 0x20) != 0 ? 2 : 1;
                return 3;
            }
            case 'a' -> {
                if (!has(p, 3)) {
                    return -1;
                }
                int n = at(p + 2);
                align = n == 1 || n == '1' ? Align.CENTER : n == 2 || n == '2' ? Align.RIGHT : Align.LEFT;
                return 3;
            }
            case 'd' -> {
                if (!has(p, 3)) {
                    return -1;
                }
                flushLine();
                events.accept(new EscPosEvent.Feed(at(p + 2)));
                return 3;
            }
            case 'J' -> {
                if (!has(p, 3)) {
                    return -1;
                }
                flushLine();
                return 3;
            }
            case 'p' -> {
                if (!has(p, 5)) {
                    return -1;
                }
                int m = at(p + 2);
                events.accept(new EscPosEvent.DrawerPulse((m & 1) == 0 ? 2 : 5, at(p + 3) * 2, at(p + 4) * 2));
                return 5;
            }
            case '*' -> {
                if (!has(p, 5)) {
                    return -1;
                }
                int m = at(p + 2);
                int columns = at(p + 3) + 256 * at(p + 4);
                int dataLength = columns * (m >= 32 ? 3 : 1);
                if (!has(p, 5 + dataLength)) {
                    return -1;
                }
                flushLine();
                events.accept(new EscPosEvent.RasterImage(columns, m >= 32 ? 24 : 8));
                return 5 + dataLength;
            }
            case '$', '\\' -> {
                return has(p, 4) ? 4 : -1;
            }
            case 'c' -> {
                return has(p, 4) ? 4 : -1;
            }
            default -> {
                // ESC - 3 M R S t U V { r and the rest take one parameter
                return has(p, 3) ? 3 : -1;
            }
        }
    }

    private int gs(int p) {
        if (!has(p, 2)) {
            return -1;
        }
        int command = at(p + 1);
        switch (command) {
            case '!' -> {
                if (!has(p, 3)) {
                    return -1;
                }
                int size = at(p + 2);
                widthMultiplier = (size >> 4) + 1;
                heightMultiplier = (size & 0x0F) + 1;
                return 3;
            }
            case 'V' -> {
                if (!has(p, 3)) {
                    return -1;
                }
                int m = at(p + 2);
                int used = m >= 65 ? 4 : 3;
                if (!has(p, used)) {
                    return -1;
                }
                flushLine();
                boolean partial = m == 1 || m == 49 || m == 66 || m == 98 || m == 104;
                events.accept(new EscPosEvent.Cut(partial));
                return used;
            }
            case 'w' -> {
                if (!has(p, 3)) {
                    return -1;
                }
                barcodeModule = at(p + 2);
                return 3;
            }
            case 'k' -> {
                return barcode(p);
            }
            case 'v' -> {
                if (!has(p, 8)) {
                    return -1;
                }
                int widthBytes = at(p + 4) + 256 * at(p + 5);
                int height = at(p + 6) + 256 * at(p + 7);
                int used = 8 + widthBytes * height;
                if (!has(p, used)) {
                    return -1;
                }
                flushLine();
                events.accept(new EscPosEvent.RasterImage(widthBytes * 8, height));
                return used;
            }
            case '(' -> {
                return extended(p);
            }
            case '8' -> {
                if (!has(p, 7)) {
                    return -1;
                }
                long length = at(p + 3) + 256L * at(p + 4) + 65536L * at(p + 5) + 16777216L * at(p + 6);
                int used = (int) (7 + length);
                if (!has(p, used)) {
                    return -1;
                }
                graphics(p + 7, (int) length);
                return used;
            }
            case 'L', 'W', 'P' -> {
                return has(p, 4) ? 4 : -1;
            }
            default -> {
                // GS B H h f a I r b and the rest take one parameter
                return has(p, 3) ? 3 : -1;
            }
        }
    }

    private int barcode(int p) {
        if (!has(p, 3)) {
            return -1;
        }
        int m = at(p + 2);
        int dataStart;
        int dataLength;
        int used;
        if (m <= 6) {
            int end = p + 3;
            while (end < pendingLength && at(end) != 0) {
                end++;
            }
            if (end >= pendingLength) {
                return -1;
            }
            dataStart = p + 3;
            dataLength = end - dataStart;
            used = end + 1 - p;
        } else {
            if (!has(p, 4)) {
                return -1;
            }
            dataLength = at(p + 3);
            dataStart = p + 4;
            used = 4 + dataLength;
            if (!has(p, used)) {
                return -1;
            }
        }
        flushLine();
        byte[] data = Arrays.copyOfRange(pending, dataStart, dataStart + dataLength);
        String system = barcodeSystem(m);
        String text = "CODE128".equals(system) ? code128Text(data) : new String(data, StandardCharsets.US_ASCII);
        events.accept(new EscPosEvent.Barcode(system, text, barcodeModule));
        return used;
    }

    private static String barcodeSystem(int m) {
        return switch (m) {
            case 0, 65 -> "UPC_A";
            case 1, 66 -> "UPC_E";
            case 2, 67 -> "EAN13";
            case 3, 68 -> "EAN8";
            case 4, 69 -> "CODE39";
            case 5, 70 -> "ITF";
            case 6, 71 -> "CODABAR";
            case 72 -> "CODE93";
            case 73 -> "CODE128";
            default -> "TYPE_" + m;
        };
    }

    /** CODE128 data as ESC/POS sends it: "{A" "{B" "{C" switch code sets, "{{" is "{", code set C is a digit pair a byte. */
    static String code128Text(byte[] data) {
        StringBuilder text = new StringBuilder();
        boolean setC = false;
        for (int i = 0; i < data.length; i++) {
            int b = data[i] & 0xFF;
            if (b == '{' && i + 1 < data.length) {
                int next = data[++i] & 0xFF;
                switch (next) {
                    case 'A', 'B' -> setC = false;
                    case 'C' -> setC = true;
                    case '{' -> text.append('{');
                    default -> {
                        // FNC1-4 and SHIFT carry no text
                    }
                }
            } else if (setC) {
                text.append(String.format("%02d", b));
            } else {
                text.append((char) b);
            }
        }
        return text.toString();
    }

    private int extended(int p) {
        if (!has(p, 5)) {
            return -1;
        }
        int function = at(p + 2);
        int length = at(p + 3) + 256 * at(p + 4);
        int used = 5 + length;
        if (!has(p, used)) {
            return -1;
        }
        if (function == 'k' && length >= 2) {
            symbol(p + 5, length);
        } else if (function == 'L') {
            graphics(p + 5, length);
        }
        return used;
    }

    /** GS ( k: cn 49 = QR; fn 80 stores data (after m), fn 81 prints it. */
    private void symbol(int start, int length) {
        int cn = at(start);
        int fn = at(start + 1);
        if (cn != 49) {
            return;
        }
        if (fn == 80 && length >= 3) {
            qrData = Arrays.copyOfRange(pending, start + 3, start + length);
        } else if (fn == 81) {
            flushLine();
            events.accept(new EscPosEvent.QrCode(new String(qrData, StandardCharsets.UTF_8)));
        }
    }

    /** GS ( L / GS 8 L: fn 112 stores a raster graphic (m fn a bx by c xL xH yL yH data); it is counted when stored. */
    private void graphics(int start, int length) {
        if (length < 10 || at(start + 1) != 112) {
            return;
        }
        int width = at(start + 6) + 256 * at(start + 7);
        int height = at(start + 8) + 256 * at(start + 9);
        flushLine();
        events.accept(new EscPosEvent.RasterImage(width, height));
    }

    private int fs(int p) {
        if (!has(p, 2)) {
            return -1;
        }
        int command = at(p + 1);
        switch (command) {
            case '&' -> {
                chinese = true;
                return 2;
            }
            case '.' -> {
                chinese = false;
                return 2;
            }
            case 'S', 'p' -> {
                return has(p, 4) ? 4 : -1;
            }
            default -> {
                // FS ! C - W take one parameter
                return has(p, 3) ? 3 : -1;
            }
        }
    }

    private int dle(int p) {
        if (!has(p, 3)) {
            return -1;
        }
        int command = at(p + 1);
        if (command == 0x04) {
            statusRequests.accept(at(p + 2));
            return 3;
        }
        if (command == 0x14) {
            int fn = at(p + 2);
            int used = switch (fn) {
                case 1, 2, 7 -> 5;
                case 8 -> 10;
                default -> 3;
            };
            if (!has(p, used)) {
                return -1;
            }
            if (fn == 1) {
                int m = at(p + 3);
                events.accept(new EscPosEvent.DrawerPulse(m == 0 ? 2 : 5, at(p + 4) * 100, at(p + 4) * 100));
            }
            return used;
        }
        return 3; // DLE ENQ n
    }

    private void append(String text) {
        if (!lineStarted) {
            lineStarted = true;
            lineBold = bold;
            lineWidth = widthMultiplier;
            lineHeight = heightMultiplier;
            lineAlign = align;
        }
        line.append(text);
    }

    /** LF: the line is printed, even when empty. */
    private void endLine() {
        if (!lineStarted) {
            lineBold = bold;
            lineWidth = widthMultiplier;
            lineHeight = heightMultiplier;
            lineAlign = align;
        }
        events.accept(new EscPosEvent.TextLine(line.toString(), lineBold, lineWidth, lineHeight, lineAlign));
        line.setLength(0);
        lineStarted = false;
    }

    /** A command that prints what is pending in the line buffer. */
    private void flushLine() {
        if (lineStarted) {
            endLine();
        }
    }

    /** The raw bytes as hex, for failure messages. */
    public static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x ", b));
        }
        return out.toString().trim();
    }

}
