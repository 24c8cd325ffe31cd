package pos.gateway.sandbox.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the gateway's notifications. The signature is
 * {@code Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))} over the
 * exact body bytes, with the timestamp in epoch seconds; it travels in four headers:
 * {@value #KEY_ID_HEADER}, {@value #TIMESTAMP_HEADER}, {@value #NONCE_HEADER} and
 * {@value #SIGNATURE_HEADER}.
 *
 * <p>The gateway signs with it; a receiver (the store hub) verifies with the same key id and
 * secret:
 *
 * <pre>{@code
 * NotificationSignature signature = new NotificationSignature("sandbox-key-1", secret);
 * SignatureVerdict verdict = signature.verify(request::header, rawBodyBytes);
 * if (!verdict.isValid()) { answer 401 and ignore the body }
 * }</pre>
 *
 * <p>Verification compares in constant time and refuses timestamps further than the maximum
 * clock skew from the receiver's clock. It does not remember nonces: a receiver that must refuse
 * replays inside the skew window keeps the nonces it saw for that long (processing a
 * notification twice must be harmless anyway, since the gateway itself sends duplicates).
 *
 * <p>Has no dependency on any server library. Immutable and thread-safe.
 */
public final class NotificationSignature {

    /** Header naming the key that signed. */
    public static final String KEY_ID_HEADER = "X-Sandbox-Key-Id";
    /** Header with the signing time in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Sandbox-Timestamp";
    /** Header with a random string, unique per delivery. */
    public static final String NONCE_HEADER = "X-Sandbox-Nonce";
    /** Header with the Base64 HMAC-SHA256 signature. */
    public static final String SIGNATURE_HEADER = "X-Sandbox-Signature";
    /** How far a timestamp may be from the receiver's clock unless told otherwise: 5 minutes. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern NONCE = Pattern.compile("[0-9A-Za-z_\\-]{1,64}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final SecureRandom NONCES = new SecureRandom();

    private final String keyId;
    private final byte[] secret;
    private final Duration maxClockSkew;
    private final Clock clock;

    /**
     * Creates a signer/verifier with the default skew ({@link #DEFAULT_MAX_CLOCK_SKEW}) and the
     * system clock.
     *
     * @param keyId the key id shared with the other side
     * @param secret the shared secret, used as its UTF-8 bytes
     */
    public NotificationSignature(String keyId, String secret) {
        this(keyId, Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8),
                DEFAULT_MAX_CLOCK_SKEW, Clock.systemUTC());
    }

    /**
     * Creates a signer/verifier.
     *
     * @param keyId the key id shared with the other side, not blank
     * @param secret the shared secret bytes, not empty; copied
     * @param maxClockSkew how far a timestamp may be from {@code clock}, positive
     * @param clock the time source for signing and for the skew check
     */
    public NotificationSignature(String keyId, byte[] secret, Duration maxClockSkew, Clock clock) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("the key id must not be blank");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("the secret must not be empty");
        }
        if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
            throw new IllegalArgumentException("the maximum clock skew must be positive, was " + maxClockSkew);
        }
        this.keyId = keyId;
        this.secret = secret.clone();
        this.maxClockSkew = maxClockSkew;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The key id this instance signs with and accepts.
     *
     * @return the key id
     */
    public String keyId() {
        return keyId;
    }

    /**
     * Signs a body now, with a fresh random nonce.
     *
     * @param body the exact bytes that will be sent
     * @return the headers to send with it
     */
    public SignedHeaders sign(byte[] body) {
        byte[] random = new byte[16];
        NONCES.nextBytes(random);
        return sign(body, clock.instant().getEpochSecond(), HexFormat.of().formatHex(random));
    }

    /**
     * Signs a body with a given timestamp and nonce.
     *
     * @param body the exact bytes that will be sent
     * @param epochSeconds the signing time
     * @param nonce 1–64 characters of {@code [0-9A-Za-z_-]}
     * @return the headers to send with it
     */
    public SignedHeaders sign(byte[] body, long epochSeconds, String nonce) {
        if (epochSeconds < 0 || nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("a nonce is 1-64 characters of [0-9A-Za-z_-] and a timestamp is not negative");
        }
        return new SignedHeaders(keyId, epochSeconds, nonce, signature(secret, epochSeconds, nonce, body));
    }

    /**
     * Computes the Base64 signature of one delivery.
     *
     * @param secret the shared secret bytes
     * @param epochSeconds the signing time
     * @param nonce the nonce
     * @param body the exact body bytes
     * @return {@code Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))}
     */
    public static String signature(byte[] secret, long epochSeconds, String nonce, byte[] body) {
        return Base64.getEncoder().encodeToString(mac(secret, epochSeconds, nonce, body));
    }

    /**
     * Verifies a delivery from its headers.
     *
     * @param header looks a header up by name (case as in the constants); returns {@code null}
     *     when absent
     * @param body the exact body bytes received
     * @return the verdict
     */
    public SignatureVerdict verify(Function<String, String> header, byte[] body) {
        return verify(header.apply(KEY_ID_HEADER), header.apply(TIMESTAMP_HEADER), header.apply(NONCE_HEADER),
                header.apply(SIGNATURE_HEADER), body);
    }

    /**
     * Verifies a delivery from its header values.
     *
     * @param keyIdHeader the {@value #KEY_ID_HEADER} value, may be {@code null}
     * @param timestampHeader the {@value #TIMESTAMP_HEADER} value, may be {@code null}
     * @param nonceHeader the {@value #NONCE_HEADER} value, may be {@code null}
     * @param signatureHeader the {@value #SIGNATURE_HEADER} value, may be {@code null}
     * @param body the exact body bytes received, may be {@code null}
     * @return the verdict
     */
    public SignatureVerdict verify(String keyIdHeader, String timestampHeader, String nonceHeader,
                                   String signatureHeader, byte[] body) {
        if (keyIdHeader == null || timestampHeader == null || nonceHeader == null || signatureHeader == null
                || body == null || !TIMESTAMP.matcher(timestampHeader).matches()
                || !NONCE.matcher(nonceHeader).matches()) {
            return SignatureVerdict.MALFORMED;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(signatureHeader);
        } catch (IllegalArgumentException notBase64) {
            return SignatureVerdict.MALFORMED;
        }
        if (!MessageDigest.isEqual(keyIdHeader.getBytes(StandardCharsets.UTF_8), keyId.getBytes(StandardCharsets.UTF_8))) {
            return SignatureVerdict.UNKNOWN_KEY;
        }
        long timestamp = Long.parseLong(timestampHeader);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > maxClockSkew.toSeconds()) {
            return SignatureVerdict.STALE_TIMESTAMP;
        }
        byte[] expected = mac(secret, timestamp, nonceHeader, body);
        boolean same = MessageDigest.isEqual(expected, presented);
        Arrays.fill(expected, (byte) 0);
        return same ? SignatureVerdict.VALID : SignatureVerdict.BAD_SIGNATURE;
    }

    private static byte[] mac(byte[] secret, long epochSeconds, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((epochSeconds + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            mac.update((byte) '\n');
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // every Java platform must provide HmacSHA256, so this is a broken JRE
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "NotificationSignature[keyId=" + keyId + ", maxClockSkew=" + maxClockSkew + "]";
    }
}
