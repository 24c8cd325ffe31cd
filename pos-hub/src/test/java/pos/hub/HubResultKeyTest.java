package pos.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import pos.contract.auth.Ed25519;
import pos.contract.pay.ResultSignature;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;

@DisplayName("The hub's result signing key: configured, throw-away on loopback, refused on a network bind (SEC-207, SEC-208)")
class HubResultKeyTest {

    private static final PaymentResult PAID = new PaymentResult("01JDRESULTKEYTEST000000000", PaymentStatus.SUCCESS, 5009,
            "EUR", PaymentMethod.QR_SHOWN, null, Instant.ofEpochMilli(1_790_000_000_000L));

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10"})
    @DisplayName("SEC-207 bound to anything but loopback without a key, the hub refuses with a sentence naming --hub-key-file")
    void networkBindWithoutKeyIsRefused(String host) {
        assertThatThrownBy(() -> HubResultKey.resolve(null, host))
                .isInstanceOf(UnableToStartHubException.class)
                .hasMessageContaining("--hub-key-file").hasMessageContaining("POS_HUB_KEY").hasMessageContaining(host);
    }

    @Test
    @DisplayName("SEC-207 on loopback without a key the hub signs with a throw-away key whose public key it tells")
    void loopbackWithoutKeyMakesAThrowAwayKey() {
        HubResultKey key = HubResultKey.resolve(null, "127.0.0.1");
        PublicKey published = key.generatedPublicKey().orElseThrow();
        String sig = ResultSignature.sign(key.privateKey(), PAID);
        assertThat(ResultSignature.verify(published, PAID, sig)).isTrue();
        assertThat(key.signed(PAID, sig)).isTrue();
    }

    @Test
    @DisplayName("SEC-208 a configured key signs; the hub knows its own signature and no other, on no other result")
    void configuredKeyKnowsOnlyItsOwnSignature() {
        PrivateKey configured = Ed25519.generate().getPrivate();
        HubResultKey key = HubResultKey.resolve(configured, "0.0.0.0");
        assertThat(key.generatedPublicKey()).isEmpty();
        String mine = ResultSignature.sign(configured, PAID);
        assertThat(key.signed(PAID, mine)).isTrue();
        assertThat(key.signed(PAID, ResultSignature.sign(Ed25519.generate().getPrivate(), PAID))).isFalse();
        assertThat(key.signed(new PaymentResult(PAID.transactionId(), PaymentStatus.SUCCESS, 100, "EUR",
                PaymentMethod.QR_SHOWN, null, PAID.updatedAt()), mine)).as("another amount").isFalse();
        assertThat(key.signed(PAID, null)).isFalse();
        assertThat(key.signed(PAID, "not a signature")).isFalse();
    }

    @Test
    @DisplayName("SEC-208 'hub keys init --out DIR' writes hub.key (0600, readable as the hub's key) and hub.pub, and never"
            + " overwrites a key")
    void keysInitWritesAPairAndNeverOverwrites(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new HubKeysMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        assertThat(cli.execute("init", "--out", dir.toString())).isZero();

        Path keyFile = dir.resolve(HubKeysMain.PRIVATE_KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        PrivateKey privateKey = Ed25519.readPrivateKey(keyFile, "the hub key");
        PublicKey publicKey = Ed25519.parsePublicKey(Files.readString(dir.resolve(HubKeysMain.PUBLIC_KEY_FILE),
                StandardCharsets.US_ASCII), "hub.pub");
        assertThat(ResultSignature.verify(publicKey, PAID, ResultSignature.sign(privateKey, PAID))).isTrue();
        assertThat(out.toString()).contains("pos.hub.publicKey=" + Ed25519.publicKeyText(publicKey))
                .doesNotContain(Ed25519.privateKeyText(privateKey));
        String before = Files.readString(keyFile);

        assertThat(cli.execute("init", "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("already holds a hub key");
        assertThat(Files.readString(keyFile)).isEqualTo(before);
    }
}
