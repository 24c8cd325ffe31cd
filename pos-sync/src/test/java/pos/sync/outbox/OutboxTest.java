package pos.sync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.core.sale.SaleRecord;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.Await;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("Outbox")
class OutboxTest {

    RedisProcess sharedRedis;

    @TempDir
    Path dataDir;

    private SqliteSaleJournal journal;
    private String stream;
    private final List<StreamOutbox.Status> statuses = new CopyOnWriteArrayList<>();
    private final StreamOutbox.Listener recorder = new StreamOutbox.Listener() {
        @Override
        public void statusChanged(StreamOutbox.Status status) {
            statuses.add(status);
        }
    };

    @BeforeEach
    void openJournal(TestInfo test) {
        journal = SqliteSaleJournal.open(dataDir);
        stream = "pos:archive:" + test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    @Test
    @DisplayName("each journaled sale goes to the archive stream with tx, kind and payload, and the position moves past it")
    void handsJournaledSalesOnToTheStream() {
        List<SaleRecord> sales = TestSales.sales(1, "till-1", 25);
        sales.forEach(journal::append);
        try (RedisConnections redis = RedisConnections.create(sharedRedis.uri());
                Outbox outbox = new Outbox(journal, redis, stream, 10, recorder, pos.sync.testing.TestTills.signer("till-1"));
                StatefulRedisConnection<String, String> reader = redis.connect()) {
            outbox.start();
            await("the backlog is empty").atMost(Duration.ofSeconds(10)).until(journal::backlog, equalTo(0L));
            List<StreamMessage<String, String>> entries = reader.sync().xrange(stream, io.lettuce.core.Range.create("-", "+"));
            assertThat(entries).hasSize(25);
            for (int i = 0; i < 25; i++) {
                StreamMessage<String, String> entry = entries.get(i);
                assertThat(entry.getBody()).containsOnlyKeys("tx", "kind", "payload", "till", "sig");
                assertThat(entry.getBody().get("till")).isEqualTo("till-1");
                assertThat(pos.contract.auth.EntrySignature.verify(
                        pos.sync.testing.TestTills.credential("till-1").streamSigningKey(), entry.getBody())).isTrue();
                assertThat(entry.getBody().get("tx")).isEqualTo(sales.get(i).transactionId());
                assertThat(entry.getBody().get("kind")).isEqualTo(SqliteSaleJournal.SALE_FINISHED);
                assertThat(SaleRecordJson.read(entry.getBody().get("payload"))).isEqualTo(sales.get(i));
            }
            assertThat(journal.handedOnSeq()).isEqualTo(25);
            assertThat(outbox.status()).isEqualTo(new StreamOutbox.Status(true, ""));
        }
    }

    @Test
    @DisplayName("a sale appended while online reaches the stream promptly: the append wakes the outbox")
    void appendWakesTheOutbox() {
        try (RedisConnections redis = RedisConnections.create(sharedRedis.uri());
                Outbox outbox = new Outbox(journal, redis, stream, Outbox.DEFAULT_BATCH_SIZE, recorder, pos.sync.testing.TestTills.signer("till-1"));
                StatefulRedisConnection<String, String> reader = redis.connect()) {
            outbox.start();
            await("the outbox is online").atMost(Duration.ofSeconds(10)).until(() -> outbox.status().online());
            List<Long> latenciesMillis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Await.sleep(300); // let the outbox go idle (it would otherwise look only every HEARTBEAT)
                long started = System.nanoTime();
                journal.append(TestSales.sale(2, "till-1", i));
                long expected = i + 1;
                await("the sale is in the stream").atMost(Duration.ofSeconds(5)).until(() -> reader.sync().xlen(stream) == expected);
                latenciesMillis.add((System.nanoTime() - started) / 1_000_000);
            }
            // Without the wake-up each would wait up to a heartbeat (1 s), half of them over 500 ms.
            assertThat(latenciesMillis).as("append-to-stream latencies in ms").allMatch(ms -> ms < 500);
        }
    }

    @Test
    @DisplayName("with Redis down it reports offline with a plain reason, appends still complete, and the backlog drains when Redis is back")
    void redisOutageLosesNothing() {
        // appendfsync always: what Redis acknowledged before the kill must still be there after it.
        try (RedisProcess own = RedisProcess.builder().appendFsync(RedisProcess.AppendFsync.ALWAYS).build().start();
                RedisConnections redis = RedisConnections.create(own.uri());
                Outbox outbox = new Outbox(journal, redis, stream, Outbox.DEFAULT_BATCH_SIZE, recorder, pos.sync.testing.TestTills.signer("till-1"))) {
            outbox.start();
            for (int i = 0; i < 10; i++) {
                journal.append(TestSales.sale(3, "till-1", i));
            }
            await("the first sales are handed on").atMost(Duration.ofSeconds(10)).until(journal::backlog, equalTo(0L));

            own.kill();
            for (int i = 10; i < 110; i++) {
                assertThat(journal.append(TestSales.sale(3, "till-1", i))).isTrue();
            }
            await("the outbox reports the outage").atMost(Duration.ofSeconds(10))
                    .until(outbox::status, equalTo(new StreamOutbox.Status(false, "redis 127.0.0.1:" + own.port() + ": connection refused")));
            assertThat(journal.backlog()).isEqualTo(100);

            own.start();
            await("the backlog drains").atMost(Duration.ofSeconds(15)).until(journal::backlog, equalTo(0L));
            await("the outbox is online").atMost(Duration.ofSeconds(5)).until(() -> outbox.status().online());
            assertThat(((Number) own.call("XLEN", stream)).longValue()).isEqualTo(110);
        }
    }

    @Test
    @DisplayName("an outbox started while Redis is down hands everything on once Redis comes up")
    void startsWhileRedisIsDown() {
        try (RedisProcess own = new RedisProcess().start()) {
            own.stop();
            TestSales.sales(4, "till-1", 30).forEach(journal::append);
            try (RedisConnections redis = RedisConnections.create(own.uri());
                    Outbox outbox = new Outbox(journal, redis, stream, Outbox.DEFAULT_BATCH_SIZE, recorder, pos.sync.testing.TestTills.signer("till-1"))) {
                outbox.start();
                await("the outbox reports the outage").atMost(Duration.ofSeconds(10))
                        .until(() -> outbox.status().detail().endsWith("connection refused"));
                own.start();
                await("the backlog drains").atMost(Duration.ofSeconds(15)).until(journal::backlog, equalTo(0L));
                assertThat(((Number) own.call("XLEN", stream)).longValue()).isEqualTo(30);
                assertThat(statuses).last().isEqualTo(new StreamOutbox.Status(true, ""));
            }
        }
    }

    @Test
    @DisplayName("OutboxMain drains a till's journal into Redis without the till and exits")
    void outboxMainDrainsAJournal() {
        TestSales.sales(6, "till-1", 12).forEach(journal::append);
        journal.close(); // the till is not running
        Path credential = dataDir.resolve("hub-credential");
        pos.contract.auth.SecretFiles.write(credential, pos.sync.testing.TestTills.credential("till-1").text(), "test");
        int exit = new picocli.CommandLine(new OutboxMain()).execute("--data", dataDir.toString(), "--redis",
                sharedRedis.uri(), "--stream", stream, "--until-drained", "--credential-file", credential.toString());
        assertThat(exit).isZero();
        assertThat(((Number) sharedRedis.call("XLEN", stream)).longValue()).isEqualTo(12);
        journal = SqliteSaleJournal.open(dataDir);
        assertThat(journal.backlog()).isZero();
    }

    @Test
    @DisplayName("SEC-410 a till with sync on and no credential holds its sales in the journal, says which setting is missing,"
            + " and hands them on once it has one")
    void withoutACredentialTheOutboxHoldsAndLosesNothing() {
        TestSales.sales(7, "till-1", 5).forEach(journal::append);
        try (RedisConnections redis = RedisConnections.create(sharedRedis.uri());
                Outbox outbox = new Outbox(journal, redis, stream, 10, recorder,
                        pos.sync.auth.StreamSigner.missing("till-1"))) {
            outbox.start();
            await("the outbox says what is missing").atMost(Duration.ofSeconds(10))
                    .until(() -> outbox.status().detail().equals("sync needs this till's credential (pos.hub.credentialFile):"
                            + " ./pos hub tills add till-1"));
            assertThat(outbox.status().online()).isFalse();
            assertThat(((Number) sharedRedis.call("XLEN", stream)).longValue()).as("nothing unsigned is written").isZero();
            assertThat(journal.backlog()).isEqualTo(5);
        }
        try (RedisConnections redis = RedisConnections.create(sharedRedis.uri());
                Outbox outbox = new Outbox(journal, redis, stream, 10, recorder, pos.sync.testing.TestTills.signer("till-1"))) {
            outbox.start();
            await("the held sales are handed on").atMost(Duration.ofSeconds(10)).until(journal::backlog, equalTo(0L));
            assertThat(((Number) sharedRedis.call("XLEN", stream)).longValue()).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("SEC-410 OutboxMain without a credential exits 2 and hands nothing on")
    void outboxMainWithoutACredentialHandsNothingOn() {
        TestSales.sales(8, "till-1", 3).forEach(journal::append);
        journal.close();
        int exit = new picocli.CommandLine(new OutboxMain()).execute("--data", dataDir.toString(), "--redis",
                sharedRedis.uri(), "--stream", stream, "--until-drained");
        assertThat(exit).isEqualTo(2);
        assertThat(((Number) sharedRedis.call("XLEN", stream)).longValue()).isZero();
        journal = SqliteSaleJournal.open(dataDir);
        assertThat(journal.backlog()).isEqualTo(3);
    }

    @Test
    @DisplayName("OutboxMain refuses a bad Redis URI with a message and exit code 2")
    void outboxMainRefusesBadUri() {
        journal.close();
        int exit = new picocli.CommandLine(new OutboxMain()).execute("--data", dataDir.toString(), "--redis", "hub:6379");
        assertThat(exit).isEqualTo(2);
        journal = SqliteSaleJournal.open(dataDir);
    }

    @Test
    @DisplayName("a sale the outbox sends again after a crash reaches the stream again; the archiver's upsert makes that harmless")
    void resendsAfterACrashBetweenXaddAndThePositionMove() {
        TestSales.sales(5, "till-1", 3).forEach(journal::append);
        try (RedisConnections redis = RedisConnections.create(sharedRedis.uri())) {
            try (Outbox outbox = new Outbox(journal, redis, stream, 10, recorder, pos.sync.testing.TestTills.signer("till-1"))) {
                outbox.start();
                await("the backlog is empty").atMost(Duration.ofSeconds(10)).until(journal::backlog, equalTo(0L));
            }
            // As if the till had died after the XADDs and before the position moved:
            try (java.sql.Connection sqlite = java.sql.DriverManager.getConnection("jdbc:sqlite:" + journal.file());
                    java.sql.Statement st = sqlite.createStatement()) {
                st.executeUpdate("UPDATE sync_position SET handed_on_seq = 1");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            try (Outbox outbox = new Outbox(journal, redis, stream, 10, recorder, pos.sync.testing.TestTills.signer("till-1"))) {
                outbox.start();
                await("the backlog is empty").atMost(Duration.ofSeconds(10)).until(journal::backlog, equalTo(0L));
            }
            assertThat(((Number) sharedRedis.call("XLEN", stream)).longValue()).isEqualTo(5); // 3 + 2 sent again
        }
    }
}
