package pos.device.webcam;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.StringUtils;

/**
 * The text of a decoded code, with the character set chosen by the till where the code does not
 * name one (DESIGN §7, issue 15). ZXing decodes a QR code's byte segment in the character set its
 * ECI names; without an ECI it guesses (UTF-8, Shift_JIS, ISO-8859-1 or the platform's), and never
 * GBK, so a GBK/GB2312 label comes out garbled. For a QR code without an ECI this class decodes each
 * byte segment again: valid UTF-8 (ASCII included) first; else GB18030 (a superset of GBK and
 * GB2312) or Shift_JIS when the bytes are valid double-byte text in it, whichever reads as more
 * plausible text of its language (GB2312's common characters for GBK; kana and full-width forms, not
 * half-width katakana, for Shift_JIS); else ISO-8859-1 when no byte is a C1 control. Bytes that fit
 * none of these, and any text with U+FFFD or C1 control characters (a decoding that failed), are no
 * text at all: a wrong read is worse than a miss.
 *
 * <p>Stateless apart from per-thread decoders; thread-safe.
 */
final class DecodedText {

    private static final char REPLACEMENT = '\uFFFD';
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");
    private static final Charset GB2312 = Charset.forName("GB2312");

    /** Decoders and an encoder are stateful: one set per thread (the decoder thread, tests, benchmarks). */
    private static final ThreadLocal<Coders> CODERS = ThreadLocal.withInitial(Coders::new);

    private DecodedText() {
    }

    /**
     * The text of a code as the till should take it, or {@code null} when it cannot be decoded to
     * real text.
     *
     * @param zxingText  what ZXing made of it
     * @param format     the symbology
     * @param metadata   ZXing's result metadata (byte segments, symbology identifier), may be null
     */
    static String of(String zxingText, BarcodeFormat format, Map<ResultMetadataType, Object> metadata) {
        if (zxingText == null) {
            return null;
        }
        String text = zxingText;
        if (format == BarcodeFormat.QR_CODE && metadata != null && !namesCharacterSet(metadata)
                && metadata.get(ResultMetadataType.BYTE_SEGMENTS) instanceof List<?> segments && !segments.isEmpty()) {
            text = redecodeByteSegments(zxingText, segments);
        }
        return text == null || !isText(text) ? null : text;
    }

    /**
     * Whether a QR code carried an ECI: ZXing reports it in the symbology identifier, "]Q2", "]Q4" or
     * "]Q6" (ISO/IEC 18004 table 2: an even modifier = ECI present).
     */
    private static boolean namesCharacterSet(Map<ResultMetadataType, Object> metadata) {
        Object identifier = metadata.get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
        if (identifier instanceof String id && id.length() == 3 && id.startsWith("]Q")) {
            char modifier = id.charAt(2);
            return modifier == '2' || modifier == '4' || modifier == '6';
        }
        return false;
    }

    /**
     * ZXing's text with each byte segment decoded the till's way. ZXing decoded each segment on its own
     * with {@link StringUtils#guessCharset}; the same guess finds where the segment stands in its text
     * (the other segments, numeric, alphanumeric, kanji, stay as they are).
     */
    private static String redecodeByteSegments(String zxingText, List<?> segments) {
        StringBuilder text = new StringBuilder(zxingText.length());
        int from = 0;
        for (Object segment : segments) {
            if (!(segment instanceof byte[] bytes)) {
                return zxingText;
            }
            String zxingPart = new String(bytes, StringUtils.guessCharset(bytes, null));
            int at = zxingText.indexOf(zxingPart, from);
            if (at < 0) {
                // not where ZXing's own guess would have put it: take ZXing's text as it is (still checked for U+FFFD)
                return zxingText;
            }
            String ours = decodeBytes(bytes);
            if (ours == null) {
                return null;
            }
            text.append(zxingText, from, at).append(ours);
            from = at + zxingPart.length();
        }
        return text.append(zxingText, from, zxingText.length()).toString();
    }

    /**
     * Bytes of unnamed character set as text: UTF-8, GB18030/GBK, Shift_JIS or ISO-8859-1 (see the class
     * comment), or {@code null} when none fits.
     */
    static String decodeBytes(byte[] bytes) {
        Coders coders = CODERS.get();
        String utf8 = strict(coders.utf8, bytes);
        if (utf8 != null) {
            return utf8;
        }
        String gb = strict(coders.gb18030, bytes);
        String sjis = strict(coders.shiftJis, bytes);
        int gbScore = gb == null ? Integer.MIN_VALUE : gbPlausibility(gb, coders.gb2312);
        int sjisScore = sjis == null ? Integer.MIN_VALUE : shiftJisPlausibility(sjis);
        if (gbScore > 0 && gbScore >= sjisScore) {
            return gb;
        }
        if (sjisScore > 0) {
            return sjis;
        }
        for (byte b : bytes) {
            int unsigned = b & 0xFF;
            if (unsigned >= 0x80 && unsigned <= 0x9F) {
                return null; // C1 controls: not Latin-1 text either
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** +1 for each non-ASCII character among GB2312's (the common simplified Chinese ones), -1 for each rarer one. */
    private static int gbPlausibility(String text, CharsetEncoder gb2312) {
        int score = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                score += gb2312.canEncode(c) ? 1 : -1;
            }
        }
        return score;
    }

    /** +1 for each kana, ideograph or full-width form, -1 for each half-width katakana (rare in real text). */
    private static int shiftJisPlausibility(String text) {
        int score = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if ((c >= 0x3000 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF60)) {
                score++;
            } else if (c >= 0xFF61 && c <= 0xFF9F) {
                score--;
            }
        }
        return score;
    }

    private static String strict(CharsetDecoder decoder, byte[] bytes) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException notThisCharset) {
            // the bytes are not valid text in this character set: the caller tries the next
            return null;
        }
    }

    /** Whether decoded text is real text: no replacement character, no C1 control. */
    static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == REPLACEMENT || (c >= 0x80 && c <= 0x9F)) {
                return false;
            }
        }
        return true;
    }

    private static final class Coders {
        final CharsetDecoder utf8 = reporting(StandardCharsets.UTF_8);
        final CharsetDecoder gb18030 = reporting(GB18030);
        final CharsetDecoder shiftJis = reporting(SHIFT_JIS);
        final CharsetEncoder gb2312 = GB2312.newEncoder();

        private static CharsetDecoder reporting(Charset charset) {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }
    }
}
