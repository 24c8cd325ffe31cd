package pos.gateway.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationSignatureTest {

    private static final long NOW = 1_700_000_000L;
    private static final byte[] SECRET = "sandbox-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"id\":\"evt-1\",\"out_trade_no\":\"01J9ZQ3V8X2K7M4N6P0R5T1W3Y\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final NotificationSignature hub = signatureAt(NOW);

    private static NotificationSignature signatureAt(long epochSeconds) {
        return new NotificationSignature("sandbox-key-1", SECRET, Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
    }

    @Test
    @DisplayName("the signature is Base64(HMAC-SHA256(secret, timestamp \\n nonce \\n body \\n)), as computed by openssl")
    void signatureMatchesAnIndependentTestVector() {
        // printf '1700000000\nn0nce\n<body>\n' | openssl dgst -sha256 -hmac sandbox-secret -binary | base64
        assertThat(NotificationSignature.signature(SECRET, NOW, "n0nce", BODY))
                .isEqualTo("SeALcOEAgeuuZA35Giy/czQTv5nQExB+Besel6d6d7A=");
    }

    @Test
    @DisplayName("a signed body verifies, through header values or a header lookup")
    void signedBodyVerifies() {
        SignedHeaders headers = hub.sign(BODY);
        Map<String, String> sent = headers.asMap();

        assertThat(headers.timestamp()).isEqualTo(NOW);
        assertThat(headers.nonce()).matches("[0-9a-f]{32}");
        assertThat(hub.verify(headers.keyId(), Long.toString(headers.timestamp()), headers.nonce(),
                headers.signature(), BODY)).isEqualTo(SignatureVerdict.VALID);
        assertThat(hub.verify(sent::get, BODY)).isEqualTo(SignatureVerdict.VALID);
        assertThat(sent).containsOnlyKeys(NotificationSignature.KEY_ID_HEADER, NotificationSignature.TIMESTAMP_HEADER,
                NotificationSignature.NONCE_HEADER, NotificationSignature.SIGNATURE_HEADER);
    }

    @Test
    @DisplayName("every signing gets a fresh nonce")
    void everySigningGetsAFreshNonce() {
        assertThat(hub.sign(BODY).nonce()).isNotEqualTo(hub.sign(BODY).nonce());
    }

    @Test
    @DisplayName("a tampered body is BAD_SIGNATURE")
    void tamperedBodyIsRejected() {
        SignedHeaders headers = hub.sign(BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("evt-1", "evt-2").getBytes(StandardCharsets.UTF_8);

        assertThat(verify(hub, headers, tampered)).isEqualTo(SignatureVerdict.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("a tampered nonce or timestamp is BAD_SIGNATURE")
    void tamperedHeadersAreRejected() {
        SignedHeaders headers = hub.sign(BODY, NOW, "n0nce");

        assertThat(hub.verify(headers.keyId(), Long.toString(NOW), "n0nceX", headers.signature(), BODY))
                .isEqualTo(SignatureVerdict.BAD_SIGNATURE);
        assertThat(hub.verify(headers.keyId(), Long.toString(NOW - 1), "n0nce", headers.signature(), BODY))
                .isEqualTo(SignatureVerdict.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("a body signed with another secret is BAD_SIGNATURE; with another key id, UNKNOWN_KEY")
    void wrongKeyIsRejected() {
        NotificationSignature forger = new NotificationSignature("sandbox-key-1", "guessed".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        NotificationSignature otherKey = new NotificationSignature("other-key", SECRET, Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

        assertThat(verify(hub, forger.sign(BODY), BODY)).isEqualTo(SignatureVerdict.BAD_SIGNATURE);
        assertThat(verify(hub, otherKey.sign(BODY), BODY)).isEqualTo(SignatureVerdict.UNKNOWN_KEY);
    }

    @ParameterizedTest(name = "signed {0} s from the receiver's clock: {1}")
    @CsvSource(textBlock = """
            -301, STALE_TIMESTAMP
            -300, VALID
            0,    VALID
            300,  VALID
            301,  STALE_TIMESTAMP
            -86400, STALE_TIMESTAMP
            """)
    @DisplayName("a timestamp further than the maximum clock skew is STALE_TIMESTAMP")
    void staleTimestampIsRejected(long offsetSeconds, SignatureVerdict expected) {
        SignedHeaders headers = signatureAt(NOW + offsetSeconds).sign(BODY);

        assertThat(verify(hub, headers, BODY)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "key={0} ts={1} nonce={2} sig={3}")
    @CsvSource(nullValues = "NULL", textBlock = """
            NULL,          1700000000, n0nce,  SeALcOEAgeuuZA35Giy/czQTv5nQExB+Besel6d6d7A=
            sandbox-key-1, NULL,       n0nce,  SeALcOEAgeuuZA35Giy/czQTv5nQExB+Besel6d6d7A=
            sandbox-key-1, 1700000000, NULL,   SeALcOEAgeuuZA35Giy/czQTv5nQExB+Besel6d6d7A=
            sandbox-key-1, 1700000000, n0nce,  NULL
            sandbox-key-1, soon,       n0nce,  SeALcOEAgeuuZA35Giy/czQTv5nQExB+Besel6d6d7A=
            sandbox-key-1, -5,         n0nce,  SeALcOEAgeuuZA35Giy/czQTv5nQExB+Besel6d6d7A=
            sandbox-key-1, 1700000000, 'a b',  SeALcOEAgeuuZA35Giy/czQTv5nQExB+Besel6d6d7A=
            sandbox-key-1, 1700000000, n0nce,  '%%% not base64 %%%'
            """)
    @DisplayName("a missing or ill-formed header is MALFORMED")
    void malformedHeadersAreRejected(String keyId, String timestamp, String nonce, String signature) {
        assertThat(hub.verify(keyId, timestamp, nonce, signature, BODY)).isEqualTo(SignatureVerdict.MALFORMED);
    }

    @Test
    @DisplayName("the untampered test vector verifies, so the MALFORMED cases above fail only for their header")
    void testVectorVerifies() {
        assertThat(hub.verify("sandbox-key-1", "1700000000", "n0nce", "SeALcOEAgeuuZA35Giy/czQTv5nQExB+Besel6d6d7A=", BODY))
                .isEqualTo(SignatureVerdict.VALID);
    }

    @Test
    @DisplayName("a blank key id, an empty secret or a non-positive skew are refused at construction")
    void badConfigurationIsRefused() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> new NotificationSignature(" ", SECRET, Duration.ofMinutes(5), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotificationSignature("k", new byte[0], Duration.ofMinutes(5), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotificationSignature("k", SECRET, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SignatureVerdict verify(NotificationSignature verifier, SignedHeaders headers, byte[] body) {
        return verifier.verify(headers.asMap()::get, body);
    }
}
