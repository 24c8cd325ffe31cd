package pos.hub.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;

@WithMariaDb
@DisplayName("MariaDbSaleArchive: new sales as plain INSERT batches, idempotent on re-delivery and on a race")
class MariaDbSaleArchiveTest {

    MariaDbProcess mariadb;

    private TestDatabase database;
    private MariaDbSaleArchive archive;

    @BeforeEach
    void setUp() {
        database = mariadb.createTestDatabase(); // a database of its own: the counts below are of this test's rows only
        archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 3,
                Clock.fixed(Instant.parse("2026-12-07T06:00:00Z"), ZoneOffset.UTC));
        archive.migrate();
    }

    @AfterEach
    void tearDown() {
        archive.close();
        mariadb.dropDatabase(database.name());
    }

    static SaleRecord sale(int index) {
        String id = String.format("01KTEST%019d", index);
        List<SaleRecord.Line> lines = new ArrayList<>();
        long total = 0;
        for (int k = 1; k <= 1 + index % 3; k++) {
            long unit = 100 + index * 7L + k;
            total += unit * k;
            lines.add(new SaleRecord.Line(k, "400638133393" + k, "Item " + k, k, 0, unit, unit * k, "STANDARD"));
        }
        Instant opened = Instant.parse("2026-12-07T08:00:00Z").plusSeconds(index);
        List<AuditEntry> audit = index % 4 == 0
                ? List.of(new AuditEntry(AuditKind.LINE_VOIDED, opened.plusSeconds(5), "c1", null, "4006381333931", 100, null))
                : List.of();
        return new SaleRecord(id, "till-1", SaleState.PAID, "EUR", total, total * 19 / 119, opened, opened.plusSeconds(30),
                lines, List.of(new SaleRecord.Payment(TenderType.CASH, total, total, 0)), "c1", "Clerk One", null, 0, null, 0,
                audit);
    }

    static List<SaleRecord> sales(int from, int count) {
        List<SaleRecord> sales = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            sales.add(sale(i));
        }
        return sales;
    }

    @Test
    @DisplayName("R10 a re-delivered batch, whole or mixed with new sales, adds only the new ones and leaves archived rows as they were")
    void reDeliveredSalesAreANoOp() throws SQLException {
        List<SaleRecord> first = sales(0, 20);
        assertThat(archive.storeAll(first)).isEqualTo(20);
        String before = snapshot();

        try (MariaDbSaleArchive later = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 2,
                Clock.fixed(Instant.parse("2026-12-08T06:00:00Z"), ZoneOffset.UTC))) {
            assertThat(later.storeAll(first)).isEqualTo(20); // the whole batch again: nothing changes
            assertThat(snapshot()).isEqualTo(before);

            List<SaleRecord> mixed = new ArrayList<>(sales(15, 10)); // 15..19 archived, 20..24 new
            mixed.add(sale(22)); // the same sale twice in one batch
            later.storeAll(mixed);
        }
        List<SaleRecord> all = sales(0, 25);
        assertThat(count("SELECT COUNT(*) FROM sales")).isEqualTo(25);
        assertThat(count("SELECT COALESCE(SUM(total_minor), 0) FROM sales"))
                .isEqualTo(all.stream().mapToLong(SaleRecord::totalMinor).sum());
        assertThat(count("SELECT COUNT(*) FROM sale_lines")).isEqualTo(all.stream().mapToLong(s -> s.lines().size()).sum());
        assertThat(count("SELECT COUNT(*) FROM sale_tenders")).isEqualTo(25);
        assertThat(count("SELECT COUNT(*) FROM sale_audit")).isEqualTo(all.stream().mapToLong(s -> s.audit().size()).sum());
        assertThat(count("SELECT COUNT(*) FROM sales WHERE archived_at = '2026-12-07 06:00:00'"))
                .as("the first 20 keep their first archiving time").isEqualTo(20);
    }

    @Test
    @DisplayName("R10 a sale another archiver commits between this one's SELECT and INSERT (duplicate key) is written once, and the batch commits")
    void aRaceOnTheSameSaleEndsInOneRowAndNoFailure() throws Exception {
        List<SaleRecord> batch = sales(100, 30);
        SaleRecord contested = batch.get(17);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = database.openConnection()) {
            // The other archiver has inserted the contested sale but not committed yet: this one cannot see it.
            other.setAutoCommit(false);
            other.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            NewSaleInserts.insertMissing(other, List.of(contested), java.time.LocalDateTime.parse("2026-12-07T05:59:00"));

            Future<Integer> write = pool.submit(() -> archive.storeAll(batch));
            await("this archiver's INSERT waits for the other's row lock").atMost(Duration.ofSeconds(20))
                    .until(() -> count("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'") == 1);
            other.commit(); // now this one's INSERT fails with a duplicate key

            assertThat(write.get(30, TimeUnit.SECONDS)).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM sales")).isEqualTo(30);
        assertThat(count("SELECT COUNT(*) FROM sale_lines")).isEqualTo(batch.stream().mapToLong(s -> s.lines().size()).sum());
        assertThat(count("SELECT COUNT(*) FROM sale_tenders")).isEqualTo(30);
        assertThat(count("SELECT COALESCE(SUM(total_minor), 0) FROM sales"))
                .isEqualTo(batch.stream().mapToLong(SaleRecord::totalMinor).sum());
        assertThat(count("SELECT COUNT(*) FROM sales WHERE transaction_id = '" + contested.transactionId()
                + "' AND archived_at = '2026-12-07 05:59:00'")).as("the first writer's archiving time is kept").isEqualTo(1);
    }

    @Test
    @DisplayName("R10 two archivers writing the same overlapping batches at once both commit, and every sale is there once")
    void twoArchiversOnTheSameEntriesNeitherFailNorDoubleInsert() throws Exception {
        int rounds = 4;
        List<SaleRecord> all = sales(200, rounds * 20 + 10);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (MariaDbSaleArchive second = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 2)) {
            for (int round = 0; round < rounds; round++) {
                // Each round: the same 30 sales to both, plus 10 of its own to each, all at the same moment.
                List<SaleRecord> shared = all.subList(round * 20, round * 20 + 30);
                List<SaleRecord> a = new ArrayList<>(shared);
                a.addAll(sales(1_000 + round * 20, 10));
                List<SaleRecord> b = new ArrayList<>(shared);
                b.addAll(sales(1_010 + round * 20, 10));
                java.util.Collections.reverse(b);
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> archive.storeAll(a)), pool);
                CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> second.storeAll(b)), pool);
                assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(40);
                assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(40);
            }
        } finally {
            pool.shutdownNow();
        }
        // 200..289 shared, 1000..1079 each written by one side only
        List<SaleRecord> expected = new ArrayList<>(all);
        expected.addAll(sales(1_000, rounds * 20));
        assertThat(count("SELECT COUNT(*) FROM sales")).isEqualTo(expected.size());
        assertThat(count("SELECT COALESCE(SUM(total_minor), 0) FROM sales"))
                .isEqualTo(expected.stream().mapToLong(SaleRecord::totalMinor).sum());
        assertThat(count("SELECT COUNT(*) FROM sale_lines")).isEqualTo(expected.stream().mapToLong(s -> s.lines().size()).sum());
        assertThat(count("SELECT COUNT(*) FROM (SELECT transaction_id, COUNT(*) c FROM sale_tenders GROUP BY transaction_id "
                + "HAVING c > 1) twice")).isZero();
    }

    private static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> work) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the two writers did not start together", e);
        }
        return work.get();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database.openConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every archived row of every sale table, in key order, as text. */
    private String snapshot() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = database.openConnection()) {
            for (String sql : List.of("SELECT * FROM sales ORDER BY transaction_id",
                    "SELECT * FROM sale_lines ORDER BY transaction_id, line_no",
                    "SELECT * FROM sale_tenders ORDER BY transaction_id, tender_no",
                    "SELECT * FROM sale_audit ORDER BY transaction_id, entry_no")) {
                try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
