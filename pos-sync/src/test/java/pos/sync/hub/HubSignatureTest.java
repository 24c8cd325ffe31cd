package pos.sync.hub;

import pos.gateway.sandboxapi.InvalidNotificationException;
import pos.gateway.sandboxapi.NotificationVerifier;
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
import pos.gateway.sandbox.api.NotificationSignature;
import pos.gateway.sandbox.api.SignedHeaders;

@DisplayName("Store hub: notification signatures")
class HubSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] BODY = "{\"id\":\"evt-1\",\"out_trade_no\":\"01KDVDNA01HVCEF4EAESFQ0BB7\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final NotificationVerifier verifier = new NotificationVerifier(Map.of("key-1", "secret-1", "key-2", "secret-2"),
            Duration.ofMinutes(5), CLOCK);

    @Test
    @DisplayName("a notification signed by the sandbox gateway's own signer is accepted (the hub does not depend on it)")
    void acceptsTheSandboxGatewaysSignature() {
        NotificationSignature sandbox = new NotificationSignature("key-2", "secret-2".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), CLOCK);
        SignedHeaders headers = sandbox.sign(BODY);
        Map<String, String> byName = Map.of(NotificationVerifier.KEY_ID_HEADER, headers.keyId(),
                NotificationVerifier.TIMESTAMP_HEADER, Long.toString(headers.timestamp()), NotificationVerifier.NONCE_HEADER, headers.nonce(),
                NotificationVerifier.SIGNATURE_HEADER, headers.signature());

        assertThat(verifier.verify(byName::get, BODY)).isEqualTo("key-2");
    }

    @ParameterizedTest(name = "sent {0} s from the hub''s clock: accepted {1}")
    @CsvSource(textBlock = """
            0,    true
            -300, true
            300,  true
            -301, false
            301,  false
            """)
    @DisplayName("timestamps further than the allowed skew are refused")
    void clockSkewIsBounded(long offsetSeconds, boolean accepted) {
        String timestamp = Long.toString(NOW.getEpochSecond() + offsetSeconds);
        Map<String, String> headers = Map.of(NotificationVerifier.KEY_ID_HEADER, "key-1",
                NotificationVerifier.TIMESTAMP_HEADER, timestamp, NotificationVerifier.NONCE_HEADER, "n1",
                NotificationVerifier.SIGNATURE_HEADER, NotificationVerifier.signature("secret-1", timestamp, "n1", BODY));
        if (accepted) {
            assertThat(verifier.verify(headers::get, BODY)).isEqualTo("key-1");
        } else {
            assertThatThrownBy(() -> verifier.verify(headers::get, BODY))
                    .isInstanceOf(InvalidNotificationException.class)
                    .hasMessageContaining("from the hub's clock");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            another key's secret,   key-1, secret-2, 'the signature does not match the body'
            an unknown key id,      key-9, secret-1, 'unknown key id ''key-9'''
            """)
    @DisplayName("a signature made with the wrong secret or an unknown key id is refused, saying why but not the secret")
    void wrongKeysAreRefused(String what, String keyId, String secret, String reason) {
        String timestamp = Long.toString(NOW.getEpochSecond());
        Map<String, String> headers = Map.of(NotificationVerifier.KEY_ID_HEADER, keyId,
                NotificationVerifier.TIMESTAMP_HEADER, timestamp, NotificationVerifier.NONCE_HEADER, "n1",
                NotificationVerifier.SIGNATURE_HEADER, NotificationVerifier.signature(secret, timestamp, "n1", BODY));

        assertThatThrownBy(() -> verifier.verify(headers::get, BODY))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining(reason)
                .hasMessageNotContaining("secret-1")
                .satisfies(e -> assertThat(((InvalidNotificationException) e).isSignatureFailure()).isTrue());
    }

    @Test
    @DisplayName("a missing header, a timestamp that is not a number and a signature that is not Base64 are refused")
    void malformedHeadersAreRefused() {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String good = NotificationVerifier.signature("secret-1", timestamp, "n1", BODY);
        assertThatThrownBy(() -> verifier.verify(Map.of(NotificationVerifier.KEY_ID_HEADER, "key-1")::get, BODY))
                .hasMessageContaining("header X-Sandbox-Timestamp is missing");
        assertThatThrownBy(() -> verifier.verify(Map.of(NotificationVerifier.KEY_ID_HEADER, "key-1",
                NotificationVerifier.TIMESTAMP_HEADER, "yesterday", NotificationVerifier.NONCE_HEADER, "n1",
                NotificationVerifier.SIGNATURE_HEADER, good)::get, BODY))
                .hasMessageContaining("is not epoch seconds");
        assertThatThrownBy(() -> verifier.verify(Map.of(NotificationVerifier.KEY_ID_HEADER, "key-1",
                NotificationVerifier.TIMESTAMP_HEADER, timestamp, NotificationVerifier.NONCE_HEADER, "n1",
                NotificationVerifier.SIGNATURE_HEADER, "%%%")::get, BODY))
                .hasMessageContaining("is not Base64");
    }
}
