package pos.core.device;

import pos.core.card.CardNumber;
import pos.core.catalog.Catalog;
import pos.core.catalog.Gtin;
import pos.core.pay.PayCodes;
import pos.core.text.NumericText;
import pos.core.voucher.VoucherCodec;

/**
 * What a scanner read is, by its shape alone, before anything is looked up: the rule the sell
 * screen follows for a scan. Stateless and thread-safe.
 *
 * <p>The rule: a scanner read is a code. It is looked up as one ({@link Kind#GTIN}, {@link Kind#CODE}),
 * routed ({@link Kind#VOUCHER}, {@link Kind#PAY_CODE}), or refused with a message; it never runs a
 * name search, so a short or garbled read ("NaN") cannot add a product the clerk did not ask for.
 * A card number ({@link Kind#CARD_NUMBER}) is never looked up as a product and never echoed in
 * clear. The same classification tells typing from a scan where a burst lands: an all-digit burst
 * of GTIN length with a wrong check digit is not a product ({@link Kind#GTIN_BAD_CHECK}).
 */
public final class ScanText {

    /** The shortest code the till knows (internal codes and PLUs have 4 characters or more). */
    public static final int MIN_CODE_LENGTH = 4;

    /** The shape of a read, checked in this order. */
    public enum Kind {
        /** Nothing, or only spaces. */
        EMPTY,
        /** A voucher code ({@value VoucherCodec#PREFIX}…); the voucher codec verifies it. */
        VOUCHER,
        /** Longer than any product code ({@value Catalog#MAX_CODE_LENGTH} characters). */
        TOO_LONG,
        /** EAN-8, UPC-A, EAN-13 or GTIN-14 with a correct check digit. */
        GTIN,
        /** A customer's wallet payment code (WeChat Pay, Alipay). */
        PAY_CODE,
        /** 8, 12, 13 or 14 digits whose check digit is wrong: a misread, not a product. */
        GTIN_BAD_CHECK,
        /** 15–19 digits from a card issuer passing Luhn: a bank card number, not a product. */
        CARD_NUMBER,
        /** Fewer than {@value ScanText#MIN_CODE_LENGTH} characters: no code is that short. */
        TOO_SHORT,
        /** Letters, digits, '-' and '_' only: an internal product code or PLU, for the catalog to look up. */
        CODE,
        /** Anything else (spaces inside, punctuation, other scripts, hidden characters). */
        TEXT;

        /** Whether the catalog should look the read up as a product code (exactly, never by name). */
        public boolean isProductLookup() {
            return this == GTIN || this == CODE;
        }
    }

    private ScanText() {
    }

    /**
     * The kind of {@code read}: full-width characters are folded first ({@link NumericText#fold})
     * and spaces at either end ignored.
     */
    public static Kind classify(String read) {
        if (read == null || read.isBlank()) {
            return Kind.EMPTY;
        }
        String text = NumericText.fold(read).strip();
        if (text.isEmpty()) {
            return Kind.EMPTY;
        }
        if (text.regionMatches(true, 0, VoucherCodec.PREFIX, 0, VoucherCodec.PREFIX.length())) {
            return Kind.VOUCHER;
        }
        if (text.length() > Catalog.MAX_CODE_LENGTH) {
            return Kind.TOO_LONG;
        }
        if (NumericText.isAsciiDigits(text)) {
            if (Gtin.isGtinLength(text.length()) && Gtin.hasValidCheckDigit(text)) {
                return Kind.GTIN;
            }
            if (PayCodes.isPlausible(text)) {
                return Kind.PAY_CODE;
            }
            if (Gtin.isGtinLength(text.length())) {
                // a scanner's 13 digits with a wrong GS1 check digit are a misread barcode, even when Luhn
                // happens to pass (one read in ten); 13- and 14-digit cards are rare and masked when echoed
                return Kind.GTIN_BAD_CHECK;
            }
            if (CardNumber.looksLikeCard(text)) {
                return Kind.CARD_NUMBER;
            }
        }
        if (text.codePointCount(0, text.length()) < MIN_CODE_LENGTH) {
            return Kind.TOO_SHORT;
        }
        return isCodeAlphabet(text) ? Kind.CODE : Kind.TEXT;
    }

    private static boolean isCodeAlphabet(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
