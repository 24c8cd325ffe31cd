package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.contract.auth.SecretFiles;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;
import pos.contract.people.PeopleChanges;
import pos.hub.StoreHub;
import pos.hub.UnableToStartHubException;
import pos.hub.http.HttpSecurity;
import pos.sync.pay.UnableToReachHubException;
import pos.sync.people.UnableToPullPeopleException;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The hub over HTTPS with a key store the test makes itself (keytool as a child process: a test CA
 * signs the hub's certificate), and the till's {@link HubClient} trusting that CA, and only it.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Hub HTTPS: the till's HubClient trusts the store's CA and sends its credential (issue 10)")
class HubTlsTest {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path dir;

    private HubHarness harness;
    private StoreHub hub;
    private final TillCredential till = TillCredential.issue("till-tls", new SecureRandom());
    private static final String STORE_PASSWORD = "store-pass-" + Long.toHexString(System.nanoTime());

    @BeforeAll
    void startHubWithTls() throws Exception {
        Path password = dir.resolve("storepass");
        SecretFiles.write(password, STORE_PASSWORD, "the test key stores' password");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test Store CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass:file", "storepass");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass:file", "storepass", "-file", "ca.pem");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Other CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "other.p12", "-storetype", "PKCS12", "-storepass:file", "storepass");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-storepass:file", "storepass", "-file",
                "other-ca.pem");
        keytool("-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=pos hub",
                "-validity", "2", "-keystore", "hub.p12", "-storetype", "PKCS12", "-storepass:file", "storepass");
        keytool("-certreq", "-alias", "hub", "-keystore", "hub.p12", "-storepass:file", "storepass", "-file", "hub.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass:file", "storepass", "-infile", "hub.csr",
                "-outfile", "hub.pem", "-rfc", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", "hub.p12", "-storepass:file", "storepass", "-file",
                "ca.pem");
        keytool("-importcert", "-alias", "hub", "-keystore", "hub.p12", "-storepass:file", "storepass", "-file", "hub.pem");

        harness = new HubHarness(redis, database, dir.resolve("sandbox"));
        hub = harness.startHub(b -> b.http(HttpSecurity.DEFAULTS.withTls(dir.resolve("hub.p12"), STORE_PASSWORD)
                .withTillKeys(TillKeys.of(till))));
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    @DisplayName("SEC-120 R22 over HTTPS a till trusting the store's CA pulls the people and asks for a payment with its"
            + " credential")
    void tillTrustingTheStoreCaWorksEndToEnd() {
        assertThat(hub.baseUri().getScheme()).isEqualTo("https");
        HubClient client = new HubClient(hub.baseUri(), till, HubClient.trusting(dir.resolve("ca.pem"), null),
                Duration.ofSeconds(5));

        PeopleChanges people = client.peopleSince(null);

        assertThat(people.full()).isTrue();
        assertThat(people.cursor()).isNotBlank();
        assertThat(client.paymentStatus("01JDUNKNOWNPAYMENT00000000")).as("404: the hub knows nothing of it").isEmpty();
    }

    @Test
    @DisplayName("SEC-121 a till trusting another CA refuses the hub's certificate and says it could not reach the hub")
    void tillTrustingAnotherCaRefusesTheHub() {
        HubClient client = new HubClient(hub.baseUri(), till, HubClient.trusting(dir.resolve("other-ca.pem"), null),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.peopleSince(null)).isInstanceOf(UnableToPullPeopleException.class)
                .hasMessageContaining(hub.baseUri().toString()).hasMessageNotContaining(till.text());
        assertThatThrownBy(() -> client.paymentStatus("01JDUNKNOWNPAYMENT00000000")).isInstanceOf(UnableToReachHubException.class);
    }

    @Test
    @DisplayName("SEC-122 the JDK's default trust (no store configured) does not trust the store's own CA either")
    void defaultTrustRefusesTheHub() {
        HubClient client = new HubClient(hub.baseUri(), till, null, Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.peopleSince(null)).isInstanceOf(UnableToPullPeopleException.class);
    }

    @Test
    @DisplayName("SEC-123 a till without a credential is refused the people over HTTPS too, with a sentence saying what to set")
    void tillWithoutCredentialIsRefused() {
        HubClient client = new HubClient(hub.baseUri(), null, HubClient.trusting(dir.resolve("ca.pem"), null),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.peopleSince(null)).isInstanceOf(UnableToPullPeopleException.class)
                .hasMessageContaining("401").hasMessageContaining("pos.hub.credentialFile");
    }

    @Test
    @DisplayName("SEC-124 a hub given a key store with the wrong password refuses to start with a sentence, not a stack trace")
    void wrongKeyStorePasswordIsASentence() {
        assertThatThrownBy(() -> harness.startHub(b -> b.http(HttpSecurity.DEFAULTS
                .withTls(dir.resolve("hub.p12"), "not-the-password").withTillKeys(TillKeys.of(till)))))
                .isInstanceOf(UnableToStartHubException.class)
                .hasMessageContaining("hub.p12").hasMessageContaining("wrong password")
                .hasMessageNotContaining("not-the-password");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
        assertThat(Files.exists(dir)).isTrue();
    }
}
