package pos.device.printer;

import pos.core.receipt.PrinterStatus;

/**
 * The ESC/POS real-time status request DLE EOT n and its one-byte answers. Every answer has bits 1
 * and 4 set and bits 0 and 7 clear ({@code (b & 0x93) == 0x12}), which tells it from stray bytes.
 * <ul>
 * <li>n = 1, printer: bit 3 = offline.</li>
 * <li>n = 2, offline cause: bit 2 = cover open, bit 5 = printing stopped at paper end, bit 6 = error.</li>
 * <li>n = 4, roll paper sensor: bits 2-3 = paper near its end, bits 5-6 = paper end.</li>
 * </ul>
 * Stateless, thread-safe.
 */
public final class EscPosStatus {

    public static final int DLE = 0x10;
    public static final int EOT = 0x04;
    public static final int PRINTER = 1;
    public static final int OFFLINE_CAUSE = 2;
    public static final int ROLL_PAPER = 4;

    private EscPosStatus() {
    }

    /** DLE EOT n. */
    public static byte[] request(int n) {
        return new byte[] {DLE, EOT, (byte) n};
    }

    /** Whether a byte has the fixed bits of a status answer. */
    public static boolean isAnswer(int b) {
        return b >= 0 && (b & 0x93) == 0x12;
    }

    public static boolean offline(int printerAnswer) {
        return (printerAnswer & 0x08) != 0;
    }

    public static boolean coverOpen(int offlineCauseAnswer) {
        return (offlineCauseAnswer & 0x04) != 0;
    }

    public static boolean stoppedAtPaperEnd(int offlineCauseAnswer) {
        return (offlineCauseAnswer & 0x20) != 0;
    }

    public static boolean paperEnd(int rollPaperAnswer) {
        return (rollPaperAnswer & 0x60) != 0;
    }

    /**
     * The status from the three answers (-1 = not answered): online → READY; offline → COVER_OPEN,
     * PAPER_OUT, or OFFLINE when no cause is given.
     */
    public static PrinterStatus decide(int printerAnswer, int offlineCauseAnswer, int rollPaperAnswer) {
        if (!isAnswer(printerAnswer)) {
            return PrinterStatus.NONE;
        }
        if (!offline(printerAnswer)) {
            return PrinterStatus.READY;
        }
        if (isAnswer(offlineCauseAnswer) && coverOpen(offlineCauseAnswer)) {
            return PrinterStatus.COVER_OPEN;
        }
        if ((isAnswer(offlineCauseAnswer) && stoppedAtPaperEnd(offlineCauseAnswer))
                || (isAnswer(rollPaperAnswer) && paperEnd(rollPaperAnswer))) {
            return PrinterStatus.PAPER_OUT;
        }
        return PrinterStatus.OFFLINE;
    }
}
