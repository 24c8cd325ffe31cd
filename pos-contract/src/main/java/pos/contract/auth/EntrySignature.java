package pos.contract.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.crypto.Mac;

/**
 * The signature a till puts on each entry it writes into a Redis stream (sales, UI events, people
 * changes, ledger entries), so the hub's archivers can refuse what no till wrote. The entry carries
 * the field {@value #FIELD}: base64url of HMAC-SHA256 under the till's stream signing key
 * ({@link TillCredential#streamSigningKey()}) over every other field, sorted by name, each written
 * as {@code <length of name>:<name><length of value>:<value>} in UTF-8 (lengths in bytes), so no two
 * different entries sign the same bytes. The entry names its till in the field {@value #TILL_FIELD};
 * the hub looks that till's key up and checks the signature in constant time. Stateless.
 */
public final class EntrySignature {

    /** The field that holds the signature. */
    public static final String FIELD = "sig";
    /** The field that names the till that signed the entry. */
    public static final String TILL_FIELD = "till";

    private EntrySignature() {
    }

    /** {@code fields} with {@value #TILL_FIELD} set to the credential's till and {@value #FIELD} added. */
    public static Map<String, String> sign(TillCredential till, Map<String, String> fields) {
        Map<String, String> signed = new TreeMap<>(fields);
        signed.remove(FIELD);
        signed.put(TILL_FIELD, till.tillId());
        signed.put(FIELD, Base64.getUrlEncoder().withoutPadding().encodeToString(mac(till.streamSigningKey(), signed)));
        return signed;
    }

    /** True when {@code fields} carry a signature made with {@code streamSigningKey} over all their other fields. */
    public static boolean verify(byte[] streamSigningKey, Map<String, String> fields) {
        String given = fields.get(FIELD);
        if (given == null) {
            return false;
        }
        byte[] expected = mac(streamSigningKey, fields);
        byte[] actual;
        try {
            actual = Base64.getUrlDecoder().decode(given);
        } catch (IllegalArgumentException e) {
            return false; // not base64url: no signature of ours
        }
        return MessageDigest.isEqual(expected, actual);
    }

    /** The MAC over {@code fields}' canonical form, fed to this thread's {@code Mac} piece by piece (no copy of the whole). */
    private static byte[] mac(byte[] key, Map<String, String> fields) {
        Mac mac = TillCredential.mac(key);
        writeCanonical(fields, mac::update);
        return mac.doFinal();
    }

    static byte[] canonical(Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeCanonical(fields, out::writeBytes);
        return out.toByteArray();
    }

    /** Every field but {@value #FIELD}, sorted by name, as {@code <bytes>:<name><bytes>:<value>} in UTF-8. */
    private static void writeCanonical(Map<String, String> fields, Consumer<byte[]> out) {
        String[] names = fields.keySet().toArray(String[]::new);
        Arrays.sort(names);
        for (String name : names) {
            if (!FIELD.equals(name)) {
                String value = fields.get(name);
                byte[] n = name.getBytes(StandardCharsets.UTF_8);
                byte[] v = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
                out.accept((n.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.accept(n);
                out.accept((v.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.accept(v);
            }
        }
    }
}
