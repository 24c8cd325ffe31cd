package pos.sync.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pos.core.sync.SyncState;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.sync.journal.SqliteSaleJournal;

/**
 * Test-only: a till under load. Opens the journal in a data directory, appends the sales
 * 0..count-1 of a run ({@link TestSales}, so a restart appends the same ids again) while the
 * outbox hands them on to Redis, then waits until the backlog is empty and exits 0. Prints
 * {@code appended <n>} as it goes, so a test can SIGKILL it midway. Not thread-safe.
 */
@Command(name = "load-till")
public final class LoadTillMain implements Callable<Integer> {

    @Option(names = "--data", required = true)
    Path dataDir;

    @Option(names = "--redis", required = true)
    String redisUri;

    @Option(names = "--stream", defaultValue = "pos:archive")
    String streamKey;

    @Option(names = "--till", defaultValue = "till-load")
    String tillId;

    @Option(names = "--run", required = true)
    long run;

    @Option(names = "--count", defaultValue = "1000")
    int count;

    @Option(names = "--pause-ms", defaultValue = "0")
    long pauseMillis;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTillMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                SyncService sync = new SyncService(SyncSettings.standalone(tillId).withRedis(redisUri).withSigner(pos.sync.testing.TestTills.signer(tillId))
                        .withArchiveStreamKey(streamKey), journal)) {
            sync.start();
            int added = 0;
            for (int i = 0; i < count; i++) {
                if (journal.append(TestSales.sale(run, tillId, i))) {
                    added++;
                }
                if ((i + 1) % 50 == 0) {
                    System.out.println("appended " + (i + 1));
                }
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            System.out.println("appended-all " + count + " new " + added);
            try {
                Awaitility.await("the backlog drained").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> journal.backlog() == 0 && sync.current().state() == SyncState.ONLINE);
            } catch (ConditionTimeoutException e) {
                System.out.println("not drained: backlog " + journal.backlog() + " " + sync.current());
                return 2;
            }
            System.out.println("drained");
        }
        return 0;
    }
}
