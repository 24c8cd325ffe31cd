package pos.sync.archive;

import pos.hub.archive.Archiver;
import pos.hub.archive.ArchiverListener;
import pos.hub.archive.ArchiverMain;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.MariaDbSaleArchive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import pos.core.sale.SaleRecord;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.Await;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("Archiver")
class ArchiverTest {

    RedisProcess redis;
    MariaDbProcess mariadb;

    private String stream;
    private TestDatabase database;
    private ArchiveDb db;
    private RedisConnections connections;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void setUp(TestInfo test) {
        stream = "pos:archive:" + test.getTestMethod().orElseThrow().getName();
        database = mariadb.createTestDatabase();
        db = new ArchiveDb(database);
        connections = RedisConnections.create(redis.uri());
        connection = connections.connect();
        commands = connection.sync();
    }

    @AfterEach
    void tearDown() {
        connection.close();
        connections.close();
    }

    private ArchiverSettings settings(String consumer) {
        return ArchiverSettings.defaults(consumer).withStreamKey(stream).withPeriod(Duration.ofMillis(200));
    }

    private MariaDbSaleArchive archive(TestDatabase target) {
        return MariaDbSaleArchive.create(target.jdbcUrl(), target.user(), target.password(), 3);
    }

    private void xadd(SaleRecord sale) {
        commands.xadd(stream, pos.sync.testing.TestTills.signed(sale.tillId(), java.util.Map.of("tx", sale.transactionId(), "kind", SqliteSaleJournal.SALE_FINISHED, "payload",
                SaleRecordJson.write(sale))));
    }

    private long pending() {
        return commands.xpending(stream, ArchiverSettings.DEFAULT_CONSUMER_GROUP).getCount();
    }

    @Test
    @DisplayName("R9 no MariaDB transaction holds more than N sales (N = 7), and every sale is archived once")
    void batchesHoldAtMostNSales() {
        List<SaleRecord> sales = TestSales.sales(1, "till-1", 100);
        sales.forEach(this::xadd);
        try (MariaDbSaleArchive archive = archive(database);
                Archiver archiver = new Archiver(settings("archiver-1").withBatchSize(7).withWorkers(2), connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
            archiver.start();
            await("all sales are archived").atMost(Duration.ofSeconds(20)).until(db::sales, equalTo(100L));
            await("all entries are acknowledged").atMost(Duration.ofSeconds(5)).until(this::pending, equalTo(0L));
        }
        assertThat(recorder.batches).isNotEmpty().allMatch(size -> size <= 7);
        assertThat(recorder.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(recorder.batches).hasSizeGreaterThanOrEqualTo(15); // ceil(100 / 7)
        assertThat(db.sumTotalMinor()).isEqualTo(sales.stream().mapToLong(SaleRecord::totalMinor).sum());
        assertThat(db.lines()).isEqualTo(sales.stream().mapToLong(s -> s.lines().size()).sum());
        assertThat(db.tenders()).isEqualTo(sales.stream().mapToLong(s -> s.tenders().size()).sum());
    }

    @Test
    @DisplayName("R10 a record leaves the archive stream only after its MariaDB commit; a failed write is retried")
    void acknowledgesOnlyAfterCommit() {
        try (MariaDbProcess own = new MariaDbProcess().start()) {
            TestDatabase ownDatabase = own.createTestDatabase();
            ArchiveDb ownDb = new ArchiveDb(ownDatabase);
            try (MariaDbSaleArchive archive = archive(ownDatabase);
                    Archiver archiver = new Archiver(settings("archiver-1").withBatchSize(50), connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
                archiver.start();
                TestSales.sales(2, "till-1", 10).forEach(this::xadd);
                await("the first sales are archived").atMost(Duration.ofSeconds(20)).until(ownDb::sales, equalTo(10L));

                own.stop();
                for (int i = 10; i < 30; i++) {
                    xadd(TestSales.sale(2, "till-1", i));
                }
                await("a write fails").atMost(Duration.ofSeconds(20)).until(() -> !recorder.failures.isEmpty());
                await("the archiver has read some of the new entries").atMost(Duration.ofSeconds(10)).until(() -> pending() > 0);
                // Retries go on (its own pending entries first); nothing is acknowledged meanwhile.
                long held = pending();
                await("the batch is retried and fails twice more").atMost(Duration.ofSeconds(20))
                        .until(() -> recorder.failures.size() >= 3);
                assertThat(pending()).isEqualTo(held);
                assertThat(recorder.failures).anySatisfy(detail -> assertThat(detail).startsWith(
                        "mariadb 127.0.0.1:" + own.port() + "/" + ownDatabase.name() + ": connection refused"));

                own.start();
                await("the retried sales are archived").atMost(Duration.ofSeconds(30)).until(ownDb::sales, equalTo(30L));
                await("and only then acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
            }
        }
    }

    @Test
    @DisplayName("an entry that cannot be archived goes to the dead-letter stream with its id and reason, and the rest is archived")
    void malformedEntriesGoToTheDeadLetterStream() {
        List<SaleRecord> good = TestSales.sales(3, "till-1", 3);
        xadd(good.get(0));
        String badJson = commands.xadd(stream, pos.sync.testing.TestTills.signed("till-1", java.util.Map.of("tx", "01KDPY5D0SAMPLE0000000000", "kind", SqliteSaleJournal.SALE_FINISHED,
                "payload", "{not json")));
        xadd(good.get(1));
        String unknownKind = commands.xadd(stream, pos.sync.testing.TestTills.signed("till-1", java.util.Map.of("tx", good.get(2).transactionId(), "kind", "SALE_REFUNDED", "payload",
                SaleRecordJson.write(good.get(2)))));
        SaleRecord longTill = TestSales.sale(3, "x".repeat(65), 9);
        String tooLong = commands.xadd(stream, pos.sync.testing.TestTills.signed("till-1", java.util.Map.of("tx", longTill.transactionId(), "kind", SqliteSaleJournal.SALE_FINISHED,
                "payload", SaleRecordJson.write(longTill))));
        String wrongTx = commands.xadd(stream, pos.sync.testing.TestTills.signed("till-1", java.util.Map.of("tx", "SOMETHING-ELSE", "kind", SqliteSaleJournal.SALE_FINISHED, "payload",
                SaleRecordJson.write(TestSales.sale(3, "till-1", 10)))));
        String noFields = commands.xadd(stream, pos.sync.testing.TestTills.signed("till-1", java.util.Map.of("only", "junk")));
        xadd(good.get(2));

        ArchiverSettings settings = settings("archiver-1");
        try (MariaDbSaleArchive archive = archive(database);
                Archiver archiver = new Archiver(settings, connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
            archiver.start();
            await("the good sales are archived").atMost(Duration.ofSeconds(20)).until(db::sales, equalTo(3L));
            await("everything is acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
        }
        List<StreamMessage<String, String>> dead = commands.xrange(settings.deadLetterKey(), Range.create("-", "+"));
        assertThat(dead).extracting(m -> m.getBody().get("id")).containsExactlyInAnyOrder(badJson, unknownKind, tooLong, wrongTx,
                noFields);
        assertThat(dead).allSatisfy(m -> assertThat(m.getBody().get("reason")).isNotBlank());
        assertThat(dead).filteredOn(m -> m.getBody().get("id").equals(unknownKind)).singleElement()
                .satisfies(m -> {
                    assertThat(m.getBody().get("reason")).isEqualTo("unknown kind 'SALE_REFUNDED'");
                    assertThat(m.getBody().get("payload")).isEqualTo(SaleRecordJson.write(good.get(2)));
                });
        assertThat(dead).filteredOn(m -> m.getBody().get("id").equals(tooLong)).singleElement()
                .satisfies(m -> assertThat(m.getBody().get("reason")).isEqualTo("till id is longer than 64 characters"));
        assertThat(recorder.deadLetters).hasSize(5);
    }

    @Test
    @DisplayName("a sale MariaDB refuses (a date beyond its range) goes to the dead-letter stream; the rest of its batch is archived")
    void saleRefusedByMariaDbDoesNotBlockItsBatch() {
        List<SaleRecord> good = TestSales.sales(9, "till-1", 4);
        SaleRecord template = TestSales.sale(9, "till-1", 4);
        SaleRecord farFuture = new SaleRecord(template.transactionId(), template.tillId(), template.state(),
                template.currency(), template.totalMinor(), template.taxMinor(), template.openedAt(),
                java.time.Instant.parse("+10000-01-01T00:00:00Z"), template.lines(), template.tenders());
        xadd(good.get(0));
        xadd(good.get(1));
        xadd(farFuture);
        xadd(good.get(2));
        xadd(good.get(3));
        ArchiverSettings settings = settings("archiver-1");
        try (MariaDbSaleArchive archive = archive(database);
                Archiver archiver = new Archiver(settings, connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
            archiver.start();
            await("the good sales are archived").atMost(Duration.ofSeconds(20)).until(db::sales, equalTo(4L));
            await("everything is acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
        }
        List<StreamMessage<String, String>> dead = commands.xrange(settings.deadLetterKey(), Range.create("-", "+"));
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.getBody().get("tx")).isEqualTo(farFuture.transactionId());
            assertThat(m.getBody().get("reason")).startsWith("refused by MariaDB: ");
        });
    }

    @Test
    @DisplayName("a sale that reaches the stream more than once is archived once")
    void duplicatesAreArchivedOnce() {
        List<SaleRecord> sales = TestSales.sales(4, "till-1", 20);
        sales.forEach(this::xadd);
        sales.subList(0, 10).forEach(this::xadd); // the outbox sent these again after a crash
        xadd(sales.get(3));
        try (MariaDbSaleArchive archive = archive(database);
                Archiver archiver = new Archiver(settings("archiver-1").withBatchSize(8), connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
            archiver.start();
            await("every entry is acknowledged").atMost(Duration.ofSeconds(20))
                    .until(() -> (long) recorder.entries.stream().mapToInt(Integer::intValue).sum(), equalTo(31L));
            await("nothing is pending").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
        }
        assertThat(db.sales()).isEqualTo(20);
        assertThat(db.sumTotalMinor()).isEqualTo(sales.stream().mapToLong(SaleRecord::totalMinor).sum());
        assertThat(db.lines()).isEqualTo(sales.stream().mapToLong(s -> s.lines().size()).sum());
    }

    @Test
    @DisplayName("entries a dead archiver read and never acknowledged are taken over (XAUTOCLAIM) and archived")
    @SuppressWarnings("unchecked")
    void deadConsumersEntriesAreClaimed() {
        TestSales.sales(5, "till-1", 10).forEach(this::xadd);
        commands.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), ArchiverSettings.DEFAULT_CONSUMER_GROUP,
                XGroupCreateArgs.Builder.mkstream());
        List<StreamMessage<String, String>> takenByTheDead = commands.xreadgroup(
                Consumer.from(ArchiverSettings.DEFAULT_CONSUMER_GROUP, "dead-archiver"), XReadArgs.Builder.count(10),
                XReadArgs.StreamOffset.lastConsumed(stream));
        assertThat(takenByTheDead).hasSize(10);
        try (MariaDbSaleArchive archive = archive(database);
                Archiver archiver = new Archiver(settings("live-archiver").withClaimMinIdle(Duration.ofMillis(500)), connections,
                        archive, recorder, pos.sync.testing.TestTills.attribution())) {
            archiver.start();
            await("the dead archiver's sales are archived").atMost(Duration.ofSeconds(20)).until(db::sales, equalTo(10L));
            await("and acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
        }
    }

    @Test
    @DisplayName("a restarted archiver first finishes the entries it had read before it stopped")
    @SuppressWarnings("unchecked")
    void restartedArchiverReplaysItsOwnPendingEntries() {
        TestSales.sales(6, "till-1", 12).forEach(this::xadd);
        commands.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), ArchiverSettings.DEFAULT_CONSUMER_GROUP,
                XGroupCreateArgs.Builder.mkstream());
        // What archiver-1 read just before it was killed:
        commands.xreadgroup(Consumer.from(ArchiverSettings.DEFAULT_CONSUMER_GROUP, "archiver-1"), XReadArgs.Builder.count(12),
                XReadArgs.StreamOffset.lastConsumed(stream));
        try (MariaDbSaleArchive archive = archive(database);
                Archiver archiver = new Archiver(settings("archiver-1"), connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
            archiver.start();
            await("its pending sales are archived").atMost(Duration.ofSeconds(20)).until(db::sales, equalTo(12L));
            await("and acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
        }
    }

    @Test
    @DisplayName("archived rows carry the sale's values, times in UTC, with its lines and tenders")
    void rowsCarryTheSalesValues() throws Exception {
        SaleRecord sale = TestSales.sale(7, "till-7", 4);
        xadd(sale);
        try (MariaDbSaleArchive archive = archive(database);
                Archiver archiver = new Archiver(settings("archiver-1"), connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
            archiver.start();
            await("the sale is archived").atMost(Duration.ofSeconds(20)).until(db::sales, equalTo(1L));
        }
        try (Connection c = database.openConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT transaction_id, till_id, state, currency, total_minor, tax_minor, "
                    + "DATE_FORMAT(opened_at, '%Y-%m-%dT%H:%i:%s.%fZ'), line_count, archived_at FROM sales")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(sale.transactionId());
                assertThat(rs.getString(2)).isEqualTo("till-7");
                assertThat(rs.getString(3)).isEqualTo(sale.state().name());
                assertThat(rs.getString(4)).isEqualTo("EUR");
                assertThat(rs.getLong(5)).isEqualTo(sale.totalMinor());
                assertThat(rs.getLong(6)).isEqualTo(sale.taxMinor());
                assertThat(rs.getString(7)).isEqualTo("2026-01-01T00:00:04.000000Z");
                assertThat(rs.getInt(8)).isEqualTo(sale.lines().size());
                assertThat(rs.getTimestamp(9)).isNotNull();
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT line_no, product_code, quantity, unit_price_minor, line_total_minor, "
                    + "tax_class FROM sale_lines ORDER BY line_no")) {
                while (rs.next()) {
                    lines.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getLong(4) + " "
                            + rs.getLong(5) + " " + rs.getString(6));
                }
            }
            assertThat(lines).containsExactlyElementsOf(sale.lines().stream().map(l -> l.lineNo() + " " + l.productCode()
                    + " " + l.quantity() + " " + l.unitPriceMinor() + " " + l.lineTotalMinor() + " " + l.taxClass()).toList());
            try (ResultSet rs = st.executeQuery("SELECT tender_no, tender_type, amount_minor, tendered_minor, change_minor FROM sale_tenders")) {
                assertThat(rs.next()).isTrue();
                SaleRecord.Payment cash = sale.tenders().get(0);
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo(cash.type().name());
                assertThat(rs.getLong(3)).isEqualTo(cash.amountMinor());
                assertThat(rs.getLong(4)).isEqualTo(cash.tenderedMinor());
                assertThat(rs.getLong(5)).isEqualTo(cash.changeMinor());
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("archived entries are trimmed from the stream, unacknowledged ones never")
    @SuppressWarnings("unchecked")
    void trimsOnlyAcknowledgedEntries() {
        TestSales.sales(8, "till-1", 10).forEach(this::xadd);
        ArchiverSettings settings = settings("archiver-1").withTrimInterval(Duration.ofMillis(200));
        try (MariaDbSaleArchive archive = archive(database)) {
            try (Archiver archiver = new Archiver(settings, connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
                archiver.start();
                await("the first sales are archived").atMost(Duration.ofSeconds(20)).until(db::sales, equalTo(10L));
                await("and trimmed").atMost(Duration.ofSeconds(10)).until(() -> commands.xlen(stream), equalTo(0L));
            }
            for (int i = 10; i < 25; i++) {
                xadd(TestSales.sale(8, "till-1", i));
            }
            // A slow archiver holds the next 5 unacknowledged:
            List<StreamMessage<String, String>> held = commands.xreadgroup(
                    Consumer.from(ArchiverSettings.DEFAULT_CONSUMER_GROUP, "slow-archiver"), XReadArgs.Builder.count(5),
                    XReadArgs.StreamOffset.lastConsumed(stream));
            try (Archiver archiver = new Archiver(settings.withConsumerName("archiver-2"), connections, archive, recorder, pos.sync.testing.TestTills.attribution())) {
                archiver.start();
                await("the rest is archived").atMost(Duration.ofSeconds(20)).until(db::sales, equalTo(20L));
                Await.sleep(600); // a few trim intervals
            }
            assertThat(commands.xlen(stream)).isEqualTo(15); // the 5 held and the 10 after them
            assertThat(commands.xrange(stream, Range.create(held.get(0).getId(), held.get(4).getId()))).hasSize(5);
        }
    }

    @Test
    @DisplayName("ArchiverMain refuses bad settings with a message and exit code 2")
    void archiverMainRefusesBadSettings() {
        String[] common = {"--mariadb", database.jdbcUrl(), "--consumer", "archiver-1"};
        assertThat(new picocli.CommandLine(new ArchiverMain()).execute(concat(common, "--redis", "hub:6379"))).isEqualTo(2);
        assertThat(new picocli.CommandLine(new ArchiverMain()).execute(concat(common, "--redis", redis.uri(), "--batch", "0")))
                .isEqualTo(2);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** Records what the archiver reports. */
    static final class Recorder implements ArchiverListener {
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final List<Integer> entries = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> deadLetters = new CopyOnWriteArrayList<>();

        @Override
        public void batchArchived(int sales, int entryCount) {
            batches.add(sales);
            entries.add(entryCount);
        }

        @Override
        public void deadLettered(String entryId, String reason) {
            deadLetters.add(entryId);
        }

        @Override
        public void failed(String detail) {
            failures.add(detail);
        }
    }
}
