package pos.sync.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import pos.contract.auth.EntrySignature;
import pos.contract.auth.TillCredential;
import pos.contract.redis.RedisConnections;
import pos.contract.sale.SaleRecordJson;
import pos.core.sale.SaleRecord;
import pos.hub.archive.Archiver;
import pos.hub.archive.ArchiverListener;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.EntryAttribution;
import pos.hub.archive.MariaDbSaleArchive;
import pos.hub.archive.StreamArchiver;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.TestSales;
import pos.sync.testing.TestTills;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 10: a sale on the archive stream is archived only when a known till signed it and the sale
 * names that till; a forged one is kept in the unattributed stream, reported, and never reaches
 * MariaDB. Real Redis and MariaDB.
 */
@WithRedis
@WithMariaDb
@DisplayName("SEC-420 the sales archiver takes only sales a known till signed (R9, R10)")
class SaleStreamTrustSecTest {

    record Refusal(String stream, String entryId, String claimedTill, String reason) {
    }

    RedisProcess redis;
    MariaDbProcess mariadb;
    private String stream;
    private TestDatabase database;
    private ArchiveDb db;
    private RedisConnections connections;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestInfo test) {
        stream = "pos:archive:sec:" + test.getTestMethod().orElseThrow().getName();
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

    private Archiver archiver(MariaDbSaleArchive archive) {
        return new Archiver(ArchiverSettings.defaults("sec-archiver").withStreamKey(stream).withPeriod(Duration.ofMillis(100)),
                connections, archive, ArchiverListener.NONE, EntryAttribution.required(TestTills.KEYS,
                        (s, id, till, reason) -> refusals.add(new Refusal(s, id, till, reason))));
    }

    private static Map<String, String> fields(SaleRecord sale) {
        return Map.of("tx", sale.transactionId(), "kind", SqliteSaleJournal.SALE_FINISHED, "payload", SaleRecordJson.write(sale));
    }

    private long salesWithId(String transactionId) {
        return db.queryLong("SELECT COUNT(*) FROM sales WHERE transaction_id = '" + transactionId + "'");
    }

    @Test
    @DisplayName("SEC-421 an unsigned sale, a sale signed with the wrong key and a sale signed by another till than the one"
            + " it names are not archived; each is kept with its reason and reported naming the claimed till")
    void forgedSalesNeverReachMariaDb() {
        SaleRecord unsigned = TestSales.sale(21, "front-1", 1);
        SaleRecord wrongKey = TestSales.sale(21, "front-1", 2);
        SaleRecord otherTill = TestSales.sale(21, "front-1", 3);
        SaleRecord genuine = TestSales.sale(21, "front-1", 4);
        String unsignedId = commands.xadd(stream, fields(unsigned));
        String wrongKeyId = commands.xadd(stream, EntrySignature.sign(TillCredential.issue("front-1", new SecureRandom()),
                fields(wrongKey)));
        String otherTillId = commands.xadd(stream, TestTills.signed("back-2", fields(otherTill)));
        commands.xadd(stream, TestTills.signed("front-1", fields(genuine)));
        commands.xadd(stream, TestTills.signed("front-1", fields(genuine))); // sent again after a crash

        try (MariaDbSaleArchive archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 3);
                Archiver archiver = archiver(archive)) {
            archiver.start();
            await("the genuine sale is archived").atMost(Duration.ofSeconds(20)).until(() -> salesWithId(genuine.transactionId()), equalTo(1L));
            await("three forgeries are reported").atMost(Duration.ofSeconds(10)).until(refusals::size, equalTo(3));
            await("everything is acknowledged").atMost(Duration.ofSeconds(10))
                    .until(() -> commands.xpending(stream, ArchiverSettings.DEFAULT_CONSUMER_GROUP).getCount(), equalTo(0L));
        }
        assertThat(db.sales()).as("only the genuine sale, once").isEqualTo(1L);
        assertThat(refusals).containsExactly(
                new Refusal(stream, unsignedId, "(none)", "SEC: " + stream + " entry " + unsignedId
                        + " names no till (no 'till' field): no till wrote it"),
                new Refusal(stream, wrongKeyId, "front-1", "SEC: " + stream + " entry " + wrongKeyId
                        + " claims till front-1 but is not signed by it"),
                new Refusal(stream, otherTillId, "back-2", "SEC: " + stream + " entry " + otherTillId
                        + " is signed by till back-2 but its record names till 'front-1'"));
        List<StreamMessage<String, String>> kept = commands.xrange(StreamArchiver.unattributedKey(stream), Range.create("-", "+"));
        assertThat(kept).extracting(m -> m.getBody().get("entry")).containsExactly(unsignedId, wrongKeyId, otherTillId);
        assertThat(kept).allSatisfy(m -> assertThat(m.getBody().get("reason")).startsWith("SEC: " + stream + " entry "));
        assertThat(kept.get(0).getBody().get("payload")).as("kept for a person to look at").isEqualTo(
                SaleRecordJson.write(unsigned));
    }

    @Test
    @DisplayName("SEC-422 an entry whose signed fields were changed after signing (a tampered amount) is refused")
    void aTamperedSignedSaleIsRefused() {
        SaleRecord sale = TestSales.sale(22, "front-1", 1);
        Map<String, String> signed = new java.util.HashMap<>(TestTills.signed("front-1", fields(sale)));
        SaleRecord richer = new SaleRecord(sale.transactionId(), sale.tillId(), sale.state(), sale.currency(),
                sale.totalMinor() + 100_00, sale.taxMinor(), sale.openedAt(), sale.closedAt(), sale.lines(), sale.tenders());
        signed.put("payload", SaleRecordJson.write(richer));
        String id = commands.xadd(stream, signed);
        try (MariaDbSaleArchive archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 3);
                Archiver archiver = archiver(archive)) {
            archiver.start();
            await("the tampered sale is reported").atMost(Duration.ofSeconds(20)).until(refusals::size, equalTo(1));
        }
        assertThat(refusals.get(0).entryId()).isEqualTo(id);
        assertThat(refusals.get(0).reason()).endsWith("claims till front-1 but is not signed by it");
        assertThat(db.sales()).isZero();
    }
}
