package pos.hub.rules;

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
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pos.contract.auth.Ed25519;
import pos.contract.rules.RuleBaseJson;
import pos.contract.rules.RuleBaseSignature;
import pos.hub.HubMain;
import pos.hub.HubSettings;

/** The store owner's key on the command line: {@code ./pos hub owner init} and the hub's options that take it. */
@DisplayName("SEC-3xx the store owner's rule-signing key: made, kept secret, given to the hub (issue 10)")
class OwnerKeyCommandsTest {

    private static final String HUB = "--redis redis://127.0.0.1:6379/0 --mariadb jdbc:mariadb://127.0.0.1:3306/pos"
            + " --gateway-url http://127.0.0.1:8090/ --gateway-key-id k1 --gateway-secret s1";

    @Test
    @DisplayName("SEC-314 owner init writes owner.key readable by its owner only and owner.pub; what the key signs the"
            + " public key verifies, and a second init refuses to overwrite them")
    void ownerInitWritesAKeyPairOnlyItsOwnerCanRead(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("owner");
        Run init = run("init", "--out", out.toString());

        assertThat(init.exit).as(init.err).isZero();
        Path key = out.resolve("owner.key");
        Path pub = out.resolve("owner.pub");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String privateText = Files.readString(key, StandardCharsets.UTF_8).strip();
        assertThat(init.out).contains(pub.toString()).doesNotContain(privateText);

        PrivateKey ownerKey = Ed25519.readPrivateKey(key, "owner key");
        PublicKey ownerPub = RuleBaseSignature.ownerPublicKey(pub.toString(), "owner.pub");
        String body = RuleBaseJson.write(RuleBaseJson.read("{\"rules\": []}").withVersion(3));
        String signature = RuleBaseSignature.sign(ownerKey, "store-1", 3, body);
        assertThat(RuleBaseSignature.verify(ownerPub, "store-1", 3, body, signature)).isTrue();
        assertThat(RuleBaseSignature.verify(ownerPub, "store-2", 3, body, signature)).as("another store").isFalse();
        assertThat(RuleBaseSignature.verify(ownerPub, "store-1", 4, body, signature)).as("another version").isFalse();
        assertThat(RuleBaseSignature.verify(ownerPub, "store-1", 3, body + " ", signature)).as("another body").isFalse();

        Run again = run("init", "--out", out.toString());
        assertThat(again.exit).isEqualTo(1);
        assertThat(again.err).contains("already holds an owner key");
        assertThat(Files.readString(key, StandardCharsets.UTF_8).strip()).isEqualTo(privateText);
    }

    @Test
    @DisplayName("SEC-315 the hub takes --owner-public-key as owner.pub or base64, --store-id and --rules-history-days"
            + " (365 by default), and refuses a key that is not one with a sentence naming the option")
    void theHubsRuleSigningOptions(@TempDir Path dir) throws Exception {
        PublicKey key = Ed25519.generate().getPublic();
        Path pub = dir.resolve("owner.pub");
        Files.writeString(pub, Ed25519.publicKeyText(key) + "\n");

        RuleSigning fromFile = settings(HUB + " --owner-public-key " + pub + " --store-id shop-7").ruleSigning();
        assertThat(fromFile.ownerPublicKey()).isEqualTo(key);
        assertThat(fromFile.storeId()).isEqualTo("shop-7");
        assertThat(fromFile.history()).isEqualTo(Duration.ofDays(365));

        RuleSigning fromText = settings(HUB + " --owner-public-key " + Ed25519.publicKeyText(key)
                + " --rules-history-days 30").ruleSigning();
        assertThat(fromText.ownerPublicKey()).isEqualTo(key);
        assertThat(fromText.history()).isEqualTo(Duration.ofDays(30));

        assertThat(settings(HUB).ruleSigning().ownerPublicKey()).as("none given: publishing is refused").isNull();
        assertThatThrownBy(() -> settings(HUB + " --owner-public-key c2VjcmV0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--owner-public-key").hasMessageContaining("Ed25519 public key");
        assertThatThrownBy(() -> settings(HUB + " --rules-history-days 0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rules-history-days");
    }

    private static HubSettings settings(String args) {
        HubMain main = new HubMain();
        new CommandLine(main).parseArgs(args.split(" "));
        return main.settings();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new OwnerKeyMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
