package pos.core.voucher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A voucher as issued by the store hub and carried in a QR code (R1): who it is for and what it
 * gives. Immutable. Made by the hub when issuing, or by {@link VoucherCodec#verify} from a scan.
 *
 * @param voucherId   1–32 characters of {@code 0-9 A-Z a-z _ -} (the hub issues ULIDs); unique per store chain
 * @param benefit     amount off or a product
 * @param customerRef the customer it was issued to (shown to the clerk), 1–64 printable ASCII characters, no {@code |}
 * @param expiresAt   the last instant it may be redeemed, whole seconds
 * @param storeId     the one store where it may be redeemed, or {@link #ANY_STORE}
 * @param keyId       the id of the key it is signed with (key rotation)
 */
public record Voucher(String voucherId, VoucherBenefit benefit, String customerRef, Instant expiresAt, String storeId,
        String keyId) {

    /** The store id of a voucher that any store may redeem. */
    public static final String ANY_STORE = "*";

    static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    static final Pattern KEY_ID = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    static final Pattern CUSTOMER = Pattern.compile("[\\x20-\\x7B\\x7D\\x7E]{1,64}");

    public Voucher {
        requireMatch(voucherId, ID, "voucherId", "1-32 characters of 0-9 A-Z a-z _ -");
        Objects.requireNonNull(benefit, "benefit");
        requireMatch(customerRef, CUSTOMER, "customerRef", "1-64 printable ASCII characters without '|'");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.getNano() != 0 || expiresAt.getEpochSecond() < 0 || expiresAt.getEpochSecond() > 253_402_300_799L) {
            throw new IllegalArgumentException("a voucher expires at a whole second between 1970 and 9999: " + expiresAt);
        }
        if (!ANY_STORE.equals(storeId)) {
            requireMatch(storeId, ID, "storeId", "1-32 characters of 0-9 A-Z a-z _ -, or *");
        }
        requireMatch(keyId, KEY_ID, "keyId", "1-32 characters of 0-9 A-Z a-z _ -");
    }

    private static void requireMatch(String value, Pattern pattern, String name, String rule) {
        Objects.requireNonNull(value, name);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be " + rule + ": '" + VoucherCodec.printable(value) + "'");
        }
    }

    /** True if {@code storeId} may redeem it. */
    public boolean redeemableAt(String storeId) {
        return ANY_STORE.equals(this.storeId) || this.storeId.equals(storeId);
    }

    /** True once {@code now} is after {@link #expiresAt()}. */
    public boolean isExpiredAt(Instant now) {
        return now.isAfter(expiresAt);
    }

    /**
     * SHA-256 (hex) of the voucher's signed payload: the hub keeps it when issuing, and a
     * redemption of a voucher whose fields differ from the issued one is refused as forged.
     */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(VoucherCodec.payload(this).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
