package pos.sync.hub;

import pos.hub.HubMain;
import pos.hub.HubSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

@DisplayName("Store hub: the command line")
class HubMainTest {

    private static final String GOOD = "--redis redis://127.0.0.1:6379/0 --mariadb jdbc:mariadb://127.0.0.1:3306/pos"
            + " --gateway-url http://127.0.0.1:8090/ --gateway-key-id k1 --gateway-secret s1";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a listen address without a port | --listen localhost                 | --listen must be host:port
            a Redis URL that is not one     | --redis localhost:6379             | not a Redis URI
            a JDBC URL that is not MariaDB  | --mariadb jdbc:postgresql://h/db   | jdbc
            a period that is not a duration | --reconcile-every soon             | is not a duration
            a gateway URL that is not http  | --gateway-url ftp://gateway/       | not an http(s) gateway URL
            """)
    @DisplayName("bad options exit with code 2 and a plain sentence, before anything is started")
    void badOptionsExitWithTwo(String what, String option, String message) {
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err);
        CommandLine command = new CommandLine(new HubMain()).setErr(errWriter);
        int exit;
        PrintStream systemErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = command.execute(with(option));
        } finally {
            System.setErr(systemErr);
        }
        errWriter.flush();
        assertThat(exit).as(what).isEqualTo(2);
        assertThat(err + captured.toString(StandardCharsets.UTF_8)).containsIgnoringCase(message);
    }

    @Test
    @DisplayName("SEC-207 bound to the network without a result key the hub exits 1 naming --hub-key-file; an unsafe key file"
            + " exits 2 naming chmod 600")
    void networkBindWithoutResultKeyIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // the owner token and an explicit --plain-http given, so that the result key is what is missing
        java.nio.file.Path token = dir.resolve("owner.token");
        java.nio.file.Files.writeString(token, "an-owner-token-of-some-length\n");
        java.nio.file.Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        List<String> base = new ArrayList<>(List.of(with("--listen 0.0.0.0:0")));
        base.addAll(List.of("--owner-token-file", token.toString(), "--plain-http"));
        String[] result = run(base.toArray(String[]::new));
        assertThat(result[0]).as(result[1]).isEqualTo("1");
        assertThat(result[1]).contains("without a result signing key", "--hub-key-file", "POS_HUB_KEY");

        java.nio.file.Path open = dir.resolve("hub.key");
        java.nio.file.Files.writeString(open, pos.contract.auth.Ed25519.privateKeyText(
                pos.contract.auth.Ed25519.generate().getPrivate()));
        java.nio.file.Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of("--hub-key-file", open.toString()));
        String[] unsafe = run(args.toArray(String[]::new));
        assertThat(unsafe[0]).isEqualTo("2");
        assertThat(unsafe[1]).contains("chmod 600 " + open).doesNotContain(java.nio.file.Files.readString(open));
    }

    private static final String STORE = "--redis redis://127.0.0.1:6379/0 --mariadb jdbc:mariadb://127.0.0.1:3306/pos";

    @Test
    @DisplayName("issue 13 --provider wechatpay with an empty credentials directory exits 2 with one sentence naming the"
            + " files and variables; the sandbox's --gateway-* options are not asked for")
    void aRealProviderWithoutCredentialsExitsTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String[] result = runWith(java.util.Map.of(), (STORE + " --provider wechatpay --provider-credentials " + dir).split(" "));
        assertThat(result[0]).as(result[1]).isEqualTo("2");
        assertThat(result[1]).contains("hub: wechatpay is configured as the payment provider", "merchant-key.pem",
                dir.resolve("merchant-key.pem").toString(), "POS_WECHATPAY_MERCHANT_KEY", "POS_WECHATPAY_API_V3_KEY")
                .doesNotContain("--gateway-url").doesNotContain("Exception");
        assertThat(result[1].strip().lines()).hasSize(1);
    }

    @Test
    @DisplayName("issue 13 a provider's credential file others may read: exit 2 naming chmod 600, never its content")
    void aRealProvidersUnsafeCredentialExitsTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path key = dir.resolve("app-private-key.pem");
        java.nio.file.Files.writeString(key, "PRIVATE-KEY-TEXT-NOT-FOR-STDERR\n");
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String[] result = runWith(java.util.Map.of(), (STORE + " --provider alipay --provider-credentials " + dir).split(" "));
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).contains("chmod 600 " + key).doesNotContain("PRIVATE-KEY-TEXT-NOT-FOR-STDERR");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the sandbox without its gateway URL | --gateway-url                  | --gateway-url and --gateway-key-id
            a provider this build does not know | --provider paypal              | --provider 'paypal' is not one
            """)
    @DisplayName("issue 13 the sandbox still needs its --gateway-* options; an unknown provider is named")
    void providerOptionsAreChecked(String what, String option, String message) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(GOOD.split(" ")));
        if (option.equals("--gateway-url")) {
            int at = args.indexOf(option);
            args.remove(at + 1);
            args.remove(at);
        } else {
            args.addAll(java.util.List.of(option.split(" ")));
        }
        String[] result = runWith(java.util.Map.of(), args.toArray(String[]::new));
        assertThat(result[0]).as(what).isEqualTo("2");
        assertThat(result[1]).contains(message);
    }

    @Test
    @DisplayName("issue 13 a real provider's settings: credentials in /etc/countertop-pos/<provider> unless"
            + " --provider-credentials or POS_HUB_PROVIDER_CREDENTIALS say otherwise; --provider-url or production")
    void aRealProvidersSettings() {
        HubMain main = new HubMain().withEnvironment(java.util.Map.of());
        new CommandLine(main).parseArgs((STORE + " --provider wechatpay-v3").split(" "));
        HubSettings settings = main.settings();
        assertThat(settings.provider()).isEqualTo("wechatpay");
        assertThat(settings.gatewayUrl()).as("the provider's production address").isNull();
        assertThat(settings.notifyKeys()).isEmpty();
        assertThat(settings.toString()).contains("provider wechatpay");
        assertThat(main.providerSettings(settings).credentialsDir()).isEqualTo(java.nio.file.Path.of("/etc/countertop-pos/wechatpay"));
        assertThat(main.providerSettings(settings).baseUrl()).isNull();

        HubMain fromEnvironment = new HubMain().withEnvironment(java.util.Map.of("POS_HUB_PROVIDER_CREDENTIALS", "/srv/pos/alipay"));
        new CommandLine(fromEnvironment).parseArgs((STORE + " --provider alipay --provider-url http://127.0.0.1:8471/").split(" "));
        HubSettings alipay = fromEnvironment.settings();
        assertThat(fromEnvironment.providerSettings(alipay).credentialsDir()).isEqualTo(java.nio.file.Path.of("/srv/pos/alipay"));
        assertThat(fromEnvironment.providerSettings(alipay).baseUrl()).hasToString("http://127.0.0.1:8471/");
        assertThat(alipay.gatewayUrl()).hasToString("http://127.0.0.1:8471/");

        HubMain sandbox = new HubMain();
        new CommandLine(sandbox).parseArgs(GOOD.split(" "));
        assertThat(sandbox.settings().provider()).isEqualTo("sandbox");
    }

    /** Runs the hub's command line: {exit code, what it wrote to stderr}. */
    private static String[] run(String... args) {
        return runWith(null, args);
    }

    /** As {@link #run}, the hub reading its secrets from {@code environment} (null: the process's). */
    private static String[] runWith(java.util.Map<String, String> environment, String... args) {
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err);
        HubMain main = environment == null ? new HubMain() : new HubMain().withEnvironment(environment);
        CommandLine command = new CommandLine(main).setErr(errWriter);
        PrintStream systemErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = command.execute(args);
        } finally {
            System.setErr(systemErr);
        }
        errWriter.flush();
        return new String[] {Integer.toString(exit), err + captured.toString(StandardCharsets.UTF_8)};
    }

    /** The good options with {@code option} ("--name value") added or replacing the same option. */
    private static String[] with(String option) {
        List<String> args = new ArrayList<>(List.of(GOOD.split(" ")));
        String[] parts = option.split(" ", 2);
        int at = args.indexOf(parts[0]);
        if (at >= 0) {
            args.set(at + 1, parts[1]);
        } else {
            args.addAll(List.of(parts));
        }
        return args.toArray(String[]::new);
    }

    @Test
    @DisplayName("durations read as 500ms, 10s, 2m, 1h or ISO-8601")
    void durations() {
        HubMain.DurationConverter converter = new HubMain.DurationConverter();
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT90S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    @DisplayName("the defaults are R11's P2 = 10 s and T = 60 s, R23's 5 s, listening on 127.0.0.1:8480")
    void defaults() {
        HubMain main = new HubMain();
        new CommandLine(main).parseArgs(GOOD.split(" "));
        HubSettings settings = main.settings();
        assertThat(settings.reconcileEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.pendingThreshold()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.queryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.listenHost() + ":" + settings.listenPort()).isEqualTo("127.0.0.1:8480");
        assertThat(settings.notifyKeys()).containsEntry("k1", "s1");
        assertThat(settings.toString()).doesNotContain("s1\"").contains("notification keys [k1]");
    }

    @Test
    @DisplayName("SEC-160 the MariaDB password and the gateway secret come from 0600 files; a file others may read is refused naming chmod 600")
    void secretsFromOwnerOnlyFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path db = dir.resolve("db.password");
        java.nio.file.Path gateway = dir.resolve("gateway.secret");
        java.nio.file.Files.writeString(db, "db-pass-from-file\n");
        java.nio.file.Files.writeString(gateway, "gateway-secret-from-file\n");
        java.nio.file.Files.setPosixFilePermissions(db, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        java.nio.file.Files.setPosixFilePermissions(gateway, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        HubMain main = new HubMain();
        new CommandLine(main).parseArgs(("--redis redis://127.0.0.1:6379/0 --mariadb jdbc:mariadb://127.0.0.1:3306/pos"
                + " --gateway-url http://127.0.0.1:8090/ --gateway-key-id k1 --password-file " + db
                + " --gateway-secret-file " + gateway).split(" "));
        HubSettings settings = main.settings();
        assertThat(settings.password()).isEqualTo("db-pass-from-file");
        assertThat(settings.notifyKeys()).containsEntry("k1", "gateway-secret-from-file");
        assertThat(settings.toString()).doesNotContain("db-pass-from-file").doesNotContain("gateway-secret-from-file");

        java.nio.file.Files.setPosixFilePermissions(db, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String[] refused = run(("--redis redis://127.0.0.1:6379/0 --mariadb jdbc:mariadb://127.0.0.1:3306/pos"
                + " --gateway-url http://127.0.0.1:8090/ --gateway-key-id k1 --password-file " + db
                + " --gateway-secret-file " + gateway).split(" "));
        assertThat(refused[0]).isEqualTo("2");
        assertThat(refused[1]).contains("chmod 600 " + db).doesNotContain("db-pass-from-file");
    }
}
