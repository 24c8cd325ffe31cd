package pos.hub;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import pos.hub.PosHubException;
import pos.hub.archive.ArchiverSettings;
import pos.contract.sale.SaleStream;

/**
 * The store hub as a process ({@code ./pos hub …}): runs until it is killed; SIGTERM stops it
 * cleanly. Bad options exit with code 2 and a plain sentence; a listen address that cannot be bound
 * exits with 1. Not thread-safe (a command-line entry point).
 *
 * <pre>
 * java -cp … pos.hub.HubMain --redis redis://10.0.0.5:6379/0 \
 *     --mariadb jdbc:mariadb://10.0.0.6:3306/pos --user pos \
 *     --listen 0.0.0.0:8480 --gateway-url http://gateway:8090/ --gateway-key-id sandbox-key-1
 * # passwords from the environment: POS_MARIADB_PASSWORD, POS_GATEWAY_SECRET
 * # issue 13, a real provider instead of the sandbox: --provider wechatpay --provider-credentials DIR (0600 files)
 * # issue 14, the packaged service: --config /etc/countertop-pos/hub.properties --secrets /etc/countertop-pos/hub-secrets.properties
 * </pre>
 */
@Command(name = "hub", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The store hub: gateway notifications, payment status API, archiver, reconciler, queue alerts.")
public final class HubMain implements Callable<Integer> {

    // --- issue 14: the packaged hub's systemd unit gives only these two files (pos.hub.config.HubConfigFiles) ---

    @Option(names = pos.hub.config.HubConfigFiles.CONFIG_OPTION, paramLabel = "FILE",
            description = "a properties file whose keys are these long options without the dashes (redis = redis://...);"
                    + " the command line wins over it. The package's is /etc/countertop-pos/hub.properties")
    java.nio.file.Path configFile;

    @Option(names = pos.hub.config.HubConfigFiles.SECRETS_OPTION, paramLabel = "FILE",
            description = "a properties file (mode 0600) with the secrets: password, gateway-secret, owner-token,"
                    + " tls-keystore-password. The package's is /etc/countertop-pos/hub-secrets.properties")
    java.nio.file.Path secretsFile;

    @Option(names = "--redis", required = true, description = "the store's Redis, redis://host:port/db")
    String redisUri;

    @Option(names = "--mariadb", required = true, description = "the store's MariaDB, jdbc:mariadb://host:port/db")
    String jdbcUrl;

    @Option(names = "--user", description = "MariaDB user")
    String user;

    @Option(names = "--password", defaultValue = "${env:POS_MARIADB_PASSWORD}", hidden = true,
            description = "MariaDB password on the command line, where ps shows it to every user of the machine: prefer"
                    + " --password-file or the environment variable POS_MARIADB_PASSWORD")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "a file (mode 0600) with the MariaDB password (default: the environment variable POS_MARIADB_PASSWORD)")
    java.nio.file.Path passwordFile;

    @Option(names = "--listen", defaultValue = HubSettings.DEFAULT_LISTEN,
            description = "host:port of the HTTP server, default ${DEFAULT-VALUE}; port 0 picks a free one")
    String listen;

    @Option(names = "--gateway-url", description = "the sandbox payment gateway's base URL, e.g. http://127.0.0.1:8090/"
            + " (needed with --provider sandbox)")
    URI gatewayUrl;

    @Option(names = "--gateway-key-id", description = "key id of the sandbox gateway's notification signatures (needed with"
            + " --provider sandbox)")
    String gatewayKeyId;

    // --- issue 13: the payment provider ---

    @Option(names = "--provider", paramLabel = "NAME", defaultValue = pos.gateway.provider.PaymentProviders.SANDBOX,
            description = "the payment provider: sandbox (default, with the --gateway-* options), wechatpay or alipay;"
                    + " its notifications arrive at POST /notify/NAME")
    String provider;

    @Option(names = "--provider-credentials", paramLabel = "DIR",
            description = "the provider's credential files, each mode 0600 (default: the environment variable"
                    + " POS_HUB_PROVIDER_CREDENTIALS, else /etc/countertop-pos/<provider>); any of them may instead be"
                    + " the variable POS_<PROVIDER>_<NAME>")
    java.nio.file.Path providerCredentials;

    @Option(names = "--provider-url", paramLabel = "URL",
            description = "a test server speaking the provider's protocol (./pos gateway-sandbox --protocol ...);"
                    + " default: the provider's production address")
    URI providerUrl;

    @Option(names = "--gateway-secret", defaultValue = "${env:POS_GATEWAY_SECRET}", hidden = true,
            description = "the notification secret on the command line, where ps shows it: prefer --gateway-secret-file or"
                    + " the environment variable POS_GATEWAY_SECRET")
    String gatewaySecret;

    @Option(names = "--gateway-secret-file", paramLabel = "FILE",
            description = "a file (mode 0600) with the shared secret of the gateway's notification signatures (default: the"
                    + " environment variable POS_GATEWAY_SECRET)")
    java.nio.file.Path gatewaySecretFile;

    @Option(names = "--consumer", description = "this hub's name in the archivers' consumer group; keep it across restarts"
            + " (default: hub-<host name>-<port>)")
    String consumerName;

    @Option(names = "--reconcile-every", defaultValue = "10s", converter = DurationConverter.class,
            description = "R11's period P2, default ${DEFAULT-VALUE}")
    Duration reconcileEvery;

    @Option(names = "--pending-threshold", defaultValue = "60s", converter = DurationConverter.class,
            description = "R11's T: pending payments older than this are asked about at the gateway, default ${DEFAULT-VALUE}")
    Duration pendingThreshold;

    @Option(names = "--query-after", defaultValue = "5s", converter = DurationConverter.class,
            description = "R23: a status request for an open order this old asks the gateway, default ${DEFAULT-VALUE}")
    Duration queryAfter;

    @Option(names = "--order-expiry", defaultValue = "2m", converter = DurationConverter.class,
            description = "an unpaid order this old is closed by the reconciler, default ${DEFAULT-VALUE}")
    Duration orderExpiry;

    @Option(names = "--monitor-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "how often the queues are measured (R12), default ${DEFAULT-VALUE}")
    Duration monitorEvery;

    @Option(names = "--queue-alert-threshold", defaultValue = "1000",
            description = "alert when more payments than this are pending, default ${DEFAULT-VALUE}")
    long pendingAlert;

    @Option(names = "--pending-age-alert", defaultValue = "5m", converter = DurationConverter.class,
            description = "alert when the oldest pending payment is older than this, default ${DEFAULT-VALUE}")
    Duration pendingAgeAlert;

    @Option(names = "--archive-backlog-alert", defaultValue = "10000",
            description = "alert when more sales than this wait to be archived, default ${DEFAULT-VALUE}")
    long archiveBacklogAlert;

    @Option(names = "--dead-letter-alert", defaultValue = "0",
            description = "alert when the dead-letter stream holds more entries than this, default ${DEFAULT-VALUE}")
    long deadLetterAlert;

    @Option(names = "--mariadb-down-alert", defaultValue = "30s", converter = DurationConverter.class,
            description = "alert when MariaDB has not answered for this long, default ${DEFAULT-VALUE}")
    Duration mariaDbDownAlert;

    @Option(names = "--batch", defaultValue = "" + ArchiverSettings.DEFAULT_BATCH_SIZE,
            description = "R9's N: most sales per MariaDB transaction, default ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--archive-period", defaultValue = "1s", converter = DurationConverter.class,
            description = "R9's period P1, default ${DEFAULT-VALUE}")
    Duration archivePeriod;

    @Option(names = "--claim-idle", defaultValue = "60s", converter = DurationConverter.class,
            description = "take over archive entries another hub left unacknowledged this long, default ${DEFAULT-VALUE}")
    Duration claimIdle;

    @Option(names = "--rules-token", defaultValue = "${env:POS_RULES_TOKEN}", hidden = true,
            description = "the older name of the owner token (default: the environment variable POS_RULES_TOKEN);"
                    + " use --owner-token-file")
    String rulesToken;

    @Option(names = "--owner-public-key", defaultValue = "${env:POS_OWNER_PUBLIC_KEY}",
            description = "the store owner's rule-signing public key: the file owner.pub from './pos hub owner init', or"
                    + " the key in base64 (default: the environment variable POS_OWNER_PUBLIC_KEY); without it the hub"
                    + " refuses every rule base")
    String ownerPublicKey;

    @Option(names = "--store-id", defaultValue = "${env:POS_STORE_ID:-" + pos.hub.rules.RuleSigning.DEFAULT_STORE_ID + "}",
            description = "the store's id, as the tills' pos.store.id; part of what the owner signs, default ${DEFAULT-VALUE}")
    String storeId;

    @Option(names = "--rules-history-days", defaultValue = "365",
            description = "keep published rule base versions this many days (the one in force always), default ${DEFAULT-VALUE}")
    int rulesHistoryDays;
    @Option(names = "--hub-key-file", description = "the hub's Ed25519 key that signs every payment result (a 0600 file made"
            + " by './pos hub keys init --out DIR'; default: the environment variable POS_HUB_KEY); without one the hub"
            + " makes a throw-away key and listens on a loopback address only")
    java.nio.file.Path hubKeyFile;

    // --- issue 10: the HTTP trust boundary (docs/hub-http.md) ---

    @Option(names = "--owner-token-file", paramLabel = "FILE",
            description = "a file (mode 0600) with the store owner's token, which rule publishing and the owner's routes"
                    + " need (default: the environment variable POS_OWNER_TOKEN)")
    java.nio.file.Path ownerTokenFile;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "a browser origin (https://pay.shop.example) that may call the hub (CORS); repeatable; default none")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = "--public-name", paramLabel = "NAME",
            description = "a host name the hub answers as (the Host header); repeatable; default: the listen host,"
                    + " localhost, 127.0.0.1, ::1")
    java.util.List<String> publicNames = new java.util.ArrayList<>();

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "a PKCS12 key store with the hub's certificate: HTTPS")
    java.nio.file.Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "a file (mode 0600) with the key store's password (default: the environment variable"
                    + " POS_HUB_TLS_PASSWORD)")
    java.nio.file.Path tlsPasswordFile;

    @Option(names = "--plain-http", description = "serve plain HTTP on a non-loopback address anyway (a warning every start)")
    boolean plainHttp;

    /** The environment the secrets come from (tests replace it). */
    private Map<String, String> environment = System.getenv();

    /** This command reading its secrets from {@code variables} instead of the process's environment (tests). */
    public HubMain withEnvironment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }
    @Option(names = "--till-credentials", description = "a file only its owner may read (chmod 600) with one till"
            + " credential per line; only stream entries those tills signed are archived (issue 10). Without it (and"
            + " without the hub's registry of tills) no till's entries are archived: they go to <stream>:unattributed")
    java.nio.file.Path tillCredentials;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pos-sync-cli-logback.xml");
        }
        HubMain command = new HubMain();
        CommandLine commandLine = new CommandLine(command);
        String[] expanded;
        try { // issue 14: --config and --secrets become options before picocli reads them
            pos.hub.config.HubConfigFiles.Expanded files = pos.hub.config.HubConfigFiles.expand(args,
                    commandLine.getCommandSpec(), System.getenv());
            command.withEnvironment(files.environment());
            expanded = files.args();
        } catch (PosHubException | pos.contract.PosContractException e) {
            System.err.println("hub: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(commandLine.execute(expanded));
    }

    @Override
    public Integer call() throws InterruptedException {
        StoreHub hub;
        pos.gateway.provider.PaymentProvider paymentProvider = null;
        try {
            HubSettings settings = settings();
            java.util.Optional<String> refusal = pos.hub.http.ListenPolicy.refusal(settings.listenHost(), settings.http());
            if (refusal.isPresent()) {
                System.err.println("hub: " + refusal.get());
                return 2;
            }
            pos.hub.http.ListenPolicy.warnings(settings.listenHost(), settings.http())
                    .forEach(w -> org.slf4j.LoggerFactory.getLogger(HubMain.class).warn("{}", w));
            if (settings.provider().equals(pos.gateway.provider.PaymentProviders.SANDBOX)) {
                hub = new StoreHub(settings);
            } else { // issue 13: a real provider's gateway for queries and closes, its notifications at /notify/NAME
                paymentProvider = pos.gateway.provider.PaymentProviders.open(providerSettings(settings));
                hub = new StoreHub(settings, paymentProvider.gateway(), java.time.Clock.systemUTC());
                hub.acceptNotifications(paymentProvider.notifications());
            }
        } catch (PosHubException | pos.contract.PosContractException | pos.gateway.PosGatewayException | IllegalArgumentException
                | NullPointerException e) {
            closeQuietly(paymentProvider);
            System.err.println("hub: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            hub.start();
        } catch (UnableToStartHubException e) {
            closeQuietly(paymentProvider);
            System.err.println("hub: " + e.getMessage());
            return 1;
        }
        pos.gateway.provider.PaymentProvider openedProvider = paymentProvider;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
            closeQuietly(openedProvider);
            stopped.countDown();
        }, "hub-shutdown"));
        stopped.await();
        return 0;
    }

    public HubSettings settings() {
        Matcher address = Pattern.compile("^\\[?([^\\]]*?)\\]?:(\\d{1,5})$").matcher(listen.strip());
        if (!address.matches()) {
            throw new IllegalArgumentException("--listen must be host:port, e.g. 127.0.0.1:8480: '" + listen + "'");
        }
        String host = address.group(1);
        int port = Integer.parseInt(address.group(2));
        // Secrets from 0600 files (or the environment); never only from the command line, where ps shows them.
        if (passwordFile != null) {
            password = pos.contract.auth.SecretFiles.read(passwordFile, "the MariaDB password (--password-file)");
        }
        if (gatewaySecretFile != null) {
            gatewaySecret = pos.contract.auth.SecretFiles.read(gatewaySecretFile,
                    "the gateway's notification secret (--gateway-secret-file)");
        }
        boolean sandbox = pos.gateway.provider.PaymentProviders.normalise(provider).equals(pos.gateway.provider.PaymentProviders.SANDBOX);
        if (sandbox && (gatewayUrl == null || gatewayKeyId == null)) {
            throw new IllegalArgumentException("the sandbox provider needs --gateway-url and --gateway-key-id (or choose"
                    + " --provider " + String.join("|", pos.gateway.provider.PaymentProviders.NAMES) + ")");
        }
        if (sandbox && (gatewaySecret == null || gatewaySecret.isEmpty())) {
            throw new IllegalArgumentException("the gateway's notification secret is missing: give --gateway-secret-file"
                    + " (a 0600 file) or set POS_GATEWAY_SECRET");
        }
        if (!sandbox && !pos.gateway.provider.PaymentProviders.NAMES.contains(pos.gateway.provider.PaymentProviders.normalise(provider))) {
            throw new IllegalArgumentException("--provider '" + provider + "' is not one this hub knows: use one of "
                    + String.join(", ", pos.gateway.provider.PaymentProviders.NAMES));
        }
        String consumer = consumerName != null ? consumerName : "hub-" + hostName() + "-" + port;
        ArchiverSettings archiver = ArchiverSettings.defaults(consumer).withStreamKey(SaleStream.KEY)
                .withBatchSize(batchSize).withPeriod(archivePeriod).withClaimMinIdle(claimIdle);
        return HubSettings.builder()
                .redis(redisUri)
                .mariaDb(jdbcUrl, user, password)
                .listen(host, port)
                .provider(provider)
                .gateway(sandbox ? gatewayUrl : providerUrl)
                .notifyKeys(sandbox ? Map.of(gatewayKeyId, gatewaySecret) : Map.of())
                .reconcileEvery(reconcileEvery)
                .pendingThreshold(pendingThreshold)
                .queryAfter(queryAfter)
                .orderExpiry(orderExpiry)
                .monitorEvery(monitorEvery)
                .alerts(new AlertThresholds(pendingAlert, pendingAgeAlert, archiveBacklogAlert, deadLetterAlert, mariaDbDownAlert))
                .archiver(archiver)
                .rulesToken(rulesToken)
                .ruleSigning(ruleSigning())
                .resultKey(resultKey())
                .http(httpSecurity())
                .tillKeys(tillCredentials == null ? null : pos.hub.archive.TillCredentialsFile.read(tillCredentials))
                .build();
    }

    /**
     * Issue 13: what {@link pos.gateway.provider.PaymentProviders#open} needs for a real provider on the hub: the test
     * server's address or none (production), the credentials directory, the environment for POS_<PROVIDER>_<NAME>.
     * The hub makes no orders, so no notify URL.
     */
    public pos.gateway.provider.ProviderSettings providerSettings(HubSettings settings) {
        java.nio.file.Path credentials = providerCredentials;
        String fromEnvironment = environment.get("POS_HUB_PROVIDER_CREDENTIALS");
        if (credentials == null && fromEnvironment != null && !fromEnvironment.isBlank()) {
            credentials = java.nio.file.Path.of(fromEnvironment.strip());
        }
        if (credentials == null) {
            credentials = java.nio.file.Path.of("/etc/countertop-pos", settings.provider());
        }
        return new pos.gateway.provider.ProviderSettings(settings.provider(), providerUrl, credentials, environment, null,
                Duration.ofSeconds(5), settings.orderExpiry(), null);
    }

    private static void closeQuietly(pos.gateway.provider.PaymentProvider provider) {
        if (provider != null) {
            try {
                provider.close();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(HubMain.class).warn("closing the payment provider {} failed", provider.name(), e);
            }
        }
    }

    private pos.hub.rules.RuleSigning ruleSigning() {
        if (rulesHistoryDays < 1) {
            throw new IllegalArgumentException("--rules-history-days must be at least 1: " + rulesHistoryDays);
        }
        return new pos.hub.rules.RuleSigning(ownerPublicKey == null || ownerPublicKey.isBlank() ? null
                : pos.contract.rules.RuleBaseSignature.ownerPublicKey(ownerPublicKey, "--owner-public-key"),
                storeId, Duration.ofDays(rulesHistoryDays));
    }

    /** The result signing key from --hub-key-file or POS_HUB_KEY; null when neither is given. */
    private java.security.PrivateKey resultKey() {
        String what = "the hub's result signing key";
        if (hubKeyFile != null) {
            return pos.contract.auth.Ed25519.readPrivateKey(hubKeyFile, what + " (--hub-key-file)");
        }
        String fromEnvironment = System.getenv("POS_HUB_KEY");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null
                : pos.contract.auth.Ed25519.parsePrivateKey(fromEnvironment, what + " in POS_HUB_KEY");
    }

    /** The HTTP trust boundary's options; secrets from 0600 files or the environment. */
    pos.hub.http.HttpSecurity httpSecurity() {
        String ownerToken = pos.contract.auth.SecretFiles.fromFileOrEnvironment(ownerTokenFile, "POS_OWNER_TOKEN", environment,
                "the owner token").orElse(null);
        String tlsPassword = tlsKeystore == null ? null : pos.contract.auth.SecretFiles.fromFileOrEnvironment(tlsPasswordFile,
                "POS_HUB_TLS_PASSWORD", environment, "the TLS key store's password").orElse(null);
        return pos.hub.http.HttpSecurity.DEFAULTS.withOwnerToken(ownerToken)
                .withAllowedOrigins(java.util.Set.copyOf(allowedOrigins))
                .withPublicNames(java.util.Set.copyOf(publicNames))
                .withTls(tlsKeystore, tlsPassword)
                .withPlainHttp(plainHttp);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // Only a default name: --consumer sets it explicitly, and a hub needs no resolvable host name.
            return "localhost";
        }
    }

    /** "250ms", "10s", "2m", "1h" or ISO-8601 ("PT10S"). Stateless. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("^(\\d+)\\s*(ms|s|m|h)$");

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SIMPLE.matcher(text);
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            try {
                return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 10s, 2m, 1h)");
            }
        }
    }
}
