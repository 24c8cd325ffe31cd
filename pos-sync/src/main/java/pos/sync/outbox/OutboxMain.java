package pos.sync.outbox;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pos.core.journal.JournalWriteException;
import pos.sync.PosSyncException;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.redis.RedisConnections;

/**
 * Runs a till's outbox on its data directory without the till (operations: drain the journal of
 * a till whose UI will not start). Runs until killed, or with {@code --until-drained} until the
 * backlog is empty. Not thread-safe (a command-line entry point).
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Hands a till's journaled sales on to the Redis archive stream.")
public final class OutboxMain implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "the till's data directory (holds journal.db)")
    Path dataDir;

    @Option(names = "--redis", required = true, description = "redis://host:port/db")
    String redisUri;

    @Option(names = "--stream", defaultValue = Outbox.DEFAULT_STREAM_KEY, description = "archive stream key, default ${DEFAULT-VALUE}")
    String streamKey;

    @Option(names = "--credential-file", description = "this till's credential from the hub, a file only its owner may"
            + " read (default: the environment variable POS_HUB_CREDENTIAL); without one nothing is handed on")
    Path credentialFile;

    @Option(names = "--until-drained", description = "exit 0 once every journaled sale was handed on")
    boolean untilDrained;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pos-sync-cli-logback.xml");
        }
        System.exit(new CommandLine(new OutboxMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch drained = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            drained.countDown();
            try {
                closed.await(5, TimeUnit.SECONDS); // let the journal close before the JVM halts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "outbox-shutdown");
        pos.sync.auth.StreamSigner signer;
        try {
            signer = pos.contract.auth.SecretFiles.fromFileOrEnvironment(credentialFile, pos.sync.auth.StreamSigner.ENVIRONMENT,
                    System.getenv(), "this till's credential").map(pos.contract.auth.TillCredential::parse)
                    .map(pos.sync.auth.StreamSigner::of).orElse(null);
        } catch (pos.contract.PosContractException e) {
            System.err.println("outbox: " + e.getMessage());
            return 2;
        }
        if (signer == null) {
            System.err.println("outbox: sync needs this till's credential: --credential-file FILE or POS_HUB_CREDENTIAL"
                    + " (./pos hub tills add <till id>)");
            return 2;
        }
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                RedisConnections redis = RedisConnections.create(redisUri)) {
            StreamOutbox.Listener listener = new StreamOutbox.Listener() {
                @Override
                public void handedOn(long upToSeq, int count) {
                    if (untilDrained && journal.backlog() == 0) {
                        drained.countDown();
                    }
                }
            };
            try (Outbox outbox = new Outbox(journal, redis, streamKey, Outbox.DEFAULT_BATCH_SIZE, listener, signer)) {
                Runtime.getRuntime().addShutdownHook(hook);
                outbox.start();
                LoggerFactory.getLogger(OutboxMain.class).info("Outbox running: {} -> {} stream {}, {} sales waiting",
                        journal.file(), redis.safeUri(), streamKey, journal.backlog());
                if (untilDrained && journal.backlog() == 0) {
                    drained.countDown();
                }
                drained.await();
            }
        } catch (PosSyncException | pos.contract.PosContractException | JournalWriteException e) {
            System.err.println("outbox: " + e.getMessage());
            return 2;
        } finally {
            closed.countDown();
        }
        if (!hook.isAlive()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has run or is running
            }
        }
        return 0;
    }
}
