package pos.core.catalog;

/**
 * Check-digit arithmetic for GTIN barcodes: EAN-13, EAN-8 and UPC-A (GTIN-12). Thread-safe (stateless).
 */
public final class Gtin {

    private Gtin() {
    }

    /** True if {@code code} is 8, 12 or 13 digits with a correct check digit. */
    public static boolean isValid(String code) {
        if (code == null || !(code.length() == 8 || code.length() == 12 || code.length() == 13)) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return checkDigit(code.substring(0, code.length() - 1)) == code.charAt(code.length() - 1) - '0';
    }

    /**
     * True if {@code code} is a GTIN of any length a barcode carries (GTIN-8, -12, -13 or -14: EAN-8,
     * UPC-A, EAN-13, ITF-14 on a case) with a correct check digit. {@link #isValid} is narrower: the
     * lengths the till sells by.
     */
    public static boolean hasValidCheckDigit(String code) {
        if (code == null || code.length() != 14) {
            return isValid(code);
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return checkDigit(code.substring(0, 13)) == code.charAt(13) - '0';
    }

    /** Whether {@code length} is that of a GTIN (8, 12, 13 or 14 digits). */
    public static boolean isGtinLength(int length) {
        return length == 8 || length == 12 || length == 13 || length == 14;
    }

    /**
     * The GS1 check digit for the given digits (everything but the check digit): weights 3 and 1
     * alternate from the rightmost digit.
     */
    public static int checkDigit(String digitsWithoutCheck) {
        int sum = 0;
        boolean weightThree = true;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            int d = digitsWithoutCheck.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a digit in " + digitsWithoutCheck);
            }
            sum += weightThree ? 3 * d : d;
            weightThree = !weightThree;
        }
        return (10 - sum % 10) % 10;
    }

    /** Appends the check digit. */
    public static String withCheckDigit(String digitsWithoutCheck) {
        return digitsWithoutCheck + checkDigit(digitsWithoutCheck);
    }

    /**
     * Normalises a valid UPC-A (12 digits) to its EAN-13 form with a leading 0; EAN-13 and EAN-8
     * are returned as they are.
     */
    public static String normalise(String validCode) {
        return validCode.length() == 12 ? "0" + validCode : validCode;
    }
}
