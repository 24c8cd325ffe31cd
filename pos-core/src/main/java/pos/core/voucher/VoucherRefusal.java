package pos.core.voucher;

/**
 * Why a scanned voucher was refused on the till, before anything was asked of Redis (R5). Each
 * has a message key for the till's resource bundle and an English sentence for logs.
 */
public enum VoucherRefusal {
    /** The signature does not match: the code was altered or made without the store's key. */
    FORGED("voucher.refused.forged", "the voucher's signature is wrong: it was altered or not issued by this store"),
    /** Past its expiry. */
    EXPIRED("voucher.refused.expired", "the voucher has expired"),
    /** Not a voucher code at all: truncated, oversized, bad characters or fields. */
    MALFORMED("voucher.refused.malformed", "this is not a readable voucher code"),
    /** Signed with a key id this till does not accept (retired, or another chain's). */
    UNKNOWN_KEY("voucher.refused.unknownKey", "the voucher is signed with a key this till does not know"),
    /** Issued for another store. */
    WRONG_STORE("voucher.refused.wrongStore", "the voucher belongs to another store");

    private final String messageKey;
    private final String sentence;

    VoucherRefusal(String messageKey, String sentence) {
        this.messageKey = messageKey;
        this.sentence = sentence;
    }

    /** The key of the clerk's message in the till's resource bundle. */
    public String messageKey() {
        return messageKey;
    }

    /** A plain English sentence, for logs and tests. */
    public String sentence() {
        return sentence;
    }
}
