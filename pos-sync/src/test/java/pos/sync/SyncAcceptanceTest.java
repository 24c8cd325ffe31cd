package pos.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.sale.SaleRecord;
import pos.core.sync.SyncState;
import pos.hub.archive.Archiver;
import pos.hub.archive.ArchiverListener;
import pos.hub.archive.ArchiverMain;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.MariaDbSaleArchive;
import pos.sync.journal.JournalEntry;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.StoreArchivers;
import pos.sync.testing.Await;
import pos.sync.testing.ChildJvm;
import pos.sync.testing.LoadTillMain;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The "Done when": 1,000 sales reach MariaDB exactly once each, through a SIGKILL of the
 * till, a SIGKILL of the archiver, and 30 s outages of Redis and of MariaDB. Each test counts
 * rows and compares SUM(total_minor) and the line counts with the till's journal.
 */
@WithRedis
@WithMariaDb
@DisplayName("Sync end to end (R9, R10, DESIGN §3)")
class SyncAcceptanceTest {

    private static final int SALES = 1_000;

    RedisProcess redis;
    MariaDbProcess mariadb;

    @TempDir
    Path tmp;

    @Test
    @DisplayName("(a) with Redis and MariaDB configured, 1,000 sales reach MariaDB exactly once each")
    void thousandSalesReachMariaDbExactlyOnce() {
        TestDatabase database = mariadb.createTestDatabase();
        ArchiveDb db = new ArchiveDb(database);
        List<Integer> batches = new CopyOnWriteArrayList<>();
        SyncSettings settings = SyncSettings.standalone("till-a").withRedis(redis.uri()).withSigner(pos.sync.testing.TestTills.signer("till-a"))
                .withArchiveStreamKey("pos:archive:a");
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(tmp.resolve("till-a"));
                SyncService sync = new SyncService(settings, journal);
                StoreArchivers hub = StoreArchivers.sales(redis.uri(), database, "pos:archive:a", 100, new ArchiverListener() {
                    @Override
                    public void batchArchived(int sales, int entries) {
                        batches.add(sales);
                    }
                })) {
            sync.start();
            for (SaleRecord sale : TestSales.sales(1, "till-a", SALES)) {
                assertThat(journal.append(sale)).isTrue();
            }
            await("all sales are in MariaDB").atMost(Duration.ofSeconds(60)).until(db::sales, equalTo((long) SALES));
            await("sync is online with nothing waiting").atMost(Duration.ofSeconds(10)).until(() -> sync.current().backlog(), equalTo(0L));
            assertThat(sync.current().state()).isEqualTo(SyncState.ONLINE);
            assertMatchesJournal(db, journal, SALES);
        }
        assertThat(batches).allMatch(size -> size <= 100);
        assertThat(pending("pos:archive:a")).isZero();
    }

    @Test
    @DisplayName("(b) SIGKILL of the till midway, then a restart on the same data directory: still exactly 1,000 rows")
    void tillKilledMidwayLosesAndDuplicatesNothing() {
        TestDatabase database = mariadb.createTestDatabase();
        ArchiveDb db = new ArchiveDb(database);
        Path dataDir = tmp.resolve("till-b");
        String stream = "pos:archive:b";
        String[] args = {"--data", dataDir.toString(), "--redis", redis.uri(), "--stream", stream, "--till", "till-b",
            "--run", "2", "--count", Integer.toString(SALES), "--pause-ms", "3"};
        try (RedisConnections connections = RedisConnections.create(redis.uri());
                MariaDbSaleArchive archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 3);
                Archiver archiver = new Archiver(ArchiverSettings.defaults("archiver-b").withStreamKey(stream)
                        .withBatchSize(50).withPeriod(Duration.ofMillis(200)), connections, archive, ArchiverListener.NONE,
                        pos.sync.testing.TestTills.attribution())) {
            archiver.start();
            try (ChildJvm till = ChildJvm.start(tmp.resolve("till-b-1.log"), LoadTillMain.class, args)) {
                till.awaitLine(Duration.ofSeconds(60), "appended 400"::equals);
                till.kill();
                assertThat(till.lines()).noneMatch(line -> line.startsWith("appended-all"));
            }
            long journaledBeforeRestart;
            try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
                journaledBeforeRestart = journal.count();
            }
            assertThat(journaledBeforeRestart).isBetween(400L, (long) SALES - 1);

            try (ChildJvm till = ChildJvm.start(tmp.resolve("till-b-2.log"), LoadTillMain.class, args)) {
                String summary = till.awaitLine(Duration.ofSeconds(60), line -> line.startsWith("appended-all"));
                assertThat(summary).isEqualTo("appended-all " + SALES + " new " + (SALES - journaledBeforeRestart));
                till.awaitLine(Duration.ofSeconds(60), "drained"::equals);
                assertThat(till.awaitExit(Duration.ofSeconds(30))).isZero();
            }
            await("all sales are in MariaDB").atMost(Duration.ofSeconds(60)).until(db::sales, equalTo((long) SALES));
            await("every entry is acknowledged").atMost(Duration.ofSeconds(10)).until(() -> pending(stream), equalTo(0L));
        }
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
            assertMatchesJournal(db, journal, SALES);
        }
        assertThat(db.sumTotalMinor()).isEqualTo(TestSales.totalMinor(2, "till-b", SALES));
    }

    @Test
    @DisplayName("(c) SIGKILL of the archiver process midway, then a restart: exactly 1,000 rows")
    void archiverKilledMidwayLosesAndDuplicatesNothing() throws Exception {
        TestDatabase database = mariadb.createTestDatabase();
        ArchiveDb db = new ArchiveDb(database);
        String stream = "pos:archive:c";
        java.nio.file.Path tills = tmp.resolve("till-credentials"); // issue 10: the archiver knows till-c
        pos.hub.archive.TillCredentialsFile.write(tills, java.util.List.of(pos.sync.testing.TestTills.credential("till-c")));
        String[] archiverArgs = {"--redis", redis.uri(), "--mariadb", database.jdbcUrl(), "--user", database.user(),
            "--password", database.password(), "--batch", "50", "--consumer", "archiver-c", "--stream", stream,
            "--period-ms", "200", "--till-credentials", tills.toString()};
        SyncSettings settings = SyncSettings.standalone("till-c").withRedis(redis.uri()).withSigner(pos.sync.testing.TestTills.signer("till-c")).withArchiveStreamKey(stream);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(tmp.resolve("till-c"));
                SyncService sync = new SyncService(settings, journal)) {
            sync.start();
            // The till sells on throughout, about 6 s for all of them.
            Thread seller = startSelling(journal, 3, "till-c", SALES, 5, new AtomicInteger());
            try (ChildJvm archiver = ChildJvm.start(tmp.resolve("archiver-c-1.log"), ArchiverMain.class, archiverArgs)) {
                await("the archiver has archived 300 sales").atMost(Duration.ofSeconds(60)).until(() -> db.sales() >= 300);
                archiver.kill();
            }
            long rowsAtKill = db.sales();
            assertThat(rowsAtKill).isLessThan(SALES);
            try (ChildJvm archiver = ChildJvm.start(tmp.resolve("archiver-c-2.log"), ArchiverMain.class, archiverArgs)) {
                seller.join(60_000);
                await("all sales are in MariaDB").atMost(Duration.ofSeconds(60)).until(db::sales, equalTo((long) SALES));
                await("every entry is acknowledged").atMost(Duration.ofSeconds(10)).until(() -> pending(stream), equalTo(0L));
                assertThat(archiver.isAlive()).isTrue();
            }
            assertMatchesJournal(db, journal, SALES);
        }
    }

    @Test
    @DisplayName("(d) R10 Redis stopped for 30 s and MariaDB stopped for 30 s during the run lose nothing")
    void redisAndMariaDbOutagesLoseNothing() throws Exception {
        try (RedisProcess ownRedis = new RedisProcess().start(); MariaDbProcess ownMariaDb = new MariaDbProcess().start()) {
            TestDatabase database = ownMariaDb.createTestDatabase();
            ArchiveDb db = new ArchiveDb(database);
            SyncSettings settings = SyncSettings.standalone("till-d").withRedis(ownRedis.uri()).withSigner(pos.sync.testing.TestTills.signer("till-d"));
            try (SqliteSaleJournal journal = SqliteSaleJournal.open(tmp.resolve("till-d"));
                    SyncService sync = new SyncService(settings, journal);
                    StoreArchivers hub = StoreArchivers.sales(ownRedis.uri(), database, SyncSettings.standalone("x").archiveStreamKey(),
                            100, ArchiverListener.NONE)) {
                sync.start();
                AtomicInteger sold = new AtomicInteger();
                // 1,000 sales over about 48 s; the outages are Redis [2 s, 32 s] and MariaDB [17 s, 47 s].
                Thread seller = startSelling(journal, 4, "till-d", SALES, 47, sold);
                long start = System.nanoTime();

                sleepUntil(start, 2_000);
                ownRedis.stop();
                int soldAtRedisStop = sold.get();
                await("sync reports Redis down").atMost(Duration.ofSeconds(10))
                        .until(() -> sync.current().state() == SyncState.OFFLINE
                                && sync.current().detail().equals("redis 127.0.0.1:" + ownRedis.port() + ": connection refused"));

                sleepUntil(start, 17_000);
                ownMariaDb.stop();
                assertThat(sold.get()).as("selling goes on while Redis is down").isGreaterThan(soldAtRedisStop + 100);
                assertThat(sync.current().backlog()).as("the journal holds what Redis did not get").isGreaterThan(100);

                sleepUntil(start, 32_000);
                ownRedis.start();
                await("the till hands its backlog on while MariaDB is still down").atMost(Duration.ofSeconds(15))
                        .until(() -> sync.current().state() == SyncState.ONLINE && sync.current().backlog() < 50);
                assertThat(ownMariaDb.isRunning()).isFalse();

                sleepUntil(start, 47_000);
                ownMariaDb.start();
                seller.join(60_000);
                assertThat(sold.get()).isEqualTo(SALES);
                await("all sales are in MariaDB").atMost(Duration.ofSeconds(60)).until(db::sales, equalTo((long) SALES));
                await("sync has nothing waiting").atMost(Duration.ofSeconds(10)).until(() -> sync.current().backlog(), equalTo(0L));
                assertMatchesJournal(db, journal, SALES);
                await("every entry is acknowledged").atMost(Duration.ofSeconds(10))
                        .until(() -> pendingOn(ownRedis, "pos:archive"), equalTo(0L));
            }
        }
    }

    /** Appends sales 0..count-1 of a run on a thread of its own, pausing between them. */
    private static Thread startSelling(SqliteSaleJournal journal, long run, String tillId, int count, long pauseMillis,
            AtomicInteger sold) {
        Thread seller = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                journal.append(TestSales.sale(run, tillId, i));
                sold.incrementAndGet();
                Await.sleep(pauseMillis);
            }
        }, "seller-" + tillId);
        seller.setDaemon(true);
        seller.start();
        return seller;
    }

    private static void sleepUntil(long startNanos, long offsetMillis) {
        long left = offsetMillis - (System.nanoTime() - startNanos) / 1_000_000;
        if (left > 0) {
            Await.sleep(left);
        }
    }

    private long pending(String stream) {
        return pendingOn(redis, stream);
    }

    private static long pendingOn(RedisProcess server, String stream) {
        Object reply = server.call("XPENDING", stream, ArchiverSettings.DEFAULT_CONSUMER_GROUP);
        return reply instanceof List<?> summary && !summary.isEmpty() && summary.get(0) instanceof Number n ? n.longValue() : -1;
    }

    /** Row count, SUM(total_minor), line counts and tender count in MariaDB equal the journal's. */
    private static void assertMatchesJournal(ArchiveDb db, SqliteSaleJournal journal, int expectedSales) {
        List<JournalEntry> entries = journal.readAfter(0, expectedSales + 1);
        assertThat(entries).hasSize(expectedSales);
        List<SaleRecord> sales = entries.stream().map(e -> SaleRecordJson.read(e.payload())).toList();
        assertThat(db.sales()).isEqualTo(expectedSales);
        assertThat(db.sumTotalMinor()).isEqualTo(sales.stream().mapToLong(SaleRecord::totalMinor).sum());
        long lines = sales.stream().mapToLong(s -> s.lines().size()).sum();
        assertThat(db.sumLineCount()).isEqualTo(lines);
        assertThat(db.lines()).isEqualTo(lines);
        assertThat(db.tenders()).isEqualTo(sales.stream().mapToLong(s -> s.tenders().size()).sum());
        assertThat(db.queryLong("SELECT count(DISTINCT transaction_id) FROM sales")).isEqualTo(expectedSales);
    }
}
