package pos.hub.archive;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pos.hub.PosHubException;
import pos.contract.sale.SaleStream;
import pos.contract.redis.RedisConnections;

/**
 * The archiver as a process of its own (store hub, operations, tests): runs until it is killed;
 * SIGTERM stops it cleanly. Not thread-safe (a command-line entry point).
 *
 * <pre>
 * java -cp … pos.hub.archive.ArchiverMain --redis redis://hub:6379/0 \
 *     --mariadb jdbc:mariadb://db:3306/pos --user pos --password secret --batch 500 --consumer hub-1
 * </pre>
 */
@Command(name = "archiver", mixinStandardHelpOptions = true,
        description = "Moves sales from the Redis archive stream into MariaDB until killed.")
public final class ArchiverMain implements Callable<Integer> {

    @Option(names = "--redis", required = true, description = "redis://host:port/db")
    String redisUri;

    @Option(names = "--mariadb", required = true, description = "jdbc:mariadb://host:port/db")
    String jdbcUrl;

    @Option(names = "--user", description = "MariaDB user")
    String user;

    @Option(names = "--password", defaultValue = "${env:POS_MARIADB_PASSWORD}",
            description = "MariaDB password (default: the environment variable POS_MARIADB_PASSWORD, which keeps it out of ps)")
    String password;

    @Option(names = "--batch", defaultValue = "" + ArchiverSettings.DEFAULT_BATCH_SIZE,
            description = "most sales per MariaDB transaction (R9's N), default ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--consumer", required = true, description = "this archiver's consumer name in the group")
    String consumerName;

    @Option(names = "--group", defaultValue = ArchiverSettings.DEFAULT_CONSUMER_GROUP, description = "consumer group, default ${DEFAULT-VALUE}")
    String consumerGroup;

    @Option(names = "--stream", defaultValue = SaleStream.KEY, description = "archive stream key, default ${DEFAULT-VALUE}")
    String streamKey;

    @Option(names = "--period-ms", defaultValue = "1000", description = "R9's period P1 in ms, default ${DEFAULT-VALUE}")
    long periodMillis;

    @Option(names = "--till-credentials", description = "a file only its owner may read (chmod 600) with one till"
            + " credential per line (as printed by ./pos hub tills add); only sales those tills signed are archived, the"
            + " rest goes to <stream>:unattributed")
    java.nio.file.Path tillCredentials;

    @Option(names = "--workers", defaultValue = "" + ArchiverSettings.DEFAULT_WORKERS, description = "batches written at once, default ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--claim-idle-ms", defaultValue = "60000",
            description = "take over entries another consumer left unacknowledged this long, default ${DEFAULT-VALUE}")
    long claimIdleMillis;

    public static void main(String[] args) {
        useOwnLoggingUnlessConfigured();
        System.exit(new CommandLine(new ArchiverMain()).execute(args));
    }

    /** Points Logback at pos-sync's command-line configuration unless one was given. */
    static void useOwnLoggingUnlessConfigured() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pos-sync-cli-logback.xml");
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ArchiverSettings settings;
        RedisConnections redis;
        pos.contract.auth.TillKeys tillKeys;
        try {
            tillKeys = tillCredentials == null ? pos.contract.auth.TillKeys.of() : TillCredentialsFile.read(tillCredentials);
            if (tillCredentials == null) {
                System.err.println("archiver: no --till-credentials: no till's sales can be attributed, so every sale"
                        + " goes to " + StreamArchiver.unattributedKey(streamKey) + " instead of MariaDB");
            }
            settings = ArchiverSettings.defaults(consumerName).withStreamKey(streamKey)
                    .withConsumerGroup(consumerGroup).withBatchSize(batchSize).withPeriod(Duration.ofMillis(periodMillis))
                    .withWorkers(workers).withClaimMinIdle(Duration.ofMillis(claimIdleMillis));
            redis = RedisConnections.create(redisUri);
        } catch (PosHubException | pos.contract.PosContractException | IllegalArgumentException e) {
            // An unreadable credential file says why without its content (SecretFiles, TillCredential).
            System.err.println("archiver: " + e.getMessage());
            return 2;
        }
        CountDownLatch done = new CountDownLatch(1);
        MariaDbSaleArchive archive = MariaDbSaleArchive.create(jdbcUrl, user, password, workers + 1);
        Archiver archiver = new Archiver(settings, redis, archive, ArchiverListener.NONE,
                EntryAttribution.required(tillKeys, EntryAttribution.Refusals.NONE));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            archiver.close();
            archive.close();
            redis.close();
            done.countDown();
        }, "archiver-shutdown"));
        archiver.start();
        LoggerFactory.getLogger(ArchiverMain.class).info("Archiver running: {} -> mariadb {}", redis.safeUri(),
                archive.endpoint());
        done.await();
        return 0;
    }
}
