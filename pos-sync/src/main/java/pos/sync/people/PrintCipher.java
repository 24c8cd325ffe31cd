package pos.sync.people;

import pos.contract.people.SealedPrint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import pos.core.people.StoredPrint;

/**
 * Seals and opens fingerprint templates: AES-256-GCM, a random 96-bit nonce per sealing, a
 * 128-bit tag, and as additional authenticated data {@code pos-print-v1|printId|kind|personId|finger|driver|keyId},
 * so a ciphertext copied onto another row (another person, finger or driver) fails the tag just
 * like a flipped byte. The template is in the clear only in the {@link StoredPrint} returned by
 * {@link #open}. Thread-safe.
 */
public final class PrintCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrintKeys keys;

    public PrintCipher(PrintKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** A new print id: 32 random hex digits. */
    public static String newPrintId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Seals {@code print} as record {@code printId} under the sealing key, changed at {@code updatedAt}. */
    public SealedPrint seal(String printId, StoredPrint print, long updatedAt) {
        Objects.requireNonNull(print, "print");
        String keyId = keys.sealingKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] aad = aad(printId, print.personKind().name(), print.personId(), print.finger(), print.driver(), keyId);
        byte[] template = print.template();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.sealingKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] ciphertext = cipher.doFinal(template);
            return new SealedPrint(printId, print.personKind(), print.personId(), print.finger(), print.driver(), keyId, nonce,
                    ciphertext, false, updatedAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every Java runtime; sealing print " + printId + " failed: " + e, e);
        } finally {
            java.util.Arrays.fill(template, (byte) 0);
        }
    }

    /**
     * Opens {@code sealed}.
     *
     * @throws UnableToOpenPrintException if the key is unknown here, or the tag does not match (a changed byte, a row
     *                                    moved to another person, finger or driver, or another key under the same id)
     */
    public StoredPrint open(SealedPrint sealed) {
        Objects.requireNonNull(sealed, "sealed");
        SecretKey key = keys.key(sealed.keyId()).orElseThrow(() -> new UnableToOpenPrintException("print " + sealed.printId()
                + " of " + sealed.personKind() + " " + sealed.personId() + " was sealed under key " + sealed.keyId()
                + ", which this till does not have (it has " + keys.keyIds() + "): configure that key or re-enrol the finger",
                null));
        byte[] aad = aad(sealed.printId(), sealed.personKind().name(), sealed.personId(), sealed.finger(), sealed.driver(),
                sealed.keyId());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad);
            byte[] template = cipher.doFinal(sealed.ciphertext());
            return new StoredPrint(sealed.personId(), sealed.personKind(), sealed.finger(), sealed.driver(), template);
        } catch (AEADBadTagException e) {
            throw new UnableToOpenPrintException("print " + sealed.printId() + " of " + sealed.personKind() + " "
                    + sealed.personId() + " (" + sealed.finger() + ", " + sealed.driver() + ") fails its integrity check under key "
                    + sealed.keyId() + ": it was changed, moved from another person or driver, or sealed with another key of"
                    + " that id; it is not used (re-enrol the finger)", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnableToOpenPrintException("print " + sealed.printId() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The keys it uses. */
    public PrintKeys keys() {
        return keys;
    }

    private static byte[] aad(String printId, String kind, String personId, String finger, String driver, String keyId) {
        return String.join("|", "pos-print-v1", printId, kind, personId, finger, driver, keyId)
                .getBytes(StandardCharsets.UTF_8);
    }
}
