package pos.core.voucher;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import pos.core.money.Money;

/**
 * The voucher's text form, which fits a QR code, and its offline verification. Immutable and
 * thread-safe.
 *
 * <pre>
 * PV1.&lt;keyId&gt;.&lt;payload&gt;.&lt;mac&gt;
 *   keyId    1-32 of [0-9A-Za-z_-] (no '.'), the key the code is signed with
 *   payload  base64url without padding of the ASCII text
 *            voucherId|A:&lt;amountMinor&gt;:&lt;currency&gt;|customerRef|expiresEpochSecond|storeId|keyId
 *            or with P:&lt;productCode&gt; as the second field; storeId * = any store
 *   mac      base64url without padding of HMAC-SHA256(key, "PV1.&lt;keyId&gt;.&lt;payload&gt;")
 * </pre>
 *
 * Verification is strict and does the cheap checks first: the length cap ({@value #MAX_CODE_LENGTH}
 * characters), the structure and alphabet, canonical base64 (a code that decodes to the same
 * bytes but is spelled differently is refused), the key id, then the MAC, compared in constant
 * time ({@link MessageDigest#isEqual}); only a correctly signed payload is parsed. So any change
 * to a genuine code is {@link VoucherRefusal#FORGED} (or {@link VoucherRefusal#MALFORMED} if it
 * no longer has a code's shape), and nothing about an unsigned payload is trusted.
 */
public final class VoucherCodec {

    /** The prefix of every voucher code, with the format version. */
    public static final String PREFIX = "PV1.";
    /** The longest code accepted, in characters; a QR code of version 10 (57×57) holds it at level M. */
    public static final int MAX_CODE_LENGTH = 320;

    private static final Pattern KEY_ID_IN_CODE = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    private static final Pattern BASE64URL = Pattern.compile("[0-9A-Za-z_-]+");
    private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAC_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final VoucherKeys keys;

    /** A codec that signs with and accepts {@code keys}. */
    public VoucherCodec(VoucherKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * The code for {@code voucher}, signed with its {@link Voucher#keyId()}.
     *
     * @throws IllegalArgumentException if that key id is not among the keys, or contains a '.'
     */
    public String encode(Voucher voucher) {
        Objects.requireNonNull(voucher, "voucher");
        byte[] secret = keys.secret(voucher.keyId()).orElseThrow(() -> new IllegalArgumentException(
                "no voucher key '" + voucher.keyId() + "' to sign with; keys: " + keys.keyIds()));
        String signed = PREFIX + voucher.keyId() + "." + base64(payload(voucher).getBytes(StandardCharsets.US_ASCII));
        String code = signed + "." + base64(mac(secret, signed));
        if (code.length() > MAX_CODE_LENGTH) {
            throw new IllegalArgumentException("the voucher's code would be " + code.length() + " characters; at most "
                    + MAX_CODE_LENGTH + " (shorten the customer reference)");
        }
        return code;
    }

    /**
     * Verifies a scanned code offline (R1, R5): its shape, its signature, its expiry and its store.
     *
     * @param scanned what the scanner or webcam read, exactly (may be anything, of any length, or null)
     * @param now     the till's clock
     * @param storeId the till's store
     * @return {@link VoucherCheck.Valid} with the voucher, or {@link VoucherCheck.Refused} with the reason; never throws for bad input
     */
    public VoucherCheck verify(String scanned, Instant now, String storeId) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(storeId, "storeId");
        if (scanned == null || scanned.isEmpty()) {
            return refused(VoucherRefusal.MALFORMED, "the scan is empty");
        }
        if (scanned.length() > MAX_CODE_LENGTH) {
            return refused(VoucherRefusal.MALFORMED, "the scan has " + scanned.length() + " characters; a voucher code has at most "
                    + MAX_CODE_LENGTH);
        }
        if (!scanned.startsWith(PREFIX)) {
            return refused(VoucherRefusal.MALFORMED, "the scan does not start with " + PREFIX + ": '" + printable(scanned) + "'");
        }
        String[] parts = scanned.split("\\.", -1);
        if (parts.length != 4) {
            return refused(VoucherRefusal.MALFORMED, "a voucher code has 4 parts separated by '.'; this one has " + parts.length);
        }
        String keyId = parts[1];
        if (!KEY_ID_IN_CODE.matcher(keyId).matches()) {
            return refused(VoucherRefusal.MALFORMED, "the key id '" + printable(keyId) + "' is not 1-32 of 0-9 A-Z a-z _ -");
        }
        byte[] payloadBytes = decodeCanonical(parts[2], -1);
        if (payloadBytes == null) {
            return refused(VoucherRefusal.MALFORMED, "the payload is not canonical base64url");
        }
        byte[] macBytes = decodeCanonical(parts[3], MAC_BYTES);
        if (macBytes == null) {
            return refused(VoucherRefusal.MALFORMED, "the signature is not " + MAC_BYTES + " bytes of canonical base64url");
        }
        byte[] secret = keys.secret(keyId).orElse(null);
        if (secret == null) {
            return refused(VoucherRefusal.UNKNOWN_KEY, "the key id '" + keyId + "' is not accepted here; accepted: " + keys.keyIds());
        }
        String signed = scanned.substring(0, scanned.lastIndexOf('.'));
        if (!MessageDigest.isEqual(mac(secret, signed), macBytes)) {
            return refused(VoucherRefusal.FORGED, "the signature does not match the voucher under key '" + keyId + "'");
        }
        Voucher voucher;
        try {
            voucher = parsePayload(new String(payloadBytes, StandardCharsets.US_ASCII), keyId);
        } catch (IllegalArgumentException e) {
            // Correctly signed but unreadable: only the key's holder can make this; a bug at the issuer.
            return refused(VoucherRefusal.MALFORMED, "the signed payload cannot be read: " + e.getMessage());
        }
        if (voucher.isExpiredAt(now)) {
            return refused(VoucherRefusal.EXPIRED, "voucher " + voucher.voucherId() + " expired at " + voucher.expiresAt());
        }
        if (!voucher.redeemableAt(storeId)) {
            return refused(VoucherRefusal.WRONG_STORE, "voucher " + voucher.voucherId() + " is for store " + voucher.storeId()
                    + ", this is store " + printable(storeId));
        }
        return new VoucherCheck.Valid(voucher);
    }

    /** The voucher's payload text (ASCII), as signed; also what {@link Voucher#fingerprint()} hashes. */
    static String payload(Voucher voucher) {
        String benefit;
        if (voucher.benefit() instanceof VoucherBenefit.AmountOff off) {
            benefit = "A:" + off.amount().minorUnits() + ":" + off.amount().currency().getCurrencyCode();
        } else {
            benefit = "P:" + ((VoucherBenefit.Product) voucher.benefit()).productCode();
        }
        return String.join("|", voucher.voucherId(), benefit, voucher.customerRef(),
                Long.toString(voucher.expiresAt().getEpochSecond()), voucher.storeId(), voucher.keyId());
    }

    private static Voucher parsePayload(String text, String keyIdInCode) {
        String[] fields = text.split("\\|", -1);
        if (fields.length != 6) {
            throw new IllegalArgumentException("6 fields expected, found " + fields.length);
        }
        if (!fields[5].equals(keyIdInCode)) {
            throw new IllegalArgumentException("the payload's key id differs from the code's");
        }
        VoucherBenefit benefit;
        String[] b = fields[1].split(":", -1);
        if (b.length == 3 && b[0].equals("A") && DIGITS.matcher(b[1]).matches() && CURRENCY.matcher(b[2]).matches()) {
            Currency currency;
            try {
                currency = Currency.getInstance(b[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown currency " + b[2], e);
            }
            benefit = new VoucherBenefit.AmountOff(Money.ofMinor(Long.parseLong(b[1]), currency));
        } else if (b.length == 2 && b[0].equals("P")) {
            benefit = new VoucherBenefit.Product(b[1]);
        } else {
            throw new IllegalArgumentException("the benefit is neither A:<minor>:<currency> nor P:<product>");
        }
        if (!DIGITS.matcher(fields[3]).matches()) {
            throw new IllegalArgumentException("the expiry is not a number of seconds");
        }
        return new Voucher(fields[0], benefit, fields[2], Instant.ofEpochSecond(Long.parseLong(fields[3])), fields[4], fields[5]);
    }

    /** Decodes unpadded base64url, or null if it is not canonical or (for expected ≥ 0) not that many bytes. */
    private static byte[] decodeCanonical(String text, int expectedBytes) {
        if (text.isEmpty() || !BASE64URL.matcher(text).matches() || text.length() % 4 == 1) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (expectedBytes >= 0 && bytes.length != expectedBytes) {
            return null;
        }
        // Unused low bits of the last character must be zero: one spelling per byte string.
        return base64(bytes).equals(text) ? bytes : null;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] mac(byte[] secret, String signed) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }

    private static VoucherCheck refused(VoucherRefusal reason, String detail) {
        return new VoucherCheck.Refused(reason, detail);
    }

    /**
     * {@code text} safe for a log line: printable ASCII kept, anything else as {@code \\uXXXX}, at
     * most 64 characters shown.
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int limit = Math.min(text.length(), 64);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        if (text.length() > limit) {
            out.append("… (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
