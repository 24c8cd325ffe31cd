package pos.gateway.sandboxapi;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature of a gateway notification before the hub believes a word of it. The
 * sandbox gateway (in the manner of WeChat Pay v3) sends four headers: {@value #KEY_ID_HEADER}
 * names the shared secret, {@value #TIMESTAMP_HEADER} is epoch seconds, {@value #NONCE_HEADER} a
 * random string and {@value #SIGNATURE_HEADER} is
 * {@code Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body + "\n"))} over the raw
 * body bytes. Thread-safe (immutable; a {@link Mac} per call).
 *
 * <p>A notification is refused when a header is missing, the key id is unknown, the timestamp is
 * further than the allowed skew from this clock (a replay of an old capture), or the signature
 * differs; the comparison takes the same time wherever the bytes differ. A replay inside the skew
 * window is harmless: the result board's compare-and-set makes a repeated notification a no-op.
 */
public final class NotificationVerifier {

    public static final String KEY_ID_HEADER = "X-Sandbox-Key-Id";
    public static final String TIMESTAMP_HEADER = "X-Sandbox-Timestamp";
    public static final String NONCE_HEADER = "X-Sandbox-Nonce";
    public static final String SIGNATURE_HEADER = "X-Sandbox-Signature";

    private static final String ALGORITHM = "HmacSHA256";

    private final Map<String, byte[]> secrets;
    private final Duration maxSkew;
    private final Clock clock;

    /**
     * A verifier knowing {@code secretsByKeyId} (key id → shared secret, UTF-8) that accepts
     * timestamps within {@code maxSkew} of {@code clock}.
     */
    public NotificationVerifier(Map<String, String> secretsByKeyId, Duration maxSkew, Clock clock) {
        Objects.requireNonNull(secretsByKeyId, "secretsByKeyId");
        secretsByKeyId.forEach((id, secret) -> {
            if (id == null || id.isBlank() || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("a notification key needs an id and a secret: '" + id + "'");
            }
        });
        this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = secretsByKeyId.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Checks one notification.
     *
     * @param header the request's header by name (case-insensitive lookup is the caller's), null when absent
     * @param body   the raw body bytes, exactly as received
     * @return the key id that signed it
     * @throws InvalidNotificationException if it must be refused; {@link InvalidNotificationException#isSignatureFailure()} is true
     */
    public String verify(Function<String, String> header, byte[] body) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        String keyId = require(header, KEY_ID_HEADER);
        String timestamp = require(header, TIMESTAMP_HEADER);
        String nonce = require(header, NONCE_HEADER);
        String signature = require(header, SIGNATURE_HEADER);
        byte[] secret = secrets.get(keyId);
        if (secret == null) {
            throw refused("unknown key id '" + printable(keyId) + "'");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw refused(TIMESTAMP_HEADER + " is not epoch seconds: '" + printable(timestamp) + "'");
        }
        Instant sentAt = Instant.ofEpochSecond(Math.max(-31_556_889_864_403_199L, Math.min(31_556_889_864_403_199L, seconds)));
        Duration skew = Duration.between(sentAt, clock.instant()).abs();
        if (skew.compareTo(maxSkew) > 0) {
            throw refused("timestamp " + seconds + " is " + skew.toSeconds() + " s from the hub's clock (at most "
                    + maxSkew.toSeconds() + " s allowed)");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            throw refused(SIGNATURE_HEADER + " is not Base64");
        }
        byte[] expected = sign(secret, timestamp, nonce, body);
        if (!MessageDigest.isEqual(expected, given)) { // constant time for equal lengths
            throw refused("the signature does not match the body (key id '" + printable(keyId) + "')");
        }
        return keyId;
    }

    /** The Base64 signature the gateway computes; for tests and for tools that send notifications. */
    public static String signature(String secret, String timestamp, String nonce, byte[] body) {
        return Base64.getEncoder().encodeToString(sign(secret.getBytes(StandardCharsets.UTF_8), timestamp, nonce, body));
    }

    private static byte[] sign(byte[] secret, String timestamp, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            mac.update((byte) '\n');
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }

    private static String require(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw refused("header " + name + " is missing");
        }
        return value;
    }

    private static InvalidNotificationException refused(String reason) {
        return new InvalidNotificationException("notification refused: " + reason, true);
    }

    /** At most 64 printable ASCII characters of a header, for messages. */
    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
