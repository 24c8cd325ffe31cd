package pos.core.voucher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The voucher signing keys a till or hub accepts (key id → secret), from configuration: several
 * at once during a rotation, one of them the key new vouchers are signed with. Immutable and
 * thread-safe. {@link #toString()} never shows a secret.
 *
 * <p>Configuration text: {@code keyId=secret[,keyId=secret...]} (see {@link #parse}); the first is
 * the signing key. For development the {@link #sandbox()} key ({@value #SANDBOX_KEY_ID} /
 * {@value #SANDBOX_SECRET}) is the default; a real store sets its own.
 */
public final class VoucherKeys {

    /** The development key id. */
    public static final String SANDBOX_KEY_ID = "sandbox-voucher-1";
    /** The development key; never use it in a store. */
    public static final String SANDBOX_SECRET = "sandbox-voucher-key";
    /** The shortest secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;

    private final Map<String, byte[]> secrets;
    private final String signingKeyId;

    private VoucherKeys(Map<String, byte[]> secrets, String signingKeyId) {
        this.secrets = secrets;
        this.signingKeyId = signingKeyId;
    }

    /**
     * Keys from {@code keyId → secret} (UTF-8); {@code signingKeyId} must be one of them.
     *
     * @throws IllegalArgumentException for no keys, a bad key id or a secret shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static VoucherKeys of(Map<String, String> keys, String signingKeyId) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one voucher key (key id and secret) is needed");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, secret) -> {
            if (id == null || !Voucher.KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a voucher key id is 1-32 characters of 0-9 A-Z a-z _ -: '"
                        + VoucherCodec.printable(String.valueOf(id)) + "'");
            }
            byte[] bytes = Objects.requireNonNull(secret, "secret of " + id).getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the voucher key '" + id + "' is " + bytes.length + " bytes; at least "
                        + MIN_SECRET_BYTES + " are needed");
            }
            copy.put(id, bytes);
        });
        if (!copy.containsKey(signingKeyId)) {
            throw new IllegalArgumentException("the signing key id '" + signingKeyId + "' is not among the keys " + copy.keySet());
        }
        return new VoucherKeys(Collections.unmodifiableMap(copy), signingKeyId);
    }

    /**
     * Keys from configuration text {@code keyId=secret[,keyId=secret...]}; the first signs.
     *
     * @throws IllegalArgumentException if the text is not in that form (the message never shows a secret)
     */
    public static VoucherKeys parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, String> keys = new LinkedHashMap<>();
        String first = null;
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("voucher keys are written keyId=secret[,keyId=secret...]; an entry has no"
                        + " key id or no '='");
            }
            String id = entry.substring(0, eq).strip();
            if (keys.put(id, entry.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("the voucher key id '" + VoucherCodec.printable(id) + "' is given twice");
            }
            first = first == null ? id : first;
        }
        return of(keys, first);
    }

    /** The development keys: {@value #SANDBOX_KEY_ID} = {@value #SANDBOX_SECRET}. */
    public static VoucherKeys sandbox() {
        return of(Map.of(SANDBOX_KEY_ID, SANDBOX_SECRET), SANDBOX_KEY_ID);
    }

    /** These keys signing with {@code keyId} instead. */
    public VoucherKeys signingWith(String keyId) {
        Map<String, String> text = new LinkedHashMap<>();
        secrets.forEach((id, secret) -> text.put(id, new String(secret, StandardCharsets.UTF_8)));
        return of(text, keyId);
    }

    /** The key id new vouchers are signed with. */
    public String signingKeyId() {
        return signingKeyId;
    }

    /** Every accepted key id. */
    public Set<String> keyIds() {
        return secrets.keySet();
    }

    /** The secret of {@code keyId}, a copy, if accepted. */
    Optional<byte[]> secret(String keyId) {
        byte[] secret = secrets.get(keyId);
        return secret == null ? Optional.empty() : Optional.of(Arrays.copyOf(secret, secret.length));
    }

    @Override
    public String toString() {
        return "VoucherKeys" + secrets.keySet() + " signing with " + signingKeyId;
    }
}
