package pos.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pos.app.config.ConfigException;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;

/**
 * The till's entry point ({@code ./pos till}). A plain main class, not an {@link Application}, so
 * the till starts from a class path without JavaFX modules on the module path. Reads the
 * configuration, points logging at the data directory, then starts the JavaFX application.
 */
@Command(name = "pos till", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = pos.app.start.TillVersion.class, // issue 14: -V printed an empty line
        description = "Runs the Countertop POS till. With nothing configured it sells standalone: "
                + "SQLite journal in the data directory, the bundled sample catalog, keyboard scanner, sync off.",
        footer = "%nEvery option can also be set in the config file or as an environment variable; see README.md.")
public final class Launcher implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep all local state (journal, logs) in DIR.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file with pos.* settings (default:"
            + " till.properties in the data directory, which the first-run set-up writes on a new data directory).")
    Path configFile;

    @Option(names = "--till-id", paramLabel = "ID", description = "This till's name in the store (default till-1).")
    String tillId;

    @Option(names = "--catalog", paramLabel = "CSV", description = "A catalog CSV instead of the bundled sample.")
    Path catalog;

    @Option(names = "--redis", paramLabel = "URL", description = "The store's Redis, e.g. redis://10.0.0.5:6379 (turns sync on).")
    String redis;

    @Option(names = "--locale", paramLabel = "TAG", description = "Language and formats, e.g. en-US, en-GB, zh-CN.")
    String locale;

    @Option(names = "--gateway", paramLabel = "URL", description = "The QR payment gateway, e.g. http://127.0.0.1:8470"
            + " (./pos gateway-sandbox); for a real --provider only a test server speaking its protocol.")
    String gateway;

    @Option(names = "--hub", paramLabel = "URL", description = "The store hub, e.g. http://10.0.0.5:8480 (./pos hub).")
    String hub;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "Who takes QR, pay-code and card payments: sandbox (default), wechatpay or alipay.")
    String provider;

    @Option(names = "--provider-credentials", paramLabel = "DIR",
            description = "The provider's credential files, mode 0600 (default: credentials in the data directory;"
                    + " or the variables POS_<PROVIDER>_<NAME>).")
    Path providerCredentials;

    @Option(names = "--customer-display", description = "Open the customer-facing window (cart, total, payment QR code).")
    Boolean customerDisplay;

    @Option(names = "--webcam", paramLabel = "CAMERA",
            description = "Scan with a webcam too: off, auto (the first camera), simulated, or a camera's name.")
    String webcam;

    @Option(names = "--fingerprint", paramLabel = "READER",
            description = "The fingerprint reader: auto (libfprint's first reader), off, or virtual-image:SOCKET.")
    String fingerprint;

    @Option(names = "--face", paramLabel = "ON_OFF",
            description = "Face recognition by the webcam (issue 16): off (default) or on. Above pos.face.pinAbove (50.00)"
                    + " a supervisor's face approves only with their PIN too: a photo of the supervisor could be held up"
                    + " to the camera; face recognition has no liveness check.")
    String face;

    @Option(names = "--signin", paramLabel = "WHEN",
            description = "Clerk sign-in: auto (once the store has a clerk), required, or off.")
    String signIn;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The till's command line, with the help's data directory (as it resolves here) and card payment needs (issue 14). */
    static CommandLine commandLine() {
        return pos.app.start.LauncherHelp.addTo(new CommandLine(new Launcher()), ConfigLoader.defaultDataDir(System.getenv(),
                Path.of(System.getProperty("user.home"))));
    }

    @Override
    public Integer call() {
        TillConfig config;
        try {
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("pos.data.dir", dataDir == null ? null : dataDir.toString());
            overrides.put("pos.till.id", tillId);
            overrides.put("pos.catalog", catalog == null ? null : catalog.toString());
            overrides.put("pos.redis.url", redis);
            overrides.put("pos.locale", locale);
            overrides.put("pos.gateway.url", gateway);
            overrides.put("pos.hub.url", hub);
            overrides.put("pos.gateway.provider", provider);
            overrides.put("pos.gateway.credentials", providerCredentials == null ? null : providerCredentials.toString());
            overrides.put("pos.customerDisplay", customerDisplay == null ? null : customerDisplay.toString());
            overrides.put("pos.webcam", webcam);
            overrides.put("pos.fingerprint", fingerprint);
            overrides.put("pos.signin", signIn);
            overrides.put("pos.face", face);
            config = new ConfigLoader().load(configFile, System.getenv(), overrides, Path.of(System.getProperty("user.home")));
            pos.app.setup.FirstRun.loadedWith(configFile, System.getenv(), overrides, Path.of(System.getProperty("user.home")));
        } catch (ConfigException e) {
            System.err.println("pos: configuration problem: " + e.getMessage());
            return 2;
        }
        // Before the first logger is made: logback.xml writes to ${pos.log.dir}.
        System.setProperty("pos.log.dir", config.dataDir().resolve("logs").toString());
        if (pos.app.setup.FirstRun.wanted(config)) {
            pos.app.start.Prewarm.start(); // issue 14: SQLite loads on the second core while JavaFX starts
        } else { // issue 14: the catalog and the journal are read on the second core while JavaFX starts
            pos.app.start.EarlyStart.begin(config, () -> Wiring.loadCatalog(config));
        }
        TillApplication.launchWith(config);
        return 0;
    }
}
