package pos.core.text;

import java.text.Normalizer;

/**
 * The one normaliser behind every numeric field of the till (amounts, quantities, card numbers,
 * PINs, codes typed by hand): digits typed in a Chinese or Japanese input method's full-width
 * mode ({@code １２．５０}) are the digits they look like. Stateless and thread-safe.
 *
 * <p>Unicode NFKC does the folding (full-width digits, comma, period and minus become ASCII; the
 * ideographic space and no-break spaces become a space), then every space is removed. Two
 * exceptions, both on purpose:
 * <ul>
 *   <li>characters that are numbers but not decimal digits (Unicode categories No and Nl: ①, ²,
 *       ½, Ⅻ) are left alone, so "10²" is not read as 102 and "①" not as 1: they stay what they
 *       are and the parse refuses them;</li>
 *   <li>the ideographic full stop {@code 。} (what the period key gives in Chinese punctuation
 *       mode) is read as a decimal point: NFKC keeps it, a clerk means ".".</li>
 * </ul>
 * Digits of other scripts (Arabic-Indic ٤, Devanagari ४) are not folded by NFKC and so are not
 * read as digits: a till that takes them would need its clerks to expect it.
 */
public final class NumericText {

    private static final char IDEOGRAPHIC_FULL_STOP = '\u3002';
    private static final char FULLWIDTH_ZERO = '\uFF10';
    private static final char FULLWIDTH_NINE = '\uFF19';

    private NumericText() {
    }

    /**
     * The text as the numeric parsers read it: folded ({@link #fold}), {@code 。} as {@code .},
     * and without any space (leading, trailing or between digit groups). {@code null} gives "".
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String folded = fold(text);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().forEach(cp -> {
            if (cp == IDEOGRAPHIC_FULL_STOP) {
                out.append('.');
            } else if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /**
     * NFKC compatibility folding, except for the non-decimal number characters (No, Nl), which are
     * kept as they are. Spaces stay (as U+0020). {@code null} gives "".
     */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        if (isPlainAscii(text)) {
            return text; // the common case: nothing to fold, no copy
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.OTHER_NUMBER || type == Character.LETTER_NUMBER) {
                out.append(Normalizer.normalize(text.substring(start, i), Normalizer.Form.NFKC));
                out.appendCodePoint(cp);
                start = next;
            }
            i = next;
        }
        out.append(Normalizer.normalize(text.substring(start), Normalizer.Form.NFKC));
        return out.toString();
    }

    /**
     * The digit value of one typed character: 0–9 for an ASCII or full-width digit, -1 for anything
     * else. For PINs, which are kept in {@code char[]} and never in a {@code String}. (In the Basic
     * Multilingual Plane, the full-width digits are the only decimal digits NFKC folds to ASCII.)
     */
    public static int digitValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= FULLWIDTH_ZERO && c <= FULLWIDTH_NINE) {
            return c - FULLWIDTH_ZERO;
        }
        return -1;
    }

    /**
     * A copy of {@code typed} with every full-width digit replaced by its ASCII digit and every other
     * character kept; the caller wipes both arrays when done. For PINs, which never become a String.
     */
    public static char[] asciiDigits(char[] typed) {
        char[] out = new char[typed.length];
        for (int i = 0; i < typed.length; i++) {
            int d = digitValue(typed[i]);
            out[i] = d >= 0 ? (char) ('0' + d) : typed[i];
        }
        return out;
    }

    /** Whether {@code text} is non-empty and only ASCII digits. */
    public static boolean isAsciiDigits(CharSequence text) {
        if (text == null || text.length() == 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a whole number typed by a person (a quantity, a count): normalised as above, digits only,
     * at most {@code max}. Leading zeros are allowed ("007" is 7).
     *
     * @throws NumericTextException with the reason for the screen to translate
     */
    public static long parseWholeNumber(String text, long max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        String typed = normalise(text);
        if (typed.isEmpty()) {
            throw new NumericTextException(NumericTextException.Reason.EMPTY, typed);
        }
        if (!isAsciiDigits(typed)) {
            throw new NumericTextException(NumericTextException.Reason.NOT_A_NUMBER, typed);
        }
        int first = 0;
        while (first < typed.length() - 1 && typed.charAt(first) == '0') {
            first++;
        }
        String significant = typed.substring(first);
        if (significant.length() > 18 || Long.parseLong(significant) > max) {
            throw new NumericTextException(NumericTextException.Reason.TOO_LARGE, typed);
        }
        return Long.parseLong(significant);
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
