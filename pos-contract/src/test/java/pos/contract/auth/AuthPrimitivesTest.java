package pos.contract.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthPrimitivesTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("SEC a secret file that others may read is refused with the chmod that fixes it, and its value is never in the message")
    void secretFilesMustBeOwnerOnly() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "top-secret-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretFiles.read(file, "the till's hub credential"))
                .isInstanceOf(UnableToReadSecretException.class)
                .hasMessageContaining("chmod 600 " + file).hasMessageContaining("the till's hub credential")
                .hasMessageNotContaining("top-secret-value");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(SecretFiles.read(file, "x")).isEqualTo("top-secret-value");
        Path written = dir.resolve("sub/new-secret");
        SecretFiles.write(written, "abc", "x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
        assertThatThrownBy(() -> SecretFiles.read(dir.resolve("missing"), "x")).hasMessageContaining("does not exist");
    }

    @Test
    @DisplayName("SEC a till credential round-trips through its text, never shows its secret, and a malformed one is refused without echo")
    void tillCredentialText() {
        TillCredential issued = TillCredential.issue("front-1", new SecureRandom());
        TillCredential read = TillCredential.parse(issued.text());
        assertThat(read.matches(issued)).isTrue();
        assertThat(read.tillId()).isEqualTo("front-1");
        assertThat(issued.toString()).doesNotContain(issued.text().substring(8));
        assertThat(TillCredential.issue("front-1", new SecureRandom()).matches(issued)).isFalse();
        assertThatThrownBy(() -> TillCredential.parse("front-1.not-a-secret"))
                .isInstanceOf(UnableToReadSecretException.class).hasMessageNotContaining("not-a-secret");
        assertThatThrownBy(() -> TillCredential.issue("bad id;", new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("SEC a signed stream entry verifies under its till's key and fails when any field, the till or the key changes")
    void entrySignatures() {
        TillCredential till = TillCredential.issue("front-1", new SecureRandom());
        TillCredential other = TillCredential.issue("front-2", new SecureRandom());
        Map<String, String> entry = EntrySignature.sign(till, Map.of("kind", "SALE_FINISHED", "tx", "01J0", "payload", "{\"total\":509}"));
        assertThat(entry).containsEntry("till", "front-1").containsKey("sig");
        assertThat(EntrySignature.verify(till.streamSigningKey(), entry)).isTrue();
        assertThat(EntrySignature.verify(other.streamSigningKey(), entry)).isFalse();
        for (String field : new String[] {"kind", "tx", "payload", "till"}) {
            Map<String, String> changed = new HashMap<>(entry);
            changed.put(field, changed.get(field) + "x");
            assertThat(EntrySignature.verify(till.streamSigningKey(), changed)).as(field).isFalse();
        }
        Map<String, String> added = new HashMap<>(entry);
        added.put("extra", "");
        assertThat(EntrySignature.verify(till.streamSigningKey(), added)).isFalse();
        Map<String, String> unsigned = new HashMap<>(entry);
        unsigned.remove("sig");
        assertThat(EntrySignature.verify(till.streamSigningKey(), unsigned)).isFalse();
        unsigned.put("sig", "%%%not base64");
        assertThat(EntrySignature.verify(till.streamSigningKey(), unsigned)).isFalse();
        // names and values cannot trade bytes: {"ab": "c"} and {"a": "bc"} sign differently
        assertThat(EntrySignature.canonical(Map.of("ab", "c"))).isNotEqualTo(EntrySignature.canonical(Map.of("a", "bc")));
    }

    @Test
    @DisplayName("SEC an Ed25519 signature verifies only for the same key and bytes; a private key file must be 0600")
    void ed25519() throws Exception {
        KeyPair pair = Ed25519.generate();
        byte[] data = "tx=01J0|status=PAID|amount=509|EUR".getBytes(StandardCharsets.UTF_8);
        String signature = Ed25519.sign(pair.getPrivate(), data);
        var publicKey = Ed25519.parsePublicKey(Ed25519.publicKeyText(pair.getPublic()), "the hub's public key");
        assertThat(Ed25519.verify(publicKey, data, signature)).isTrue();
        assertThat(Ed25519.verify(publicKey, "tx=01J0|status=PAID|amount=1|EUR".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(Ed25519.verify(Ed25519.generate().getPublic(), data, signature)).isFalse();
        assertThat(Ed25519.verify(publicKey, data, "garbage!")).isFalse();
        assertThat(Ed25519.verify(publicKey, data, null)).isFalse();
        Path keyFile = dir.resolve("hub.key");
        SecretFiles.write(keyFile, Ed25519.privateKeyText(pair.getPrivate()), "key");
        assertThat(Ed25519.verify(publicKey, data, Ed25519.sign(Ed25519.readPrivateKey(keyFile, "key"), data))).isTrue();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> Ed25519.readPrivateKey(keyFile, "the hub's signing key")).hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> Ed25519.parsePublicKey("bm90IGEga2V5", "the owner's public key"))
                .hasMessageContaining("the owner's public key");
    }

    @Test
    @DisplayName("SEC an Ed25519 signature made here is the JDK's own RFC 8032 signature, and the JDK's verifies here")
    void ed25519IsTheStandardSignature() throws Exception {
        KeyPair pair = Ed25519.generate();
        byte[] data = "pos-rules-v1|store-1|7|abc".getBytes(StandardCharsets.UTF_8);
        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(data);
        String jdkSignature = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(jdk.sign());
        assertThat(Ed25519.sign(pair.getPrivate(), data)).isEqualTo(jdkSignature);
        assertThat(Ed25519.verify(pair.getPublic(), data, jdkSignature)).isTrue();
        jdk.initVerify(pair.getPublic());
        jdk.update(data);
        assertThat(jdk.verify(java.util.Base64.getUrlDecoder().decode(Ed25519.sign(pair.getPrivate(), data)))).isTrue();
    }
}
