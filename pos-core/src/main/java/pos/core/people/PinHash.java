package pos.core.people;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A clerk's PIN as a slow salted hash (PBKDF2WithHmacSHA256 from the JDK, 16 random salt bytes,
 * 32-byte result); the PIN itself is never kept. Stored as text:
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}, so the iteration count can be
 * raised later without breaking stored hashes. Immutable; thread-safe.
 */
public final class PinHash {

    /** The iterations for new hashes: about 0.1–0.3 s on a till, so guessing 10^6 PINs offline costs days. */
    public static final int DEFAULT_ITERATIONS = 310_000;
    /** The fewest digits a PIN may have. */
    public static final int MIN_DIGITS = 4;
    /** The most digits a PIN may have. */
    public static final int MAX_DIGITS = 12;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PinHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Hashes a new PIN with {@link #DEFAULT_ITERATIONS}.
     *
     * @throws InvalidPinException if the PIN is not 4 to 12 digits
     */
    public static PinHash of(char[] pin) {
        return of(pin, DEFAULT_ITERATIONS);
    }

    /**
     * Hashes a new PIN with {@code iterations} (tests use fewer to stay fast).
     *
     * @throws InvalidPinException if the PIN is not 4 to 12 digits
     */
    public static PinHash of(char[] pin, int iterations) {
        requireValid(pin);
        if (iterations < 1_000) {
            throw new IllegalArgumentException("at least 1000 PBKDF2 iterations: " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PinHash(iterations, salt, derive(pin, salt, iterations));
    }

    /**
     * Reads a stored hash written by {@link #encoded()}.
     *
     * @throws IllegalArgumentException if {@code encoded} is not such a hash
     */
    public static PinHash parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + " PIN hash (expected 4 fields separated by '$')");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length < 8 || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("a " + SCHEME + " PIN hash with impossible sizes: " + iterations
                        + " iterations, " + salt.length + " salt bytes, " + hash.length + " hash bytes");
            }
            return new PinHash(iterations, salt, hash);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a damaged " + SCHEME + " PIN hash: " + e.getMessage(), e);
        }
    }

    /** Whether {@code pin} is the PIN this hash was made from; compared in constant time. */
    public boolean matches(char[] pin) {
        Objects.requireNonNull(pin, "pin");
        if (pin.length < MIN_DIGITS || pin.length > MAX_DIGITS) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(pin, salt, iterations));
    }

    /** The text to store. */
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Its PBKDF2 iteration count. */
    public int iterations() {
        return iterations;
    }

    /**
     * Checks that a PIN is 4 to 12 digits.
     *
     * @throws InvalidPinException if it is not
     */
    public static void requireValid(char[] pin) {
        Objects.requireNonNull(pin, "pin");
        if (pin.length < MIN_DIGITS || pin.length > MAX_DIGITS) {
            throw new InvalidPinException("a PIN has " + MIN_DIGITS + " to " + MAX_DIGITS + " digits, not " + pin.length);
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                throw new InvalidPinException("a PIN has digits only");
            }
        }
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinHash other && iterations == other.iterations && Arrays.equals(salt, other.salt)
                && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() { // never the hash: it would let someone guess PINs offline
        return "PinHash[" + SCHEME + ", " + iterations + " iterations]";
    }
}
