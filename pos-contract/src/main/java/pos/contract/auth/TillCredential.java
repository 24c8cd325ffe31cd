package pos.contract.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A till's credential, issued by the store hub ({@code ./pos hub tills add ID}) and revocable there:
 * the till's id and a 32-byte random secret, written {@code <tillId>.<base64url secret>}. The till
 * sends it as {@code Authorization: Bearer <text>} to the hub, and signs what it writes into Redis
 * streams with a key derived from it ({@link #streamSigningKey()}), so the hub can tell a till's
 * entries from anyone else's. {@link #toString()} never shows the secret. Immutable.
 */
public final class TillCredential {

    /** Bytes of secret in a credential. */
    public static final int SECRET_BYTES = 32;

    private static final Pattern TILL_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Pattern TEXT = Pattern.compile("([A-Za-z0-9_.-]{1,32})\\.([A-Za-z0-9_-]{43})");

    /** One HmacSHA256 per thread, initialised with the key of each use: looking the algorithm up costs more than a MAC. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    });

    private final String tillId;
    private final byte[] secret;
    private final byte[] streamSigningKey; // derived once: the archivers check every entry against it

    private TillCredential(String tillId, byte[] secret) {
        this.tillId = tillId;
        this.secret = secret;
        this.streamSigningKey = hmac(secret, "pos-stream-v1".getBytes(StandardCharsets.UTF_8));
    }

    /** A new credential for {@code tillId} with a fresh secret from {@code random}. */
    public static TillCredential issue(String tillId, SecureRandom random) {
        requireTillId(tillId);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new TillCredential(tillId, secret);
    }

    /**
     * Reads a credential's text form.
     *
     * @throws UnableToReadSecretException if it is not {@code <tillId>.<43 base64url characters>}
     *         (the message does not repeat the text)
     */
    public static TillCredential parse(String text) {
        Objects.requireNonNull(text, "text");
        var matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new UnableToReadSecretException("a till credential is '<till id>.<43 characters>' as printed by"
                    + " ./pos hub tills add; this one is not (" + text.strip().length() + " characters)");
        }
        return new TillCredential(matcher.group(1), Base64.getUrlDecoder().decode(matcher.group(2)));
    }

    /** True when {@code tillId} is a till id credentials can be issued for (1–32 of {@code [A-Za-z0-9_.-]}). */
    public static boolean isTillId(String tillId) {
        return tillId != null && TILL_ID.matcher(tillId).matches();
    }

    private static void requireTillId(String tillId) {
        if (!isTillId(tillId)) {
            throw new IllegalArgumentException("a till id is 1 to 32 letters, digits, '.', '_' or '-'");
        }
    }

    /** The till this credential belongs to. */
    public String tillId() {
        return tillId;
    }

    /** The text form {@code <tillId>.<secret>}: what the till keeps in its 0600 credential file and sends as a bearer token. */
    public String text() {
        return tillId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The key this till signs its stream entries with: HMAC-SHA256(secret, "pos-stream-v1"). */
    public byte[] streamSigningKey() {
        return streamSigningKey.clone();
    }

    /** True when {@code other} holds the same till id and secret (constant time in the secret). */
    public boolean matches(TillCredential other) {
        return other != null && tillId.equals(other.tillId) && MessageDigest.isEqual(secret, other.secret);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    /** This thread's HmacSHA256, ready to take the data signed with {@code key}; used up by its {@code doFinal}. */
    static Mac mac(byte[] key) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused a " + key.length + "-byte key", e);
        }
        return mac;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TillCredential other && matches(other);
    }

    @Override
    public int hashCode() {
        return tillId.hashCode();
    }

    @Override
    public String toString() {
        return "TillCredential[" + tillId + ", secret ****]";
    }

    /** Wipes the secret from memory; the credential is useless afterwards. */
    public void wipe() {
        Arrays.fill(secret, (byte) 0);
    }
}
