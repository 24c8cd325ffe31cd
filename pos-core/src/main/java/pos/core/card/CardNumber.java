package pos.core.card;

import java.util.Objects;
import pos.core.text.NumericText;

/**
 * A bank card number (PAN) as the clerk typed it, held in memory only for the length of one
 * payment. It is never written anywhere: {@link #toString()} gives the masked form, and the
 * journal, Redis and MariaDB only ever see {@link #masked()}, {@link #bin()}, {@link #lastFour()}
 * or a keyed token made from it.
 *
 * <p>The text may be malformed (letters, wrong length, no issuer): {@link #problem()} says what is
 * wrong, so the card-number rule can name it; nothing here throws on what a clerk types.
 */
public final class CardNumber {

    /** ISO/IEC 7812: a PAN has 12 to 19 digits. */
    public static final int MIN_DIGITS = 12;
    public static final int MAX_DIGITS = 19;

    /** What can be wrong with a typed card number, in the order they are checked. */
    public enum Problem {
        EMPTY, NOT_DIGITS, TOO_SHORT,
        /** More than {@value CardNumber#MAX_DIGITS} digits: refused as typed, never cut to fit. */
        TOO_LONG,
        /** No issuer: the first digit is 0 (ISO/IEC 7812 gives it to no card scheme) or every digit is the same. */
        NO_ISSUER,
        CHECK_DIGIT
    }

    private final String digits;
    private final Problem problem;

    private CardNumber(String digits, Problem problem) {
        this.digits = digits;
        this.problem = problem;
    }

    /**
     * Reads what the clerk typed: full-width digits, dashes and spaces (a Chinese input method's)
     * are read as the ASCII ones ({@link NumericText#fold}); spaces and dashes between digit groups
     * are dropped; anything else that is not a digit (letters, tabs, other-script digits) makes the
     * number malformed. All the digits are counted: 23 digits are {@link Problem#TOO_LONG}, never
     * the first 19 of them.
     */
    public static CardNumber typed(String text) {
        if (text == null || text.isBlank()) {
            return new CardNumber("", Problem.EMPTY);
        }
        text = NumericText.fold(text);
        StringBuilder out = new StringBuilder(Math.min(text.length(), 64));
        boolean onlyDigits = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c >= '0' && c <= '9') {
                out.append(c);
                if (out.length() > 64) {
                    // never hold more than a bounded amount of hostile text
                    return new CardNumber("", Problem.TOO_LONG);
                }
            } else {
                onlyDigits = false;
                break;
            }
        }
        if (!onlyDigits) {
            return new CardNumber("", Problem.NOT_DIGITS);
        }
        String digits = out.toString();
        if (digits.isEmpty()) {
            return new CardNumber("", Problem.EMPTY);
        }
        if (digits.length() < MIN_DIGITS) {
            return new CardNumber(digits, Problem.TOO_SHORT);
        }
        if (digits.length() > MAX_DIGITS) {
            return new CardNumber("", Problem.TOO_LONG);
        }
        if (!hasIssuer(digits)) {
            return new CardNumber(digits, Problem.NO_ISSUER);
        }
        if (!luhnValid(digits)) {
            return new CardNumber(digits, Problem.CHECK_DIGIT);
        }
        return new CardNumber(digits, null);
    }

    /**
     * Whether a string of ASCII digits, found in a scan or in text, should be treated as a card
     * number (masked, never looked up as a product): 13 to 19 digits from an issuer that pass Luhn.
     * (12-digit PANs exist but collide with every UPC-A; 13 is where masking starts.)
     */
    public static boolean looksLikeCard(String digits) {
        return digits != null && digits.length() >= MIN_DIGITS + 1 && digits.length() <= MAX_DIGITS
                && NumericText.isAsciiDigits(digits) && hasIssuer(digits) && luhnValid(digits);
    }

    /**
     * Whether a string of ASCII digits could come from a card issuer: it does not start with 0 (no
     * scheme has that major industry identifier for cards) and is not one digit repeated
     * ({@code 0000000000000000} passes Luhn but is no card). Kept simple on purpose: the bank
     * directory and the gateway know the real issuers.
     */
    public static boolean hasIssuer(String digits) {
        if (digits.isEmpty() || digits.charAt(0) == '0') {
            return false;
        }
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return true;
            }
        }
        return false;
    }

    /** The Luhn (mod 10) check of ISO/IEC 7812-1 over a string of ASCII digits. */
    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return !digits.isEmpty() && sum % 10 == 0;
    }

    /** Whether the number is well formed and passes the Luhn check. */
    public boolean isValid() {
        return problem == null;
    }

    /** What is wrong, or null when {@link #isValid()}. */
    public Problem problem() {
        return problem;
    }

    /** How many digits were typed (0 when the text was not digits). */
    public int length() {
        return digits.length();
    }

    /** The digit at {@code index} (0-based) as 0–9, for lookups that must not copy the number. */
    int digitAt(int index) {
        return digits.charAt(index) - '0';
    }

    /**
     * The first {@code n} digits (the issuer's BIN/IIN is 6 or 8), or all there are.
     */
    public String prefix(int n) {
        return digits.substring(0, Math.min(n, digits.length()));
    }

    /** The 6-digit BIN, or fewer digits when fewer were typed. */
    public String bin() {
        return prefix(6);
    }

    /** The last four digits, or "" when fewer than 12 digits were typed. */
    public String lastFour() {
        return digits.length() >= MIN_DIGITS ? digits.substring(digits.length() - 4) : "";
    }

    /**
     * The masked form safe to show, journal and send to the customer's side (PCI DSS: first six
     * and last four at most): "411111******1111"; a short or malformed number masks every digit.
     */
    public String masked() {
        if (digits.length() < MIN_DIGITS) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4);
    }

    /**
     * The digits themselves, for the one place that must have them: the request to the payment
     * gateway (and a keyed token). Callers must never log, journal or display the result.
     */
    public String revealForGateway() {
        if (!isValid()) {
            throw new IllegalStateException("card number is not valid: " + problem);
        }
        return digits;
    }

    /** The masked form: a card number never reaches a log by accident. */
    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardNumber other && digits.equals(other.digits) && Objects.equals(problem, other.problem);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }
}
