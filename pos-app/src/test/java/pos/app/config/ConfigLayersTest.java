package pos.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11: one layering, defaults < file (--config) < environment < command line; values converted once into their
 * types; a bad value named with its setting, its value and the layer it came from.
 */
@DisplayName("Configuration layers and types (issue 11)")
class ConfigLayersTest {

    final ConfigLoader loader = new ConfigLoader();
    final Path home = Path.of("/home/clerk");

    @TempDir
    Path dir;

    /** Loads with the setting {@code key} given in the layers named (file, env, cli), each with its own value. */
    private TillConfig load(String key, String variable, String fromFile, String fromEnvironment, String fromCommandLine)
            throws Exception {
        Path file = dir.resolve("till.properties");
        Files.writeString(file, "pos.demo=true\n" + (fromFile.isEmpty() ? "" : key + "=" + fromFile + "\n"));
        Map<String, String> environment = fromEnvironment.isEmpty() ? Map.of() : Map.of(variable, fromEnvironment);
        Map<String, String> commandLine = new HashMap<>();
        if (!fromCommandLine.isEmpty()) {
            commandLine.put(key, fromCommandLine);
        }
        return loader.load(file, environment, commandLine, home);
    }

    @ParameterizedTest(name = "file ''{0}'', environment ''{1}'', command line ''{2}'' → {3}")
    @DisplayName("pos.till.id: each layer wins over the ones before it")
    @CsvSource(textBlock = """
            '',        '',       '',      till-1
            from-file, '',       '',      from-file
            from-file, from-env, '',      from-env
            '',        from-env, '',      from-env
            from-file, from-env, from-cli, from-cli
            from-file, '',       from-cli, from-cli
            """)
    void eachLayerWinsOverTheOnesBefore(String fromFile, String fromEnvironment, String fromCommandLine, String expected)
            throws Exception {
        assertThat(load("pos.till.id", "POS_TILL_ID", fromFile, fromEnvironment, fromCommandLine).tillId()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "file ''{0}'', environment ''{1}'', command line ''{2}'' → {3}")
    @DisplayName("pos.signin is an enum whatever layer it comes from, in any case")
    @CsvSource(textBlock = """
            '',       '',         '',       AUTO
            off,      '',         '',       OFF
            off,      REQUIRED,   '',       REQUIRED
            off,      required,   auto,     AUTO
            """)
    void theSignInModeIsAnEnumFromEveryLayer(String fromFile, String fromEnvironment, String fromCommandLine,
            SignInMode expected) throws Exception {
        assertThat(load("pos.signin", "POS_SIGNIN", fromFile, fromEnvironment, fromCommandLine).signIn()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} from the {1}")
    @DisplayName("a bad value is named with its setting, its value and the layer it came from")
    @CsvSource(textBlock = """
            pos.signin,            POS_SIGNIN,             sometimes, 'must be auto, required or off'
            pos.redis.requirement, POS_REDIS_REQUIREMENT,  always,    'must be optional or required'
            pos.fingerprint,       POS_FINGERPRINT,        usb,       'must be auto, off or virtual-image:SOCKET'
            pos.scanner.maxGapMs,  POS_SCANNER_MAX_GAP_MS, lots,      'must be a whole number from 5 to 1000'
            pos.pay.qrTimeoutSeconds, POS_QR_TIMEOUT_SECONDS, 3,      'must be from 5 to 600'
            pos.customerDisplay,   POS_CUSTOMER_DISPLAY,   maybe,     'must be true or false'
            """)
    void aBadValueNamesTheSettingAndItsLayer(String key, String variable, String bad, String mustBe) throws Exception {
        Path file = dir.resolve("till.properties");
        assertThatThrownBy(() -> load(key, variable, bad, "", "")).isInstanceOf(ConfigException.class)
                .hasMessage(key + " is '" + bad + "' (from the config file " + file + "): it " + mustBe);
        assertThatThrownBy(() -> load(key, variable, "", bad, "")).isInstanceOf(ConfigException.class)
                .hasMessage(key + " is '" + bad + "' (from the environment variable " + variable + "): it " + mustBe);
        assertThatThrownBy(() -> load(key, variable, "", "", bad)).isInstanceOf(ConfigException.class)
                .hasMessage(key + " is '" + bad + "' (from the command line): it " + mustBe);
    }

    @Test
    @DisplayName("a good value in a later layer hides a bad one in an earlier layer: only what is in force is converted")
    void onlyTheValueInForceIsConverted() throws Exception {
        assertThat(load("pos.signin", "POS_SIGNIN", "sometimes", "off", "").signIn()).isEqualTo(SignInMode.OFF);
    }

    @Test
    @DisplayName("webcam, fingerprint and Redis requirement are typed once: modes, the camera's name, the socket, durations")
    void choicesAreTypedOnce() {
        TillConfig named = loader.load(null, Map.of("POS_DEMO", "true"), Map.of("pos.webcam", "USB Camera (046d:0825)",
                "pos.fingerprint", "virtual-image:/run/pos/fp.sock", "pos.redis.requirement", "required",
                "pos.scanner.maxGapMs", "70"), home);
        assertThat(named.webcam()).isEqualTo(new WebcamSetting(WebcamMode.NAMED, "USB Camera (046d:0825)"));
        assertThat(named.fingerprint().mode()).isEqualTo(FingerprintMode.VIRTUAL_IMAGE);
        assertThat(named.fingerprint().virtualImageSocket()).contains(Path.of("/run/pos/fp.sock"));
        assertThat(named.redisRequirement()).isEqualTo(RedisRequirement.REQUIRED);
        assertThat(named.scannerMaxGap()).isEqualTo(Duration.ofMillis(70));

        TillConfig defaults = loader.load(null, Map.of("POS_DEMO", "true"), Map.of("pos.webcam", "Simulated"), home);
        assertThat(defaults.webcam().mode()).isEqualTo(WebcamMode.SIMULATED);
        assertThat(defaults.fingerprint().mode()).isEqualTo(FingerprintMode.AUTO);
        assertThat(defaults.redisRequirement()).isEqualTo(RedisRequirement.OPTIONAL);
        assertThat(defaults.toString()).contains("webcam=simulated").contains("signIn=auto").contains("redisRequirement=optional");
    }

    @Test
    @DisplayName("SEC-210 a malformed voucher key line is named with its layer and never shown")
    void aMalformedVoucherKeyIsNamedWithoutItsText() {
        assertThatThrownBy(() -> loader.load(null, Map.of("POS_DEMO", "true", "POS_VOUCHER_KEYS", "no-equals-sign-secret"),
                Map.of(), home)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pos.voucher.keys (from the environment variable POS_VOUCHER_KEYS)")
                .hasMessageNotContaining("no-equals-sign-secret");
    }
}
