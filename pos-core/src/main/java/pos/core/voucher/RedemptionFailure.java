package pos.core.voucher;

/**
 * Why a redemption failed (R5). Each has a message key for the till's resource bundle and an
 * English sentence.
 */
public enum RedemptionFailure {
    /** Redeemed before: the result names where (store, till) and when. */
    ALREADY_REDEEMED("voucher.redeem.alreadyRedeemed", "the voucher was already redeemed"),
    /** Past its expiry by the store's record. */
    EXPIRED("voucher.redeem.expired", "the voucher has expired"),
    /** Its fields differ from the voucher the store issued under this id. */
    FORGED("voucher.redeem.forged", "the voucher does not match the one the store issued"),
    /** The store never issued it (or it was withdrawn): it cannot be redeemed. */
    UNKNOWN("voucher.redeem.unknown", "the store has no record of this voucher"),
    /** Issued for another store. */
    WRONG_STORE("voucher.redeem.wrongStore", "the voucher belongs to another store"),
    /** Redis cannot be reached: the till cannot prove the voucher unused, so it is not redeemed. */
    UNAVAILABLE("voucher.redeem.unavailable", "the till cannot prove the voucher unused (the store's Redis cannot be"
            + " reached); try again shortly or take another tender");

    private final String messageKey;
    private final String sentence;

    RedemptionFailure(String messageKey, String sentence) {
        this.messageKey = messageKey;
        this.sentence = sentence;
    }

    /** The key of the clerk's message in the till's resource bundle. */
    public String messageKey() {
        return messageKey;
    }

    /** A plain English sentence. */
    public String sentence() {
        return sentence;
    }
}
