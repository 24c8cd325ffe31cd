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
 * ({@code --config FILE}), environment variables ({@code POS_*}) and command-line options (one layering,
 * {@link SettingLayer}). Each value is converted once, here, into its type (enums, durations, keys); a bad one is
 * refused with a sentence naming the setting, the value and the layer it came from. Each setting has one
 * property name and one environment variable:
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
 * pos.redis.requirement POS_REDIS_REQUIREMENT optional (the till starts offline without Redis), or required (it
 *                                             starts only when Redis answers and takes its login)
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
 * pos.face             POS_FACE               off (on): clerks and members recognised by the webcam (issue 16, R18)
 * pos.face.pinAbove    POS_FACE_PIN_ABOVE     50.00 (major units; 0: always): a supervisor's face approves an action above
 *                                             it only with their PIN too: a photo of the supervisor could be held up
 *                                             to the camera; face recognition has no liveness check
 * pos.people.printKeys POS_PRINT_KEYS         (the key file print-keys in the data directory)
 * pos.hub.credentialFile POS_HUB_CREDENTIAL_FILE (none) this till's credential from the hub, a 0600 file
 *                                             (or the credential itself in POS_HUB_CREDENTIAL)
 * pos.hub.trustStore   POS_HUB_TRUSTSTORE     (the JDK's CAs) the hub's certificate or CA, PEM or PKCS12
 * pos.gateway.url      POS_GATEWAY_URL        (none: QR and pay-code tenders off) the sandbox gateway; for a real
 *                                             provider optional: a test server speaking its protocol, else its own
 *                                             production address
 * pos.gateway.provider POS_GATEWAY_PROVIDER   sandbox (wechatpay or alipay): who takes QR, pay-code and card payments
 * pos.gateway.credentials POS_GATEWAY_CREDENTIALS (the directory credentials in the data directory) the provider's
 *                                             credential files (mode 0600); or the variables POS_<PROVIDER>_<NAME>
 * pos.hub.url          POS_HUB_URL            (none)
 * pos.pay.qrTimeoutSeconds POS_QR_TIMEOUT_SECONDS 30
 * pos.rules.ownerPublicKey POS_RULES_OWNER_PUBLIC_KEY (none: rule updates off) owner.pub, base64, or unsigned-demo
 * pos.hub.publicKey    POS_HUB_PUBLIC_KEY     (none: only the till's own gateway calls count) the hub's result key,
 *                                             base64 X.509 or a file holding it (hub.pub)
 * pos.demo             POS_DEMO               true when nothing else is configured, else false
 * pos.cart.merge       POS_CART_MERGE         true: the same product scanned again joins its line (weighed never)
 * pos.cash.largestNote POS_CASH_LARGEST_NOTE  50000 (minor units: the largest note the store takes)
 * pos.cash.plausibleNotes POS_CASH_PLAUSIBLE_NOTES 5: cash beyond the due by more than this many largest notes is
 *                                             confirmed by the clerk before it is taken
 * pos.cash.rounding    POS_CASH_ROUNDING      0 (off); 5 or 10: cash paid for the whole rest is rounded half-up to
 *                                             0.05 or 0.10 (minor units), the rounding kept in the sale's record
 * pos.discount.cashierMaxPercent POS_DISCOUNT_CASHIER_MAX_PERCENT 10: a cashier's discount above it asks a supervisor
 * pos.discount.cashierMaxMinor   POS_DISCOUNT_CASHIER_MAX_MINOR   1000 (minor units): likewise for the amount taken off
 * pos.refund.approvalAbove POS_REFUND_APPROVAL_ABOVE 5000 (minor units: a refund above it needs a supervisor)
 * pos.store.name       POS_STORE_NAME         (pos.store.id) the name at the top of every receipt
 * pos.store.address    POS_STORE_ADDRESS      (none) the receipt's address lines, separated by |
 * pos.store.taxNumber  POS_STORE_TAX_NUMBER   (none) the store's tax number, printed under the address
 * pos.receipt.idCode   POS_RECEIPT_ID_CODE    qr (or code128): how the transaction id is printed on receipts
 * pos.setup            POS_SETUP              auto: the first-run set-up opens when the configuration file is missing
 *                                             and the data directory holds no journal yet; off: never (tests, benchmarks)
 * </pre>
 *
 * <p>Issue 14: without {@code --config FILE} the file {@value #DEFAULT_FILE_NAME} in the data directory (the data
 * directory of the environment, the command line or the default) is read when it exists: the first-run set-up writes
 * it. With {@code --config FILE} the set-up writes FILE.
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
        SETTINGS.put("pos.redis.requirement", "POS_REDIS_REQUIREMENT");
        SETTINGS.put("pos.cart.merge", "POS_CART_MERGE");
        SETTINGS.put("pos.cash.largestNote", "POS_CASH_LARGEST_NOTE");
        SETTINGS.put("pos.cash.plausibleNotes", "POS_CASH_PLAUSIBLE_NOTES");
        SETTINGS.put("pos.cash.rounding", "POS_CASH_ROUNDING");
        SETTINGS.put("pos.discount.cashierMaxPercent", "POS_DISCOUNT_CASHIER_MAX_PERCENT");
        SETTINGS.put("pos.discount.cashierMaxMinor", "POS_DISCOUNT_CASHIER_MAX_MINOR");
        SETTINGS.put("pos.refund.approvalAbove", "POS_REFUND_APPROVAL_ABOVE");
        SETTINGS.put("pos.store.name", "POS_STORE_NAME");
        SETTINGS.put("pos.store.address", "POS_STORE_ADDRESS");
        SETTINGS.put("pos.store.taxNumber", "POS_STORE_TAX_NUMBER");
        SETTINGS.put("pos.receipt.idCode", "POS_RECEIPT_ID_CODE");
        SETTINGS.put("pos.gateway.provider", "POS_GATEWAY_PROVIDER"); // issue 13
        SETTINGS.put("pos.gateway.credentials", "POS_GATEWAY_CREDENTIALS");
        SETTINGS.put("pos.setup", "POS_SETUP"); // issue 14: first-run set-up
        SETTINGS.put("pos.face", "POS_FACE"); // issue 16: face authorisation
        SETTINGS.put("pos.face.pinAbove", "POS_FACE_PIN_ABOVE");
    }

    /** The built-in defaults, the first layer; pos.data.dir and pos.demo depend on the environment and the others. */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("pos.till.id", "till-1");
        DEFAULTS.put("pos.locale", "en-US");
        DEFAULTS.put("pos.scanner.maxGapMs", "50");
        DEFAULTS.put("pos.scanner.prefix", "");
        DEFAULTS.put("pos.scanner.suffix", "");
        DEFAULTS.put("pos.customerDisplay", "false");
        DEFAULTS.put("pos.merchant.id", "store-1");
        DEFAULTS.put("pos.gateway.pinKey", ConfigLoader.SANDBOX_PIN_KEY);
        DEFAULTS.put("pos.store.id", "store-1");
        DEFAULTS.put("pos.webcam", "off");
        DEFAULTS.put("pos.voucher.keys", ConfigLoader.SANDBOX_VOUCHER_KEYS);
        DEFAULTS.put("pos.signin", "auto");
        DEFAULTS.put("pos.fingerprint", "auto");
        DEFAULTS.put("pos.pay.qrTimeoutSeconds", "30");
        DEFAULTS.put("pos.redis.requirement", "optional");
        DEFAULTS.put("pos.cart.merge", "true");
        DEFAULTS.put("pos.cash.largestNote", String.valueOf(pos.core.sale.TenderLimits.DEFAULT.largestNoteMinor()));
        DEFAULTS.put("pos.cash.plausibleNotes", String.valueOf(pos.core.sale.TenderLimits.DEFAULT.notes()));
        DEFAULTS.put("pos.cash.rounding", "0");
        DEFAULTS.put("pos.discount.cashierMaxPercent", String.valueOf(pos.core.sale.DiscountLimits.DEFAULT.cashierMaxPercent()));
        DEFAULTS.put("pos.discount.cashierMaxMinor", String.valueOf(pos.core.sale.DiscountLimits.DEFAULT.cashierMaxMinor()));
        DEFAULTS.put("pos.refund.approvalAbove", "5000");
        DEFAULTS.put("pos.receipt.idCode", "qr");
        DEFAULTS.put("pos.gateway.provider", pos.gateway.provider.PaymentProviders.SANDBOX);
        DEFAULTS.put("pos.setup", "auto");
        DEFAULTS.put("pos.face", "off");
        DEFAULTS.put("pos.face.pinAbove", FaceSetting.DEFAULT_PIN_ABOVE.toPlainString());
    }

    /** Issue 14: the configuration file read from the data directory when no {@code --config FILE} is given. */
    public static final String DEFAULT_FILE_NAME = "till.properties";

    /**
     * @param configFile  the file given with {@code --config}, or null
     * @param environment the process environment (tests pass their own map)
     * @param overrides   settings from the command line, by property name
     * @param home        the user's home directory, for the default data dir
     * @throws ConfigException with the setting's name, the bad value and the layer it came from
     */
    public TillConfig load(Path configFile, Map<String, String> environment, Map<String, String> overrides, Path home) {
        // issue 14: without --config, the data directory's till.properties (written by the first-run set-up)
        Path fileToWrite = configFile != null ? configFile
                : layers(null, environment, overrides, home).path("pos.data.dir").orElseThrow().toAbsolutePath()
                        .resolve(DEFAULT_FILE_NAME);
        Path fileToRead = configFile != null ? configFile : Files.isRegularFile(fileToWrite) ? fileToWrite : null;
        ConfigValues values = layers(fileToRead, environment, overrides, home);
        // an empty --config FILE configures nothing either: the first-run set-up fills it (issue 14)
        boolean nothingConfigured = !values.anySetBesides(NOT_CONFIGURATION);
        if (values.value("pos.demo").isEmpty()) {
            values.put("pos.demo", String.valueOf(nothingConfigured), SettingLayer.DEFAULT, "");
        }
        boolean demo = values.bool("pos.demo");
        String pinKeyText = values.required("pos.gateway.pinKey");
        String voucherKeysText = values.required("pos.voucher.keys");
        pos.core.voucher.VoucherKeys voucherKeys;
        try {
            voucherKeys = pos.core.voucher.VoucherKeys.parse(voucherKeysText);
        } catch (IllegalArgumentException e) {
            // the value is a secret: the message names the setting and its layer, never the text
            throw new ConfigException("pos.voucher.keys (" + values.where("pos.voucher.keys") + "): " + e.getMessage(), e);
        }
        String tillId = matching(values, "pos.till.id", "[A-Za-z0-9_.-]{1,32}", "must be 1 to 32 letters, digits, '.', '_' or '-'");
        Locale locale = Locale.forLanguageTag(values.required("pos.locale"));
        if (locale.getLanguage().isEmpty()) {
            throw values.bad("pos.locale", "must be a language tag such as en-US, en-GB or zh-CN", null);
        }
        String merchantId = matching(values, "pos.merchant.id", "[A-Za-z0-9_.-]{1,32}",
                "must be 1 to 32 letters, digits, '.', '_' or '-'");
        String storeId = matching(values, "pos.store.id", "[A-Za-z0-9_-]{1,32}", "must be 1 to 32 letters, digits, '_' or '-'");
        Optional<String> redisUser = values.text("pos.redis.user");
        Optional<Path> redisPasswordFile = values.path("pos.redis.passwordFile");
        Optional<Path> redisCaFile = values.path("pos.redis.caFile");
        // issue 10: a Redis login that cannot work is said now, by its setting; the password is read once, here
        pos.contract.redis.RedisSettings redisLogin = TillRedisSettings.of(redisUser, redisPasswordFile, redisCaFile, environment);
        TillConfig config = new TillConfig(
                values.path("pos.data.dir").orElseThrow().toAbsolutePath(),
                tillId,
                locale,
                values.path("pos.catalog"),
                redisUrl(values),
                Duration.ofMillis(values.integer("pos.scanner.maxGapMs", 5, 1_000)),
                values.required("pos.scanner.prefix"),
                values.required("pos.scanner.suffix"),
                values.bool("pos.customerDisplay"),
                httpUrl(values, "pos.gateway.url"),
                httpUrl(values, "pos.hub.url"),
                Duration.ofSeconds(values.integer("pos.pay.qrTimeoutSeconds", 5, 600)),
                merchantId,
                pos.core.pay.PinKey.fromText(pinKeyText),
                storeId,
                voucherKeys,
                webcam(values),
                values.choice("pos.signin", SignInMode.class),
                fingerprint(values),
                values.text("pos.people.printKeys"),
                values.path("pos.hub.credentialFile"),
                rulesOwnerPublicKey(values),
                hubPublicKey(values),
                demo,
                values.path("pos.hub.trustStore"),
                redisUser,
                redisPasswordFile,
                redisCaFile,
                values.choice("pos.redis.requirement", RedisRequirement.class),
                redisLogin,
                pinKeyText.equals(SANDBOX_PIN_KEY) || usesSandboxVoucherKey(voucherKeysText),
                values.bool("pos.cart.merge"),
                new pos.core.sale.TenderLimits(values.integer("pos.cash.largestNote", 1, 1_000_000_000),
                        values.integer("pos.cash.plausibleNotes", 1, pos.core.sale.TenderLimits.MAX_NOTES)),
                new pos.core.sale.CashRounding(values.integer("pos.cash.rounding", 0, 100)),
                new pos.core.sale.DiscountLimits(values.integer("pos.discount.cashierMaxPercent", 0, 100),
                        values.integer("pos.discount.cashierMaxMinor", 0, (int) pos.core.sale.Sale.MAX_TOTAL_MINOR)),
                values.integer("pos.refund.approvalAbove", 0, 1_000_000_000),

                new ReceiptSetting(ReceiptSetting.header(values.text("pos.store.name").orElse(values.required("pos.store.id")),
                        values.text("pos.store.address").orElse(""), values.text("pos.store.taxNumber").orElse("")),
                        values.choice("pos.receipt.idCode", pos.core.receipt.ReceiptLayout.IdCode.class)),
                paymentProvider(values),
                values.path("pos.gateway.credentials").map(Path::toAbsolutePath)
                        .orElse(values.path("pos.data.dir").orElseThrow().toAbsolutePath().resolve("credentials")),
                providerEnvironment(paymentProvider(values), environment),
                fileToWrite.toAbsolutePath(),
                values.choice("pos.setup", SetupMode.class),
                face(values));
        // After every other check, so that a bad value is named first; issue 10: no built-in key outside demo mode.
        // The PIN key makes the card PIN blocks the sandbox's card payments take; WeChat Pay and Alipay take no bank
        // cards, so a till of theirs has no PIN key to set.
        if (!demo && pinKeyText.equals(SANDBOX_PIN_KEY) && !config.realProvider()) {
            throw new ConfigException("the till would use the sandbox's built-in PIN key, which anyone can read in this"
                    + " project's source: set pos.gateway.pinKey (or POS_GATEWAY_PIN_KEY) to your gateway's PIN key, or"
                    + " pos.demo=true for a demo till", null);
        }
        if (!demo && usesSandboxVoucherKey(voucherKeysText)) {
            throw new ConfigException("the till would use the sandbox's built-in voucher key, which anyone can read in this"
                    + " project's source: set pos.voucher.keys (or POS_VOUCHER_KEYS) to your store's voucher keys, or"
                    + " pos.demo=true for a demo till", null);
        }
        return config;
    }

    /** The one layering: defaults, then the file, then the environment, then the command line. */
    private static ConfigValues layers(Path configFile, Map<String, String> environment, Map<String, String> overrides,
            Path home) {
        ConfigValues values = new ConfigValues();
        DEFAULTS.forEach((key, text) -> values.put(key, text, SettingLayer.DEFAULT, ""));
        values.put("pos.data.dir", defaultDataDir(environment, home).toString(), SettingLayer.DEFAULT, "");
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (NoSuchFileException e) {
                throw new ConfigException("config file " + configFile + " does not exist (for the first-run set-up to"
                        + " write it, create it empty first: touch " + configFile + ")", e);
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
                values.put(name, file.getProperty(name), SettingLayer.FILE, configFile.toString());
            }
        }
        SETTINGS.forEach((property, variable) -> {
            String fromEnv = environment.get(variable);
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(property, fromEnv, SettingLayer.ENVIRONMENT, variable);
            }
        });
        overrides.forEach((property, value) -> {
            if (value != null && HUB_ONLY.contains(property)) {
                throw new ConfigException("'" + property + "' is not a till setting: a till never writes the store database;"
                        + " the store hub archives the sales (./pos hub --mariadb ...).", null);
            }
            if (value != null && !SETTINGS.containsKey(property)) {
                throw new ConfigException("unknown setting '" + property + "' on the command line; known settings: "
                        + String.join(", ", SETTINGS.keySet()), null);
            }
            if (value != null) {
                values.put(property, value, SettingLayer.COMMAND_LINE, "");
            }
        });
        return values;
    }

    private static String matching(ConfigValues values, String key, String pattern, String mustBe) {
        String text = values.required(key);
        if (!text.matches(pattern)) {
            throw values.bad(key, mustBe, null);
        }
        return text;
    }

    private static Optional<String> redisUrl(ConfigValues values) {
        Optional<String> url = values.text("pos.redis.url");
        url.ifPresent(text -> {
            try {
                pos.contract.redis.RedisConnections.parse(text);
            } catch (IllegalArgumentException e) {
                throw values.bad("pos.redis.url", "must be redis://host:port[/db], rediss://… for TLS, or"
                        + " redis-sentinel://host:port,…/db#primary, without a user or password", e);
            }
        });
        return url;
    }

    /** Issue 10: the store owner's rule-signing public key, a file or base64, or the demo setting; checked now. */
    private static Optional<String> rulesOwnerPublicKey(ConfigValues values) {
        Optional<String> setting = values.text("pos.rules.ownerPublicKey");
        if (setting.isPresent() && !setting.get().equals(TillConfig.UNSIGNED_RULES_DEMO)) {
            try {
                pos.contract.rules.RuleBaseSignature.ownerPublicKey(setting.get(), "pos.rules.ownerPublicKey");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + " (" + values.where("pos.rules.ownerPublicKey") + "; or "
                        + TillConfig.UNSIGNED_RULES_DEMO + " for a demo on a private machine)", e);
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
    private static final java.util.Set<String> NOT_CONFIGURATION = java.util.Set.of("pos.data.dir", "pos.locale",
            "pos.setup");

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
    private static Optional<java.security.PublicKey> hubPublicKey(ConfigValues values) {
        Optional<String> raw = values.text("pos.hub.publicKey");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String text = raw.get();
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
            throw new ConfigException(e.getMessage() + " (" + values.where("pos.hub.publicKey") + "): give the text of hub.pub"
                    + " (from ./pos hub keys init) or its file", e);
        }
    }

    /** Issue 16: pos.face (off or on) and pos.face.pinAbove (an amount in major units, e.g. 50.00). */
    private static FaceSetting face(ConfigValues values) {
        String face = values.required("pos.face").strip().toLowerCase(java.util.Locale.ROOT);
        if (!face.equals("on") && !face.equals("off")) {
            throw values.bad("pos.face", "must be off or on", null);
        }
        String raw = values.required("pos.face.pinAbove").strip();
        if (!raw.matches("[0-9]{1,9}([.][0-9]{1,3})?")) {
            throw values.bad("pos.face.pinAbove", "must be an amount like 50.00 in the store's currency (0: the PIN always)",
                    null);
        }
        java.math.BigDecimal pinAbove = new java.math.BigDecimal(raw);
        return new FaceSetting(face.equals("on"), pinAbove);
    }

    private static FingerprintSetting fingerprint(ConfigValues values) {
        String fingerprint = values.required("pos.fingerprint");
        if (fingerprint.startsWith(TillConfig.VIRTUAL_IMAGE)) {
            String socket = fingerprint.substring(TillConfig.VIRTUAL_IMAGE.length());
            if (socket.isEmpty() || socket.length() > 300 || socket.chars().anyMatch(Character::isISOControl)) {
                throw values.bad("pos.fingerprint", "must be auto, off or virtual-image:SOCKET (a socket's path)", null);
            }
            return new FingerprintSetting(FingerprintMode.VIRTUAL_IMAGE, Optional.of(Path.of(socket)));
        }
        if (fingerprint.equalsIgnoreCase("virtual-image")) {
            throw values.bad("pos.fingerprint", "must be auto, off or virtual-image:SOCKET (a socket's path)", null);
        }
        try {
            return new FingerprintSetting(values.choice("pos.fingerprint", FingerprintMode.class), Optional.empty());
        } catch (ConfigException e) {
            throw values.bad("pos.fingerprint", "must be auto, off or virtual-image:SOCKET", e);
        }
    }

    private static WebcamSetting webcam(ConfigValues values) {
        String webcam = values.required("pos.webcam");
        if (webcam.isEmpty() || webcam.length() > 200 || webcam.chars().anyMatch(Character::isISOControl)) {
            throw values.bad("pos.webcam", "must be off, auto, simulated or a camera's name (at most 200 characters)", null);
        }
        for (WebcamMode mode : WebcamMode.values()) {
            if (mode != WebcamMode.NAMED && ConfigValues.settingText(mode).equalsIgnoreCase(webcam)) {
                return new WebcamSetting(mode, "");
            }
        }
        return new WebcamSetting(WebcamMode.NAMED, webcam);
    }

    /** The data directory when none is set: $XDG_DATA_HOME/countertop-pos or ~/.local/share/countertop-pos. */
    public static Path defaultDataDir(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("countertop-pos");
    }

    /** Issue 13: pos.gateway.provider in its normal form (wechatpay-v3 is wechatpay), one this build knows. */
    private static String paymentProvider(ConfigValues values) {
        String name = pos.gateway.provider.PaymentProviders.normalise(values.required("pos.gateway.provider"));
        if (!pos.gateway.provider.PaymentProviders.NAMES.contains(name)) {
            throw values.bad("pos.gateway.provider", "must be "
                    + String.join(", ", pos.gateway.provider.PaymentProviders.NAMES), null);
        }
        return name;
    }

    /**
     * Issue 13: the provider's credential variables ({@code POS_WECHATPAY_*}) and nothing else of the environment:
     * {@link pos.gateway.provider.Secrets} reads them; they are never settings and never printed.
     */
    private static Map<String, String> providerEnvironment(String provider, Map<String, String> environment) {
        String prefix = "POS_" + provider.toUpperCase(Locale.ROOT) + "_";
        Map<String, String> credentials = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(prefix) && value != null) {
                credentials.put(name, value);
            }
        });
        return credentials;
    }

    private static Optional<String> httpUrl(ConfigValues values, String name) {
        Optional<String> raw = values.text(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String url = raw.get().replaceAll("/+$", "");
        if (!url.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[^\\s]*)?")) {
            throw values.bad(name, "must be an http:// or https:// URL", null);
        }
        return Optional.of(url);
    }
}
