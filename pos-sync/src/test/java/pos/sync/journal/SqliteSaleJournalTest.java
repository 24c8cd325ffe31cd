package pos.sync.journal;

import pos.contract.sale.SaleRecordJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.journal.JournalWriteException;
import pos.core.sale.SaleRecord;
import pos.sync.testing.ChildJvm;
import pos.sync.testing.TestSales;

@DisplayName("SqliteSaleJournal")
class SqliteSaleJournalTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a sale appended and acknowledged is there after the journal is reopened")
    void appendedSaleSurvivesReopening() {
        SaleRecord sale = TestSales.sale(1, "till-1", 0);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir.resolve("data"))) {
            assertThat(journal.append(sale)).isTrue();
        }
        try (SqliteSaleJournal reopened = SqliteSaleJournal.open(dir.resolve("data"))) {
            assertThat(reopened.count()).isEqualTo(1);
            assertThat(reopened.find(sale.transactionId())).contains(sale);
            assertThat(reopened.backlog()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a second append of the same transaction id returns false and keeps the first record")
    void duplicateTransactionIdKeepsTheFirstRecord() {
        SaleRecord first = TestSales.sale(1, "till-1", 3);
        SaleRecord sameIdOtherTill = new SaleRecord(first.transactionId(), "till-2", first.state(), first.currency(),
                first.totalMinor() + 1, first.taxMinor(), first.openedAt(), first.closedAt(), first.lines(), first.tenders());
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            assertThat(journal.append(first)).isTrue();
            assertThat(journal.append(sameIdOtherTill)).isFalse();
            assertThat(journal.append(first)).isFalse();
            assertThat(journal.count()).isEqualTo(1);
            assertThat(journal.find(first.transactionId())).contains(first);
        }
    }

    @Test
    @DisplayName("the journal runs in WAL mode with synchronous=FULL and a busy timeout")
    void runsInWalModeWithSynchronousFull() throws Exception {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            assertThat(journal.writerPragma("journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(journal.writerPragma("synchronous")).isEqualTo("2"); // FULL
            assertThat(journal.writerPragma("busy_timeout")).isEqualTo(String.valueOf(SqliteSaleJournal.BUSY_TIMEOUT_MS));
        }
        // WAL is a property of the file: any other connection sees it too.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteSaleJournal.FILE_NAME));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    @DisplayName("the schema comes from the Flyway migration V1__journal")
    void schemaComesFromFlywayMigration() throws Exception {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            assertThat(journal.count()).isZero();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteSaleJournal.FILE_NAME));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    @Test
    @DisplayName("a data directory that cannot be created fails with a JournalWriteException naming the path")
    void uncreatableDataDirectoryFailsClearly() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path dataDir = blocker.resolve("data");
        assertThatThrownBy(() -> SqliteSaleJournal.open(dataDir))
                .isInstanceOf(JournalWriteException.class)
                .hasMessageContaining("cannot create the till's data directory " + dataDir.toAbsolutePath())
                .hasMessageContaining("not-a-directory");
    }

    @Test
    @DisplayName("a journal file that cannot be opened fails with a JournalWriteException naming the file")
    void unopenableJournalFileFailsClearly() throws Exception {
        Files.createDirectories(dir.resolve(SqliteSaleJournal.FILE_NAME)); // a directory where the file should be
        assertThatThrownBy(() -> SqliteSaleJournal.open(dir))
                .isInstanceOf(JournalWriteException.class)
                .hasMessageContaining(dir.resolve(SqliteSaleJournal.FILE_NAME).toString())
                .hasMessageContaining("cannot be opened or created");
    }

    @Test
    @DisplayName("a journal file that is not a journal fails with a JournalWriteException")
    void garbageJournalFileFailsClearly() throws Exception {
        Files.write(dir.resolve(SqliteSaleJournal.FILE_NAME), new byte[8192]);
        Files.writeString(dir.resolve(SqliteSaleJournal.FILE_NAME), "this is not a database, just text ".repeat(200));
        assertThatThrownBy(() -> SqliteSaleJournal.open(dir))
                .isInstanceOf(JournalWriteException.class)
                .hasMessageContaining(dir.resolve(SqliteSaleJournal.FILE_NAME).toString())
                .hasMessageContaining("damaged or not a journal");
    }

    @Test
    @DisplayName("a full disk makes append throw a JournalWriteException and keeps every sale acknowledged before")
    void fullDiskRefusesAppendAndKeepsEarlierSales() throws Exception {
        Path dataDir = dir.resolve("full");
        try (ChildJvm child = ChildJvm.start(dir.resolve("fill.log"), FillJournalMain.class, dataDir.toString())) {
            child.awaitLine(Duration.ofSeconds(30), "ready"::equals);
            // From now on the child may not write beyond 300 kB in any file, as on a full disk.
            Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(child.pid()), "--fsize=300000:300000")
                    .redirectErrorStream(true).start();
            assertThat(prlimit.waitFor()).as(new String(prlimit.getInputStream().readAllBytes())).isZero();
            Files.writeString(dataDir.resolve("go"), "");
            String refused = child.awaitLine(Duration.ofSeconds(60), line -> line.startsWith("refused ") || line.equals("never refused"));
            assertThat(refused).startsWith("refused cannot journal sale ")
                    .contains(dataDir.resolve(SqliteSaleJournal.FILE_NAME).toString())
                    .containsAnyOf("the disk is full", "disk full or failing");
            int appended = Integer.parseInt(child.awaitLine(Duration.ofSeconds(5), l -> l.startsWith("appended ")).substring(9));
            assertThat(appended).isPositive();
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isZero();

            try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
                assertThat(journal.count()).isEqualTo(appended);
                for (int i = 0; i < appended; i++) {
                    assertThat(journal.find(TestSales.transactionId(7, i))).isPresent();
                }
                // The refused sale was not kept, and the journal takes it now that there is room.
                assertThat(journal.find(TestSales.transactionId(7, appended))).isEmpty();
                assertThat(journal.append(TestSales.sale(7, "till-full", appended))).isTrue();
            }
        }
    }

    @Test
    @DisplayName("backlog counts the rows after the sync position, which only moves forward")
    void backlogCountsRowsNotHandedOn() {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            for (int i = 0; i < 10; i++) {
                journal.append(TestSales.sale(2, "till-1", i));
            }
            assertThat(journal.backlog()).isEqualTo(10);
            List<JournalEntry> firstFour = journal.readAfter(0, 4);
            assertThat(firstFour).extracting(JournalEntry::seq).containsExactly(1L, 2L, 3L, 4L);
            journal.markHandedOn(firstFour.get(3).seq());
            assertThat(journal.handedOnSeq()).isEqualTo(4);
            assertThat(journal.backlog()).isEqualTo(6);
            journal.markHandedOn(2); // a late, lower position is ignored
            assertThat(journal.handedOnSeq()).isEqualTo(4);
            assertThat(journal.readAfter(4, 100)).hasSize(6).first()
                    .satisfies(e -> assertThat(e.transactionId()).isEqualTo(TestSales.transactionId(2, 4)));
        }
        try (SqliteSaleJournal reopened = SqliteSaleJournal.open(dir)) {
            assertThat(reopened.backlog()).isEqualTo(6);
        }
    }

    @Test
    @DisplayName("rows carry the transaction id, the kind and the sale record as JSON")
    void rowsCarryIdKindAndJsonPayload() {
        SaleRecord sale = TestSales.sale(3, "till-1", 1);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            journal.append(sale);
            JournalEntry entry = journal.readAfter(0, 1).get(0);
            assertThat(entry.transactionId()).isEqualTo(sale.transactionId());
            assertThat(entry.kind()).isEqualTo(SqliteSaleJournal.SALE_FINISHED);
            assertThat(SaleRecordJson.read(entry.payload())).isEqualTo(sale);
            assertThat(entry.payload()).contains("\"totalMinor\":" + sale.totalMinor());
        }
    }

    @Test
    @DisplayName("appends from many threads at once are all kept, each exactly once")
    void concurrentAppendsAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            AtomicInteger accepted = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    // Every thread appends the same 200 sales: each must be accepted exactly once overall.
                    for (int i = 0; i < 200; i++) {
                        if (journal.append(TestSales.sale(4, "till-1", i))) {
                            accepted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(accepted.get()).isEqualTo(200);
            assertThat(journal.count()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("append listeners run after the commit, and a failing listener does not fail the append")
    void appendListenersRunAfterCommit() throws Exception {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            List<Long> countsSeen = new ArrayList<>();
            AutoCloseable first = journal.onAppend(() -> countsSeen.add(journal.count()));
            journal.onAppend(() -> {
                throw new IllegalStateException("listener bug");
            });
            assertThat(journal.append(TestSales.sale(5, "till-1", 0))).isTrue();
            assertThat(journal.append(TestSales.sale(5, "till-1", 0))).isFalse(); // no new row, no call
            first.close();
            journal.append(TestSales.sale(5, "till-1", 1));
            assertThat(countsSeen).containsExactly(1L);
        }
    }

    @Test
    @DisplayName("a closed journal refuses appends with a JournalWriteException")
    void closedJournalRefusesAppends() {
        SqliteSaleJournal journal = SqliteSaleJournal.open(dir);
        journal.close();
        journal.close();
        assertThatThrownBy(() -> journal.append(TestSales.sale(6, "till-1", 0)))
                .isInstanceOf(JournalWriteException.class)
                .hasMessageContaining("is closed");
    }
}
