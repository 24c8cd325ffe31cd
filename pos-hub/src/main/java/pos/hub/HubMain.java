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
 * </pre>
 */
@Command(name = "hub", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The store hub: gateway notifications, payment status API, archiver, reconciler, queue alerts.")
public final class HubMain implements Callable<Integer> {

    @Option(names = "--redis", required = true, description = "the store's Redis, redis://host:port/db")
    String redisUri;

    @Option(names = "--mariadb", required = true, description = "the store's MariaDB, jdbc:mariadb://host:port/db")
    String jdbcUrl;

    @Option(names = "--user", description = "MariaDB user")
    String user;

    @Option(names = "--password", defaultValue = "${env:POS_MARIADB_PASSWORD}",
            description = "MariaDB password (default: the environment variable POS_MARIADB_PASSWORD, which keeps it out of ps)")
    String password;

    @Option(names = "--listen", defaultValue = HubSettings.DEFAULT_LISTEN,
            description = "host:port of the HTTP server, default ${DEFAULT-VALUE}; port 0 picks a free one")
    String listen;

    @Option(names = "--gateway-url", required = true, description = "the payment gateway's base URL, e.g. http://127.0.0.1:8090/")
    URI gatewayUrl;

    @Option(names = "--gateway-key-id", required = true, description = "key id of the gateway's notification signatures")
    String gatewayKeyId;

    @Option(names = "--gateway-secret", defaultValue = "${env:POS_GATEWAY_SECRET}",
            description = "shared secret of the notification signatures (default: the environment variable POS_GATEWAY_SECRET)")
    String gatewaySecret;

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

    @Option(names = "--rules-token", defaultValue = "${env:POS_RULES_TOKEN}",
            description = "a shared token that publishing rules (PUT /rules) must carry (default: the environment variable"
                    + " POS_RULES_TOKEN); without one anybody who reaches the hub's port can publish rules")
    String rulesToken;

    @Option(names = "--till-credentials", description = "a file only its owner may read (chmod 600) with one till"
            + " credential per line; only stream entries those tills signed are archived (issue 10). Without it (and"
            + " without the hub's registry of tills) no till's entries are archived: they go to <stream>:unattributed")
    java.nio.file.Path tillCredentials;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pos-sync-cli-logback.xml");
        }
        System.exit(new CommandLine(new HubMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        StoreHub hub;
        try {
            hub = new StoreHub(settings());
        } catch (PosHubException | pos.contract.PosContractException | pos.gateway.PosGatewayException | IllegalArgumentException
                | NullPointerException e) {
            System.err.println("hub: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            hub.start();
        } catch (UnableToStartHubException e) {
            System.err.println("hub: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
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
        if (gatewaySecret == null || gatewaySecret.isEmpty()) {
            throw new IllegalArgumentException("the gateway's notification secret is missing: give --gateway-secret or set"
                    + " POS_GATEWAY_SECRET");
        }
        String consumer = consumerName != null ? consumerName : "hub-" + hostName() + "-" + port;
        ArchiverSettings archiver = ArchiverSettings.defaults(consumer).withStreamKey(SaleStream.KEY)
                .withBatchSize(batchSize).withPeriod(archivePeriod).withClaimMinIdle(claimIdle);
        return HubSettings.builder()
                .redis(redisUri)
                .mariaDb(jdbcUrl, user, password)
                .listen(host, port)
                .gateway(gatewayUrl)
                .notifyKeys(Map.of(gatewayKeyId, gatewaySecret))
                .reconcileEvery(reconcileEvery)
                .pendingThreshold(pendingThreshold)
                .queryAfter(queryAfter)
                .orderExpiry(orderExpiry)
                .monitorEvery(monitorEvery)
                .alerts(new AlertThresholds(pendingAlert, pendingAgeAlert, archiveBacklogAlert, deadLetterAlert, mariaDbDownAlert))
                .archiver(archiver)
                .rulesToken(rulesToken)
                .tillKeys(tillCredentials == null ? pos.contract.auth.TillKeys.of()
                        : pos.hub.archive.TillCredentialsFile.read(tillCredentials))
                .build();
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
