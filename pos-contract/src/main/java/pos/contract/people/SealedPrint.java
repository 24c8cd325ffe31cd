package pos.contract.people;

import java.util.Arrays;
import java.util.Objects;
import pos.core.people.PersonKind;

/**
 * A print as it is stored and synced: who, which finger and driver in the clear (they are needed
 * to pick the prints to match), the template only as AES-GCM ciphertext. {@link #toString()} shows
 * no bytes. Immutable (copies its arrays).
 *
 * @param printId    the record id (32 hex digits), bound into the ciphertext
 * @param personKind clerk or member
 * @param personId   whose print
 * @param finger     which finger
 * @param driver     the driver/device type that made it
 * @param keyId      the key that sealed it
 * @param nonce      12 random bytes, new for every sealing
 * @param ciphertext the encrypted template followed by the 16-byte GCM tag
 * @param deleted    true for a print removed (kept as a tombstone so the removal syncs)
 * @param updatedAt  epoch millis of the change
 */
public record SealedPrint(String printId, PersonKind personKind, String personId, String finger, String driver, String keyId,
        byte[] nonce, byte[] ciphertext, boolean deleted, long updatedAt) {

    public SealedPrint {
        Objects.requireNonNull(printId, "printId");
        if (!printId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a print id is 32 lower-case hex digits: '" + printId + "'");
        }
        Objects.requireNonNull(personKind, "personKind");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(finger, "finger");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(keyId, "keyId");
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The same record marked deleted at {@code at}. */
    public SealedPrint asDeleted(long at) {
        return new SealedPrint(printId, personKind, personId, finger, driver, keyId, nonce, ciphertext, true, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedPrint p && printId.equals(p.printId) && personKind == p.personKind
                && personId.equals(p.personId) && finger.equals(p.finger) && driver.equals(p.driver) && keyId.equals(p.keyId)
                && Arrays.equals(nonce, p.nonce) && Arrays.equals(ciphertext, p.ciphertext) && deleted == p.deleted
                && updatedAt == p.updatedAt;
    }

    @Override
    public int hashCode() {
        return printId.hashCode() * 31 + Long.hashCode(updatedAt);
    }

    @Override
    public String toString() {
        return "SealedPrint[" + printId + ", " + personKind + " " + personId + ", " + finger + ", " + driver + ", key " + keyId
                + (deleted ? ", deleted" : "") + "]";
    }
}
