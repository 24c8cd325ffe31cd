package pos.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds a {@link TillConfig} from, in rising precedence: built-in defaults, a properties file
 * ({@code --config FILE}), environment variables ({@code POS_*}) and command-line options. Each
 * setting has one property name and one environment variable:
 *
 * <pre>
 * property             environment            default
 * pos.data.dir         POS_DATA_DIR           $XDG_DATA_HOME/countertop-pos or ~/.local/share/countertop-pos
 * pos.till.id          POS_TILL_ID            till-1
 * pos.locale           POS_LOCALE             en-US
 * pos.catalog          POS_CATALOG            (the bundled sample catalog)
 * pos.redis.url        POS_REDIS_URL          (none: sync off)
 * pos.redis.user       POS_REDIS_USER         (none: no login) the store Redis's ACL user, e.g. pos-till
 * pos.redis.passwordFile POS_REDIS_PASSWORD_FILE (none) its password, a 0600 file (or the password in POS_REDIS_PASSWORD)
 * pos.redis.caFile     POS_REDIS_CA_FILE      (the JDK's CAs) the PEM CA of a rediss:// Redis's certificate
 * pos.scanner.maxGapMs POS_SCANNER_MAX_GAP_MS 50
 * pos.scanner.prefix   POS_SCANNER_PREFIX     (empty)
 * pos.scanner.suffix   POS_SCANNER_SUFFIX     (empty)
 * pos.customerDisplay  POS_CUSTOMER_DISPLAY   false
 * pos.merchant.id      POS_MERCHANT_ID        store-1
 * pos.gateway.pinKey   POS_GATEWAY_PIN_KEY    sandbox-pin-key (the sandbox gateway's)
 * pos.store.id         POS_STORE_ID           store-1
 * pos.webcam           POS_WEBCAM             off (auto, simulated, or a camera's name)
 * pos.voucher.keys     POS_VOUCHER_KEYS       the sandbox voucher key
 * pos.signin           POS_SIGNIN             auto (required once the store has a clerk; required, off)
 * pos.fingerprint      POS_FINGERPRINT        auto (off, virtual-image:SOCKET)
 * pos.people.printKeys POS_PRINT_KEYS         (the key file print-keys in the data directory)
 * pos.hub.credentialFile POS_HUB_CREDENTIAL_FILE (none) this till's credential from the hub, a 0600 file
 *                                             (or the credential itself in POS_HUB_CREDENTIAL)
 * pos.hub.trustStore   POS_HUB_TRUSTSTORE     (the JDK's CAs) the hub's certificate or CA, PEM or PKCS12
 * pos.gateway.url      POS_GATEWAY_URL        (none: QR and pay-code tenders off)
 * pos.hub.url          POS_HUB_URL            (none)
 * pos.pay.qrTimeoutSeconds POS_QR_TIMEOUT_SECONDS 30
 * pos.rules.ownerPublicKey POS_RULES_OWNER_PUBLIC_KEY (none: rule updates off) owner.pub, base64, or unsigned-demo
 * pos.hub.publicKey    POS_HUB_PUBLIC_KEY     (none: only the till's own gateway calls count) the hub's result key,
 *                                             base64 X.509 or a file holding it (hub.pub)
 * pos.demo             POS_DEMO               true when nothing else is configured, else false
 * </pre>
 *
 * <p>Outside demo mode the till refuses the sandbox's built-in PIN key and voucher key, which everybody
 * can read in this project's source (issue 10); in demo mode it uses them and says so on the status bar.
 *
 * Stateless and thread-safe.
 */
public final class ConfigLoader {

    /** Property name → environment variable. */
    static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    /** Settings a till once had that now belong to the store hub only: refused with a sentence, never ignored. */
    static final java.util.Set<String> HUB_ONLY = java.util.Set.of("pos.mariadb.url", "pos.mariadb.user", "pos.mariadb.password",
            "pos.archive.batch");

    static {
        SETTINGS.put("pos.data.dir", "POS_DATA_DIR");
        SETTINGS.put("pos.till.id", "POS_TILL_ID");
        SETTINGS.put("pos.locale", "POS_LOCALE");
        SETTINGS.put("pos.catalog", "POS_CATALOG");
        SETTINGS.put("pos.redis.url", "POS_REDIS_URL");
        SETTINGS.put("pos.redis.user", "POS_REDIS_USER");
        SETTINGS.put("pos.redis.passwordFile", "POS_REDIS_PASSWORD_FILE");
        SETTINGS.put("pos.redis.caFile", "POS_REDIS_CA_FILE");
        SETTINGS.put("pos.scanner.maxGapMs", "POS_SCANNER_MAX_GAP_MS");
        SETTINGS.put("pos.scanner.prefix", "POS_SCANNER_PREFIX");
        SETTINGS.put("pos.scanner.suffix", "POS_SCANNER_SUFFIX");
        SETTINGS.put("pos.customerDisplay", "POS_CUSTOMER_DISPLAY");
        SETTINGS.put("pos.merchant.id", "POS_MERCHANT_ID");
        SETTINGS.put("pos.gateway.pinKey", "POS_GATEWAY_PIN_KEY");
        SETTINGS.put("pos.store.id", "POS_STORE_ID");
        SETTINGS.put("pos.webcam", "POS_WEBCAM");
        SETTINGS.put("pos.voucher.keys", "POS_VOUCHER_KEYS");
        SETTINGS.put("pos.signin", "POS_SIGNIN");
        SETTINGS.put("pos.fingerprint", "POS_FINGERPRINT");
        SETTINGS.put("pos.people.printKeys", "POS_PRINT_KEYS");
        SETTINGS.put("pos.hub.credentialFile", "POS_HUB_CREDENTIAL_FILE");
        SETTINGS.put("pos.hub.trustStore", "POS_HUB_TRUSTSTORE");
        SETTINGS.put("pos.gateway.url", "POS_GATEWAY_URL");
        SETTINGS.put("pos.hub.url", "POS_HUB_URL");
        SETTINGS.put("pos.pay.qrTimeoutSeconds", "POS_QR_TIMEOUT_SECONDS");
        SETTINGS.put("pos.rules.ownerPublicKey", "POS_RULES_OWNER_PUBLIC_KEY");
        SETTINGS.put("pos.hub.publicKey", "POS_HUB_PUBLIC_KEY");
        SETTINGS.put("pos.demo", "POS_DEMO");
    }

    /**
     * @param configFile  the file given with {@code --config}, or null
     * @param environment the process environment (tests pass their own map)
     * @param overrides   settings from the command line, by property name
     * @param home        the user's home directory, for the default data dir
     * @throws ConfigException with the setting's name and the bad value
     */
    public TillConfig load(Path configFile, Map<String, String> environment, Map<String, String> overrides, Path home) {
        Map<String, String> values = new LinkedHashMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (NoSuchFileException e) {
                throw new ConfigException("config file " + configFile + " does not exist", e);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + configFile + ": " + e.getMessage(), e);
            }
            for (String name : file.stringPropertyNames()) {
                if (HUB_ONLY.contains(name)) {
                    throw new ConfigException("'" + name + "' in " + configFile + " is not a till setting: a till never"
                            + " writes the store database; the store hub archives the sales (./pos hub --mariadb ...)."
                            + " Remove it from the till's configuration.", null);
                }
                if (!SETTINGS.containsKey(name)) {
                    throw new ConfigException("unknown setting '" + name + "' in " + configFile
                            + "; known settings: " + String.join(", ", SETTINGS.keySet()), null);
                }
                values.put(name, file.getProperty(name).strip());
            }
        }
        SETTINGS.forEach((property, variable) -> {
            String fromEnv = environment.get(variable);
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(property, fromEnv.strip());
            }
        });
        overrides.forEach((property, value) -> {
            if (value != null && HUB_ONLY.contains(property)) {
                throw new ConfigException("'" + property + "' is not a till setting: a till never writes the store database;"
                        + " the store hub archives the sales (./pos hub --mariadb ...).", null);
            }
            if (value != null) {
                values.put(property, value);
            }
        });

        boolean nothingConfigured = configFile == null && values.keySet().stream().allMatch(NOT_CONFIGURATION::contains);
        boolean demo = values.containsKey("pos.demo") ? booleanSetting(values, "pos.demo") : nothingConfigured;
        String pinKey = values.getOrDefault("pos.gateway.pinKey", SANDBOX_PIN_KEY);
        String voucherKeys = values.getOrDefault("pos.voucher.keys", SANDBOX_VOUCHER_KEYS);
        Path dataDir = Optional.ofNullable(values.get("pos.data.dir")).map(Path::of)
                .orElseGet(() -> defaultDataDir(environment, home));
        String tillId = values.getOrDefault("pos.till.id", "till-1");
        if (!tillId.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new ConfigException("pos.till.id must be 1 to 32 letters, digits, '.', '_' or '-': '" + tillId + "'", null);
        }
        Locale locale = Locale.forLanguageTag(values.getOrDefault("pos.locale", "en-US"));
        String merchantId = values.getOrDefault("pos.merchant.id", "store-1");
        if (!merchantId.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new ConfigException("pos.merchant.id must be 1 to 32 letters, digits, '.', '_' or '-': '" + merchantId + "'", null);
        }
        String storeId = values.getOrDefault("pos.store.id", "store-1");
        if (!storeId.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new ConfigException("pos.store.id must be 1 to 32 letters, digits, '_' or '-': '" + storeId + "'", null);
        }
        TillConfig config = new TillConfig(
                dataDir.toAbsolutePath(),
                tillId,
                locale,
                Optional.ofNullable(values.get("pos.catalog")).filter(s -> !s.isBlank()).map(Path::of),
                Optional.ofNullable(values.get("pos.redis.url")).filter(s -> !s.isBlank()),
                Duration.ofMillis(intSetting(values, "pos.scanner.maxGapMs", 50, 5, 1_000)),
                values.getOrDefault("pos.scanner.prefix", ""),
                values.getOrDefault("pos.scanner.suffix", ""),
                booleanSetting(values, "pos.customerDisplay"),
                httpUrl(values, "pos.gateway.url"),
                httpUrl(values, "pos.hub.url"),
                Duration.ofSeconds(intSetting(values, "pos.pay.qrTimeoutSeconds", 30, 5, 600)),
                merchantId,
                pinKey,
                storeId,
                voucherKeys,
                webcam(values),
                signIn(values),
                fingerprint(values),
                Optional.ofNullable(values.get("pos.people.printKeys")).filter(s -> !s.isBlank()),
                Optional.ofNullable(values.get("pos.hub.credentialFile")).filter(s -> !s.isBlank()).map(Path::of),
                rulesOwnerPublicKey(values),
                hubPublicKey(values),
                demo,
                Optional.ofNullable(values.get("pos.hub.trustStore")).filter(s -> !s.isBlank()).map(Path::of),
                Optional.ofNullable(values.get("pos.redis.user")).map(String::strip).filter(s -> !s.isEmpty()),
                Optional.ofNullable(values.get("pos.redis.passwordFile")).filter(s -> !s.isBlank()).map(Path::of),
                Optional.ofNullable(values.get("pos.redis.caFile")).filter(s -> !s.isBlank()).map(Path::of));
        TillRedisSettings.of(config, environment); // issue 10: a Redis login that cannot work is said now, by its setting
        // After every other check, so that a bad value is named first; issue 10: no built-in key outside demo mode.
        if (!demo && pinKey.equals(SANDBOX_PIN_KEY)) {
            throw new ConfigException("the till would use the sandbox's built-in PIN key, which anyone can read in this"
                    + " project's source: set pos.gateway.pinKey (or POS_GATEWAY_PIN_KEY) to your gateway's PIN key, or"
                    + " pos.demo=true for a demo till", null);
        }
        if (!demo && usesSandboxVoucherKey(voucherKeys)) {
            throw new ConfigException("the till would use the sandbox's built-in voucher key, which anyone can read in this"
                    + " project's source: set pos.voucher.keys (or POS_VOUCHER_KEYS) to your store's voucher keys, or"
                    + " pos.demo=true for a demo till", null);
        }
        return config;
    }

    /** Issue 10: the store owner's rule-signing public key, a file or base64, or the demo setting; checked now. */
    private static Optional<String> rulesOwnerPublicKey(Map<String, String> values) {
        Optional<String> setting = Optional.ofNullable(values.get("pos.rules.ownerPublicKey")).map(String::strip)
                .filter(s -> !s.isEmpty());
        if (setting.isPresent() && !setting.get().equals(TillConfig.UNSIGNED_RULES_DEMO)) {
            try {
                pos.contract.rules.RuleBaseSignature.ownerPublicKey(setting.get(), "pos.rules.ownerPublicKey");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + " (or " + TillConfig.UNSIGNED_RULES_DEMO
                        + " for a demo on a private machine)", e);
            }
        }
        return setting;
    }

    /** The sandbox gateway's built-in PIN key: a demo till's, never a store's. */
    public static final String SANDBOX_PIN_KEY = "sandbox-pin-key";
    /** The sandbox's built-in voucher key line: a demo till's, never a store's. */
    static final String SANDBOX_VOUCHER_KEYS = pos.core.voucher.VoucherKeys.SANDBOX_KEY_ID + "="
            + pos.core.voucher.VoucherKeys.SANDBOX_SECRET;
    /** Settings that do not make a till "configured": with only these, it starts in demo mode. */
    private static final java.util.Set<String> NOT_CONFIGURATION = java.util.Set.of("pos.data.dir", "pos.locale");

    /** True when any key of {@code keyId=secret[,...]} is the sandbox's secret (under whatever id). */
    static boolean usesSandboxVoucherKey(String voucherKeys) {
        for (String entry : voucherKeys.split(",")) {
            int equals = entry.indexOf('=');
            if (equals >= 0 && entry.substring(equals + 1).strip().equals(pos.core.voucher.VoucherKeys.SANDBOX_SECRET)) {
                return true;
            }
        }
        return false;
    }

    /** pos.hub.publicKey: the key's text itself, or a file holding it (hub.pub). */
    private static Optional<java.security.PublicKey> hubPublicKey(Map<String, String> values) {
        String raw = values.get("pos.hub.publicKey");
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        Path file = text.contains("/") || text.endsWith(".pub") ? Path.of(text) : null;
        if (file != null && Files.isRegularFile(file)) {
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new ConfigException("pos.hub.publicKey: cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            return Optional.of(pos.contract.auth.Ed25519.parsePublicKey(text, "pos.hub.publicKey"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + ": give the text of hub.pub (from ./pos hub keys init) or its file",
                    e);
        }
    }

    private static String signIn(Map<String, String> values) {
        String signIn = values.getOrDefault("pos.signin", "auto").strip().toLowerCase(Locale.ROOT);
        if (!signIn.equals("auto") && !signIn.equals("required") && !signIn.equals("off")) {
            throw new ConfigException("pos.signin must be auto, required or off: '" + signIn + "'", null);
        }
        return signIn;
    }

    private static String fingerprint(Map<String, String> values) {
        String fingerprint = values.getOrDefault("pos.fingerprint", "auto").strip();
        boolean virtual = fingerprint.startsWith(TillConfig.VIRTUAL_IMAGE)
                && fingerprint.length() > TillConfig.VIRTUAL_IMAGE.length() && fingerprint.length() < 300
                && fingerprint.chars().noneMatch(Character::isISOControl);
        if (!virtual && !fingerprint.equals("auto") && !fingerprint.equals("off")) {
            throw new ConfigException("pos.fingerprint must be auto, off or virtual-image:SOCKET: '" + fingerprint + "'", null);
        }
        return fingerprint;
    }

    private static String webcam(Map<String, String> values) {
        String webcam = values.getOrDefault("pos.webcam", "off").strip();
        if (webcam.isEmpty() || webcam.length() > 200 || webcam.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException("pos.webcam must be off, auto, simulated or a camera's name (at most 200 characters)", null);
        }
        return webcam;
    }

    static Path defaultDataDir(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("countertop-pos");
    }

    private static Optional<String> httpUrl(Map<String, String> values, String name) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String url = raw.strip().replaceAll("/+$", "");
        if (!url.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[^\\s]*)?")) {
            throw new ConfigException(name + " must be an http:// or https:// URL: '" + raw + "'", null);
        }
        return Optional.of(url);
    }

    private static boolean booleanSetting(Map<String, String> values, String name) {
        String raw = values.getOrDefault(name, "false").strip().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false: '" + raw + "'", null);
        };
    }

    private static int intSetting(Map<String, String> values, String name, int defaultValue, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ": " + value, null);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number: '" + raw + "'", e);
        }
    }
}
