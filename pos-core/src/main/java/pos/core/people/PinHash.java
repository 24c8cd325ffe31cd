package pos.core.people;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import pos.core.text.NumericText;

/**
 * A clerk's PIN as a slow salted hash (PBKDF2WithHmacSHA256 from the JDK, 16 random salt bytes,
 * 32-byte result); the PIN itself is never kept. Stored as text:
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>[$s6]}, so the iteration count can be
 * raised later without breaking stored hashes. The optional {@code $s6} says the PIN had at least
 * {@value #SUPERVISOR_MIN_DIGITS} digits (all a supervisor's PIN may be: a 4-digit PIN falls to an
 * offline guess in seconds whatever the iteration count), so a supervisor record can be checked
 * where the PIN is unknown; it tells nothing more about the PIN. A stored iteration count outside
 * {@value #MIN_ITERATIONS}..{@value #MAX_ITERATIONS} is refused when read, never computed: a forged
 * record must not make a till spend minutes per sign-in. Immutable; thread-safe.
 */
public final class PinHash {

    /** The iterations for new hashes: about 0.1–0.3 s on a till, so guessing 10^6 PINs offline costs days. */
    public static final int DEFAULT_ITERATIONS = 310_000;
    /** The fewest digits a PIN may have. */
    public static final int MIN_DIGITS = 4;
    /** The most digits a PIN may have. */
    public static final int MAX_DIGITS = 12;
    /** The fewest digits a supervisor's PIN may have (issue 10). */
    public static final int SUPERVISOR_MIN_DIGITS = 6;
    /** The fewest PBKDF2 iterations a hash may have. */
    public static final int MIN_ITERATIONS = 1_000;
    /** The most PBKDF2 iterations a stored hash may ask for (about 1–2 s on a till); more is refused, not computed. */
    public static final int MAX_ITERATIONS = 2_000_000;
    private static final String SUPERVISOR_LENGTH_MARK = "s6";
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;
    private final boolean supervisorLength;

    private PinHash(int iterations, byte[] salt, byte[] hash, boolean supervisorLength) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
        this.supervisorLength = supervisorLength;
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
        requireIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        char[] ascii = NumericText.asciiDigits(pin);
        try {
            return new PinHash(iterations, salt, derive(ascii, salt, iterations), pin.length >= SUPERVISOR_MIN_DIGITS);
        } finally {
            Arrays.fill(ascii, '\0');
        }
    }

    /**
     * Reads a stored hash written by {@link #encoded()}.
     *
     * @throws IllegalArgumentException if {@code encoded} is not such a hash
     */
    public static PinHash parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String[] parts = encoded.split("\\$");
        if (parts.length < 4 || parts.length > 5 || !parts[0].equals(SCHEME)
                || parts.length == 5 && !parts[4].equals(SUPERVISOR_LENGTH_MARK)) {
            throw new IllegalArgumentException("not a " + SCHEME + " PIN hash (expected 4 fields separated by '$', and"
                    + " optionally '" + SUPERVISOR_LENGTH_MARK + "')");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            requireIterations(iterations); // before anything is computed with it
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8 || salt.length > 64 || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("a " + SCHEME + " PIN hash with impossible sizes: " + iterations
                        + " iterations, " + salt.length + " salt bytes, " + hash.length + " hash bytes");
            }
            return new PinHash(iterations, salt, hash, parts.length == 5);
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
        char[] ascii = NumericText.asciiDigits(pin); // "１２３４" from a full-width input method is 1234
        try {
            return MessageDigest.isEqual(hash, derive(ascii, salt, iterations));
        } finally {
            Arrays.fill(ascii, '\0');
        }
    }

    /** The text to store. */
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash)
                + (supervisorLength ? "$" + SUPERVISOR_LENGTH_MARK : "");
    }

    /** Whether the PIN had at least {@value #SUPERVISOR_MIN_DIGITS} digits (false for hashes made before this was recorded). */
    public boolean supervisorLength() {
        return supervisorLength;
    }

    /**
     * Checks that {@code pin} is one a clerk of {@code role} may have: 4 to 12 digits, and at least
     * {@value #SUPERVISOR_MIN_DIGITS} for a supervisor.
     *
     * @throws InvalidPinException with the sentence for the person choosing it
     */
    public static void requireValidFor(Role role, char[] pin) {
        requireValid(pin);
        if (role == Role.SUPERVISOR && pin.length < SUPERVISOR_MIN_DIGITS) {
            throw new InvalidPinException("a supervisor's PIN has at least " + SUPERVISOR_MIN_DIGITS + " digits (a shorter"
                    + " one is guessed in seconds from a copied hash); choose a longer one");
        }
    }

    private static void requireIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("a " + SCHEME + " PIN hash must use " + MIN_ITERATIONS + " to " + MAX_ITERATIONS
                    + " iterations, not " + iterations + "; refused without computing it");
        }
    }

    /** Its PBKDF2 iteration count. */
    public int iterations() {
        return iterations;
    }

    /**
     * Checks that a PIN is 4 to 12 digits (ASCII or full-width: the same PIN either way).
     *
     * @throws InvalidPinException if it is not
     */
    public static void requireValid(char[] pin) {
        Objects.requireNonNull(pin, "pin");
        if (pin.length < MIN_DIGITS || pin.length > MAX_DIGITS) {
            throw new InvalidPinException("a PIN has " + MIN_DIGITS + " to " + MAX_DIGITS + " digits, not " + pin.length);
        }
        for (char c : pin) {
            if (NumericText.digitValue(c) < 0) {
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
