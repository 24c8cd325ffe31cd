package pos.core.text;

import pos.core.card.CardNumber;
import pos.core.catalog.Gtin;

/**
 * Makes anything a scanner read or a person typed safe to echo back in a message, a field or a
 * log line. Stateless and thread-safe.
 *
 * <ul>
 *   <li>Every invisible character that can change what the clerk reads is shown as one visible
 *       {@value #HIDDEN_MARK} per run: Unicode format characters (category Cf: the right-to-left
 *       override U+202E, the isolates U+2066–U+2069, zero-width U+200B–U+200F, U+FEFF...), control
 *       characters, lone surrogates, private-use and unassigned code points. So a scan of
 *       U+202E followed by 1393338314004 is echoed as {@code "�1393338314004"}, not as a different,
 *       plausible EAN. Tabs, line breaks and runs of spaces become one space.</li>
 *   <li>More than two combining marks on one letter are dropped (a "zalgo" line cannot cover the
 *       message).</li>
 *   <li>Anything that looks like a bank card number is masked as {@code "•••• 1234"}: 13 to 19
 *       digits (of any script, full-width included), optionally in groups separated by a space, a
 *       dash or hidden characters, that pass the Luhn check and start with an issuer digit (not 0,
 *       not all one digit). One unbroken block of exactly 13 digits is an EAN-13 (a good read or a
 *       misread the clerk must see to scan again: one in ten passes Luhn by chance) and stays as it
 *       is; a 13-digit card typed in groups is still masked.</li>
 *   <li>The result has at most the given number of code points, "…" marking a cut.</li>
 * </ul>
 */
public final class ClerkEcho {

    /** The length most echoes get: a code, an amount, a short name. */
    public static final int DEFAULT_MAX = 32;
    /** What a run of hidden characters is shown as. */
    public static final String HIDDEN_MARK = "\uFFFD";
    /** How a card number is shown, before its last four digits. */
    public static final String CARD_MASK = "•••• ";

    private static final int LOG_MAX = 40;
    private static final int BARCODE_DIGITS = 13;
    private static final int MAX_COMBINING_PER_LETTER = 2;
    /** Cleaning reads this far past the cut, so a card number straddling it is still seen whole. */
    private static final int LOOKAHEAD = 2 * CardNumber.MAX_DIGITS;

    private ClerkEcho() {
    }

    /** {@link #safe(String, int)} with {@link #DEFAULT_MAX}. */
    public static String safe(String text) {
        return safe(text, DEFAULT_MAX);
    }

    /**
     * The text made safe to show: hidden characters marked, card numbers masked, at most
     * {@code maxCodePoints} code points (plus "…" when cut). {@code null} gives "".
     */
    public static String safe(String text, int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be positive: " + maxCodePoints);
        }
        if (text == null || text.isEmpty()) {
            return "";
        }
        String cleaned = clean(text, maxCodePoints + LOOKAHEAD);
        String masked = maskCardNumbers(cleaned);
        return cut(masked.strip(), maxCodePoints);
    }

    /** The form for a log line or an exception message: as {@link #safe}, a little longer. */
    public static String forLog(String text) {
        return text == null ? "null" : safe(text, LOG_MAX);
    }

    /**
     * Masks every run of digits in {@code text} that looks like a bank card number (see the class
     * comment) as {@code "•••• 1234"}; everything else is kept as it is.
     */
    public static String maskCardNumbers(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (Character.digit(cp, 10) < 0) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            int end = endOfDigitGroups(text, i);
            out.append(maskGroups(text.substring(i, end)));
            i = end;
        }
        return out.toString();
    }

    /** Whether {@code digits} (ASCII) are masked: {@link CardNumber#looksLikeCard}, and not a valid EAN-13. */
    static boolean looksLikeCard(String digits) {
        return CardNumber.looksLikeCard(digits) && !(digits.length() == BARCODE_DIGITS && Gtin.isValid(digits));
    }

    // ------------------------------------------------------------------ cleaning

    private static String clean(String text, int limit) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit + 8));
        int written = 0;
        int combining = 0;
        boolean hiddenRun = false;
        boolean spaceRun = false;
        int i = 0;
        while (i < text.length() && written < limit) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                if (!spaceRun) {
                    out.append(' ');
                    written++;
                }
                spaceRun = true;
                hiddenRun = false;
                combining = 0;
                continue;
            }
            spaceRun = false;
            if (isHidden(cp)) {
                if (!hiddenRun) {
                    out.append(HIDDEN_MARK);
                    written++;
                }
                hiddenRun = true;
                combining = 0;
                continue;
            }
            hiddenRun = false;
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                if (++combining > MAX_COMBINING_PER_LETTER) {
                    continue;
                }
            } else {
                combining = 0;
            }
            out.appendCodePoint(cp);
            written++;
        }
        return out.toString();
    }

    private static boolean isSpace(int cp) {
        return cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == '\f'
                || Character.isSpaceChar(cp); // Zs, Zl, Zp: every space and line or paragraph separator
    }

    private static boolean isHidden(int cp) {
        switch (Character.getType(cp)) {
            case Character.FORMAT, Character.CONTROL, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED:
                return true;
            default:
                return cp == HIDDEN_MARK.codePointAt(0); // a marker typed in cannot pass for one of ours
        }
    }

    // ------------------------------------------------------------------ card numbers

    /** The end of a run of digit groups starting at {@code start}: digits, single separators between them. */
    private static int endOfDigitGroups(String text, int start) {
        int i = start;
        int lastDigitEnd = start;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.digit(cp, 10) >= 0) {
                i += len;
                lastDigitEnd = i;
            } else if (isGroupSeparator(cp) && i == lastDigitEnd && i + len < text.length()
                    && Character.digit(text.codePointAt(i + len), 10) >= 0) {
                i += len;
            } else {
                break;
            }
        }
        return lastDigitEnd;
    }

    private static boolean isGroupSeparator(int cp) {
        return cp == ' ' || cp == '-' || cp == HIDDEN_MARK.codePointAt(0);
    }

    /**
     * Masks a run of digit groups: the whole run if it is a card, else each span of consecutive
     * groups that is one (a card number followed by other digits is still masked).
     */
    private static String maskGroups(String run) {
        java.util.List<int[]> groups = new java.util.ArrayList<>(); // [start, end) of each digit group
        int i = 0;
        while (i < run.length()) {
            int start = i;
            while (i < run.length() && Character.digit(run.codePointAt(i), 10) >= 0) {
                i += Character.charCount(run.codePointAt(i));
            }
            groups.add(new int[] {start, i});
            while (i < run.length() && Character.digit(run.codePointAt(i), 10) < 0) {
                i += Character.charCount(run.codePointAt(i));
            }
        }
        StringBuilder out = new StringBuilder(run.length());
        int copiedTo = 0;
        int g = 0;
        while (g < groups.size()) {
            int found = -1;
            for (int last = groups.size() - 1; last >= g && found < 0; last--) {
                String digits = asciiDigits(run, groups, g, last);
                boolean barcode = last == g && digits.length() == BARCODE_DIGITS; // one block of 13: an EAN-13, read right or misread
                if (!barcode && digits.length() <= CardNumber.MAX_DIGITS && looksLikeCard(digits)) {
                    found = last;
                }
            }
            if (found < 0) {
                g++;
                continue;
            }
            String digits = asciiDigits(run, groups, g, found);
            out.append(run, copiedTo, groups.get(g)[0]).append(CARD_MASK).append(digits.substring(digits.length() - 4));
            copiedTo = groups.get(found)[1];
            g = found + 1;
        }
        out.append(run, copiedTo, run.length());
        return out.toString();
    }

    private static String asciiDigits(String run, java.util.List<int[]> groups, int first, int last) {
        StringBuilder digits = new StringBuilder();
        for (int g = first; g <= last && digits.length() <= CardNumber.MAX_DIGITS; g++) {
            int[] span = groups.get(g);
            run.substring(span[0], span[1]).codePoints().forEach(cp -> digits.append((char) ('0' + Character.digit(cp, 10))));
        }
        return digits.toString();
    }

    // ------------------------------------------------------------------ length

    private static String cut(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints)) + "…";
    }
}
