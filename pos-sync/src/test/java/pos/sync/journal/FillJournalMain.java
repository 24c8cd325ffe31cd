package pos.sync.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import pos.core.journal.JournalWriteException;
import pos.sync.testing.TestSales;

/**
 * Test-only child process for the full-disk test: opens the journal in {@code args[0]}, prints
 * {@code ready}, waits for the file {@code go} to appear (the test lowers this process's file size
 * limit meanwhile), then appends until the journal refuses and prints {@code appended <n>} and
 * {@code refused <message>}.
 */
public final class FillJournalMain {

    private FillJournalMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
            System.out.println("ready");
            while (!Files.exists(dataDir.resolve("go"))) {
                Thread.sleep(10);
            }
            int appended = 0;
            try {
                for (int i = 0; i < 100_000; i++) {
                    journal.append(TestSales.sale(7, "till-full", i));
                    appended++;
                }
                System.out.println("never refused");
            } catch (JournalWriteException e) {
                System.out.println("appended " + appended);
                System.out.println("refused " + e.getMessage());
            }
        }
    }
}
