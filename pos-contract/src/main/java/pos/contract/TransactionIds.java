package pos.contract;

import java.util.regex.Pattern;

/** What the hub accepts as a transaction id from outside. Stateless. */
public final class TransactionIds {

    /**
     * DESIGN §4: the gateways' out_trade_no is 6–32 characters of [0-9A-Za-z_-|*]; a ULID (26 of
     * Crockford base32) is one of them.
     */
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");

    private TransactionIds() {
    }

    public static boolean isTransactionId(String value) {
        return value != null && OUT_TRADE_NO.matcher(value).matches();
    }

    /** At most 40 printable ASCII characters of an untrusted value, for messages and logs. */
    public static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
