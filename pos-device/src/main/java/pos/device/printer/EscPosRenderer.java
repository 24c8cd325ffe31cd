package pos.device.printer;

import com.github.anastaciocintra.escpos.EscPos;
import com.github.anastaciocintra.escpos.EscPosConst.Justification;
import com.github.anastaciocintra.escpos.Style;
import com.github.anastaciocintra.escpos.barcode.BarCode;
import com.github.anastaciocintra.escpos.barcode.QRCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.ReceiptDocument;
import pos.core.receipt.ReceiptDocument.Align;
import pos.core.receipt.ReceiptDocument.Block;

/**
 * Renders a {@link ReceiptDocument} as ESC/POS bytes through escpos-coffee: ESC @ first; each text
 * line with its style (ESC E bold, GS ! size, ESC a alignment); a line holding non-ASCII text, when
 * GBK is on, between FS & and FS . and encoded GB18030 (GBK's two-byte codes; ASCII stays ASCII);
 * otherwise code page 437 (ESC t 0); CODE128 (GS k) at the widest module that fits the paper; QR
 * (GS ( k, model 2, level M, data in UTF-8); feed and partial cut (GS V 1); drawer pulse (ESC p). Thread-safe
 * (immutable).
 */
public final class EscPosRenderer {

    static final int FS = 0x1C;
    static final String CHINESE_CHARSET = "GB18030";
    static final String SINGLE_BYTE_CHARSET = "IBM437";
    static final int BARCODE_HEIGHT_DOTS = 80;
    static final int QR_MODULE_DOTS = 6;
    static final int FEED_LINES_BEFORE_CUT = 4;

    private final boolean gbk;

    /** @param gbk print non-ASCII text in the printer's Chinese (GBK/GB18030) mode */
    public EscPosRenderer(boolean gbk) {
        this.gbk = gbk;
    }

    public byte[] render(ReceiptDocument document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (EscPos escpos = new EscPos(bytes)) {
            escpos.initializePrinter();
            if (!gbk) {
                escpos.setCharacterCodeTable(EscPos.CharacterCodeTable.CP437_USA_Standard_Europe);
            }
            int columns = document.columns();
            for (Block block : document.blocks()) {
                render(escpos, block, columns, document.paper());
            }
            escpos.flush();
        } catch (IOException e) {
            // a ByteArrayOutputStream does not fail; escpos-coffee declares it anyway
            throw new UncheckedIOException("rendering a receipt failed", e);
        }
        return bytes.toByteArray();
    }

    private void render(EscPos escpos, Block block, int columns, PaperWidth paper) throws IOException {
        if (block instanceof ReceiptDocument.Text text) {
            Style style = new Style().setBold(text.bold()).setJustification(justification(text.align()));
            if (text.doubleSize()) {
                style.setFontSize(Style.FontSize._2, Style.FontSize._2);
            }
            for (String line : text.lines(columns)) {
                line(escpos, style, line);
            }
        } else if (block instanceof ReceiptDocument.Columns twoColumns) {
            Style style = new Style().setBold(twoColumns.bold());
            for (String line : twoColumns.lines(columns)) {
                line(escpos, style, line);
            }
        } else if (block instanceof ReceiptDocument.Separator separator) {
            line(escpos, new Style(), separator.line(columns));
        } else if (block instanceof ReceiptDocument.Barcode barcode) {
            escpos.write(code128(barcode.data(), paper), "{B" + barcode.data());
        } else if (block instanceof ReceiptDocument.QrCode qr) {
            escpos.write(new Utf8QrCode().setSize(QR_MODULE_DOTS).setJustification(Justification.Center)
                    .setErrorCorrectionLevel(QRCode.QRErrorCorrectionLevel.QR_ECLEVEL_M_Default), qr.data());
        } else if (block instanceof ReceiptDocument.Cut) {
            escpos.feed(FEED_LINES_BEFORE_CUT);
            escpos.cut(EscPos.CutMode.PART);
        } else if (block instanceof ReceiptDocument.DrawerPulse pulse) {
            escpos.pulsePin(pulse.pin() == 2 ? EscPos.PinConnector.Pin_2 : EscPos.PinConnector.Pin_5,
                    pulse.onMillis() / 2, pulse.offMillis() / 2);
        }
    }

    private void line(EscPos escpos, Style style, String line) throws IOException {
        if (gbk && !isAscii(line)) {
            escpos.write(FS).write('&');
            escpos.setCharsetName(CHINESE_CHARSET);
            escpos.writeLF(style, line);
            escpos.write(FS).write('.');
        } else {
            escpos.setCharsetName(SINGLE_BYTE_CHARSET);
            escpos.writeLF(style, line);
        }
    }

    /**
     * A CODE128 (code set B) at the widest module (2-6 dots) that fits the paper. A 26-character
     * ULID needs 321 modules, more than 576 dots at 2 dots a module, so it prints at 1 dot a module
     * (0.125 mm), which escpos-coffee does not offer and {@link NarrowBarCode} writes.
     */
    static BarCode code128(String data, PaperWidth paper) {
        int modules = modulesOfCode128B(data.length());
        int moduleDots = 1;
        for (int dots = 6; dots >= 2; dots--) {
            if (modules * dots <= paper.dots()) {
                moduleDots = dots;
                break;
            }
        }
        BarCode barcode = moduleDots >= 2 ? new BarCode().setBarCodeSize(moduleDots, BARCODE_HEIGHT_DOTS) : new NarrowBarCode();
        return barcode.setSystem(BarCode.BarCodeSystem.CODE128)
                .setHRIPosition(BarCode.BarCodeHRIPosition.NotPrinted_Default)
                .setJustification(Justification.Center);
    }

    /** Start, data, check character (11 modules each), stop (13). */
    static int modulesOfCode128B(int characters) {
        return 11 * (characters + 2) + 13;
    }

    private static Justification justification(Align align) {
        return switch (align) {
            case LEFT -> Justification.Left_Default;
            case CENTER -> Justification.Center;
            case RIGHT -> Justification.Right;
        };
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /**
     * A QR code whose data is UTF-8 whatever the JVM's default charset (escpos-coffee encodes it with
     * the default, which is ASCII under a POSIX locale on Java 17). escpos-coffee lays the commands out
     * for a stand-in of the same byte length; the stand-in is then replaced by the UTF-8 bytes, which
     * sit just before the 8-byte print command (GS ( k 3 0 49 81 48).
     */
    static final class Utf8QrCode extends QRCode {
        private static final int PRINT_COMMAND_LENGTH = 8;

        @Override
        public byte[] getBytes(String data) {
            byte[] utf8 = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] commands = super.getBytes("x".repeat(utf8.length));
            int start = commands.length - PRINT_COMMAND_LENGTH - utf8.length;
            for (int i = 0; i < utf8.length; i++) {
                if (commands[start + i] != 'x') {
                    throw new IllegalStateException("escpos-coffee laid out its QR commands differently than expected");
                }
            }
            System.arraycopy(utf8, 0, commands, start, utf8.length);
            return commands;
        }
    }

    /** A CODE128 with 1-dot modules, below escpos-coffee's 2-dot minimum. */
    static final class NarrowBarCode extends BarCode {
        NarrowBarCode() {
            this.width = 1;
            this.height = BARCODE_HEIGHT_DOTS;
        }
    }
}
