package pos.device.wedge;

import pos.core.catalog.Gtin;
import pos.core.pay.PayCodes;
import pos.core.voucher.VoucherCodec;

/**
 * Which bursts can be a code the store scans: a GTIN (8, 12, 13 or 14 digits, check digit right), a
 * voucher ({@link VoucherCodec#PREFIX}, recognised as the sell screen does) or a customer's wallet
 * pay-code ({@link PayCodes#isPlausible}). Stateless and thread-safe.
 */
final class StoreCodes {

    private StoreCodes() {
    }

    /** True if {@code code} could be read off something in the store. */
    static boolean isStoreCode(String code) {
        return isValidGtin(code) || looksLikeVoucher(code) || PayCodes.isPlausible(code);
    }

    /**
     * True if {@code code} has the shape of a GTIN (all digits, 8, 12, 13 or 14 of them) but a wrong
     * check digit: no product carries it, and scanners check the digit before they send, so a person
     * typed it.
     */
    static boolean isGtinWithWrongCheckDigit(String code) {
        return hasGtinShape(code) && !checkDigitIsRight(code);
    }

    static boolean isValidGtin(String code) {
        return hasGtinShape(code) && checkDigitIsRight(code);
    }

    // the same test as pos.app.sell.VoucherModel.looksLikeVoucher, which decides where a scan goes
    private static boolean looksLikeVoucher(String code) {
        return code.regionMatches(true, 0, VoucherCodec.PREFIX, 0, VoucherCodec.PREFIX.length());
    }

    private static boolean hasGtinShape(String code) {
        int length = code.length();
        if (length != 8 && length != 12 && length != 13 && length != 14) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean checkDigitIsRight(String digits) {
        int last = digits.length() - 1;
        return Gtin.checkDigit(digits.substring(0, last)) == digits.charAt(last) - '0';
    }
}
