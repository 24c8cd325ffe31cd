package pos.sync.events;

import pos.hub.events.MariaDbUiEventArchive;
import pos.hub.events.UiEventArchiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.events.PageIds;
import pos.core.events.UiEvent;
import pos.sync.SyncSettings;
import pos.hub.archive.MariaDbSaleArchive;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.StoreArchivers;
import pos.sync.testing.Await;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * R19 events from the till's journal to MariaDB through a Redis stream, against real engines:
 * each test runs its own Redis (it is stopped and restarted), the shared MariaDB or its own one.
 */
@WithMariaDb
@DisplayName("R19 buried points synced to MariaDB")
class UiEventSyncR19Test {

    static final Instant DAY = Instant.parse("2026-11-29T00:00:00Z");

    MariaDbProcess mariadb;

    @TempDir
    Path dataDir;

    /** This test's own Redis (stopped and restarted), held apart from the shared one the extension injects by type. */
    private record OwnRedis(RedisProcess process) {
    }

    private OwnRedis own;
    private RedisConnections connections;
    private final List<Integer> batches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        own = new OwnRedis(new RedisProcess().start());
        connections = RedisConnections.create(own.process().uri());
    }

    @AfterEach
    void tearDown() {
        connections.close();
        own.process().close();
    }

    static UiEvent event(long run, int i) {
        return new UiEvent(TestSales.transactionId(run, i), i % 3 == 0 ? UiEvent.Kind.ELEMENT_CLICKED : UiEvent.Kind.PAGE_SHOWN,
                "till-" + (1 + i % 2), i % 2 == 0 ? PageIds.TENDER_CARD : PageIds.QR_SHOWN, DAY.plusMillis(i * 10L));
    }

    private UiEventArchiver archiver(MariaDbSaleArchive archive, int batchSize) {
        return new UiEventArchiver(UiEventArchiver.Settings.defaults("archiver-1").withBatchSize(batchSize)
                .withPeriod(Duration.ofMillis(200)), connections, new MariaDbUiEventArchive(archive), batches::add,
                pos.sync.testing.TestTills.attribution());
    }

    private static MariaDbSaleArchive archive(TestDatabase database) {
        return MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 2);
    }

    private static Set<String> archivedIds(ArchiveDb db, TestDatabase database) {
        Set<String> ids = new HashSet<>();
        try (var c = database.openConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT event_id FROM ui_events")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static Set<String> idsOf(long run, int count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(TestSales.transactionId(run, i));
        }
        return ids;
    }

    @Test
    @DisplayName("R19 events go till → SQLite → Redis stream → MariaDB exactly once, ≤ N per transaction, with a Redis restart midway")
    void eventsReachMariaDbExactlyOnceAcrossARedisRestart() throws Exception {
        TestDatabase database = mariadb.createTestDatabase();
        ArchiveDb db = new ArchiveDb(database);
        try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir);
                JournaledEventSink sink = new JournaledEventSink(journal);
                UiEventOutbox outbox = new UiEventOutbox(journal, connections, UiEventOutbox.DEFAULT_STREAM_KEY, 250,
                        Duration.ofMillis(100), pos.sync.testing.TestTills.signer("till-1"));
                MariaDbSaleArchive archive = archive(database);
                UiEventArchiver archiver = archiver(archive, 100)) {
            outbox.start();
            archiver.start();
            for (int i = 0; i < 1_500; i++) {
                sink.record(event(7, i));
            }
            await("some events are archived").atMost(Duration.ofSeconds(30)).until(() -> db.queryLong("SELECT count(*) FROM ui_events") > 0);

            own.process().restart();
            for (int i = 1_500; i < 3_000; i++) {
                sink.record(event(7, i));
            }
            await("all 3,000 events are archived").atMost(Duration.ofSeconds(60))
                    .until(() -> db.queryLong("SELECT count(*) FROM ui_events"), equalTo(3_000L));
            await("the journal has handed everything on").atMost(Duration.ofSeconds(10)).until(journal::backlog, equalTo(0L));
            assertThat(sink.lost()).isZero();
            try (StatefulRedisConnection<String, String> c = connections.connect()) {
                // Wait while the archiver still runs: a read whose reply the restart cut off leaves entries
                // delivered but never seen (their events may already be in MariaDB from a resent copy); the
                // archiver finds such orphans on its next idle round (every 2 s), acknowledges and deletes them.
                await("acknowledged entries are deleted").atMost(Duration.ofSeconds(30))
                        .until(() -> c.sync().xlen(UiEventOutbox.DEFAULT_STREAM_KEY), equalTo(0L));
                assertThat(c.sync().xpending(UiEventOutbox.DEFAULT_STREAM_KEY, UiEventArchiver.DEFAULT_CONSUMER_GROUP)
                        .getCount()).isZero();
            }
        }
        assertThat(archivedIds(db, database)).isEqualTo(idsOf(7, 3_000));
        assertThat(batches).isNotEmpty().allMatch(size -> size <= 100);
        assertThat(db.queryLong("SELECT count(*) FROM ui_events WHERE target_id = 'tender.card' AND kind = 'PAGE_SHOWN'"))
                .isEqualTo(1_000); // i even and not a multiple of 3
        assertThat(db.queryLong("SELECT count(*) FROM ui_events WHERE client_id = 'till-2'")).isEqualTo(1_500);
    }

    @Test
    @DisplayName("R19 with Redis down events stay in SQLite, survive a till restart, and are handed on when Redis is back")
    void redisDownKeepsEventsInSqlite() {
        own.process().stop();
        try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir);
                JournaledEventSink sink = new JournaledEventSink(journal);
                UiEventOutbox outbox = new UiEventOutbox(journal, connections, UiEventOutbox.DEFAULT_STREAM_KEY, 100,
                        Duration.ofMillis(100), pos.sync.testing.TestTills.signer("till-1"))) {
            outbox.start();
            for (int i = 0; i < 300; i++) {
                sink.record(event(8, i));
            }
            await("all events are journaled").atMost(Duration.ofSeconds(10)).until(journal::count, equalTo(300L));
            Await.sleep(500);
            assertThat(outbox.online()).isFalse();
            assertThat(journal.backlog()).isEqualTo(300);
        }
        // The till restarts on the same data directory, Redis comes back.
        own.process().start();
        try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir);
                UiEventOutbox outbox = new UiEventOutbox(journal, connections, UiEventOutbox.DEFAULT_STREAM_KEY, 100,
                        Duration.ofMillis(100), pos.sync.testing.TestTills.signer("till-1"));
                StatefulRedisConnection<String, String> c = connections.connect()) {
            outbox.start();
            await("the backlog is handed on").atMost(Duration.ofSeconds(20)).until(journal::backlog, equalTo(0L));
            List<StreamMessage<String, String>> entries = c.sync().xrange(UiEventOutbox.DEFAULT_STREAM_KEY, Range.create("-", "+"));
            assertThat(entries).hasSize(300);
            assertThat(entries.get(0).getBody()).containsEntry("id", TestSales.transactionId(8, 0))
                    .containsEntry("kind", "ELEMENT_CLICKED").containsEntry("client", "till-1")
                    .containsEntry("target", PageIds.TENDER_CARD).containsEntry("at", Long.toString(DAY.toEpochMilli()));
        }
    }

    @Test
    @DisplayName("R19 with MariaDB down events wait in the stream unacknowledged and are archived once when it is back")
    void mariaDbDownThenUp() {
        try (MariaDbProcess own = new MariaDbProcess().start()) {
            TestDatabase database = own.createTestDatabase();
            ArchiveDb db = new ArchiveDb(database);
            try (SqliteUiEventJournal journal = SqliteUiEventJournal.open(dataDir);
                    JournaledEventSink sink = new JournaledEventSink(journal);
                    UiEventOutbox outbox = new UiEventOutbox(journal, connections, UiEventOutbox.DEFAULT_STREAM_KEY, 100,
                            Duration.ofMillis(100), pos.sync.testing.TestTills.signer("till-1"));
                    MariaDbSaleArchive archive = archive(database);
                    UiEventArchiver archiver = archiver(archive, 50);
                    StatefulRedisConnection<String, String> c = connections.connect()) {
                outbox.start();
                archiver.start();
                for (int i = 0; i < 100; i++) {
                    sink.record(event(9, i));
                }
                await("the first events are archived").atMost(Duration.ofSeconds(30))
                        .until(() -> db.queryLong("SELECT count(*) FROM ui_events"), equalTo(100L));

                own.stop();
                for (int i = 100; i < 400; i++) {
                    sink.record(event(9, i));
                }
                await("the new events are journaled").atMost(Duration.ofSeconds(10)).until(journal::count, equalTo(400L));
                await("the new events reach the stream").atMost(Duration.ofSeconds(20)).until(journal::backlog, equalTo(0L));
                await("the archiver holds read entries unacknowledged").atMost(Duration.ofSeconds(20)).until(() -> c.sync()
                        .xpending(UiEventOutbox.DEFAULT_STREAM_KEY, UiEventArchiver.DEFAULT_CONSUMER_GROUP).getCount() > 0);
                // While MariaDB is down nothing more is acknowledged (a batch may have committed just before it went).
                long held = c.sync().xlen(UiEventOutbox.DEFAULT_STREAM_KEY);
                assertThat(held).isPositive();
                Await.sleep(1_500);
                assertThat(c.sync().xlen(UiEventOutbox.DEFAULT_STREAM_KEY)).isEqualTo(held);

                own.start();
                await("all 400 events are archived").atMost(Duration.ofSeconds(60))
                        .until(() -> db.queryLong("SELECT count(*) FROM ui_events"), equalTo(400L));
                await("and only then acknowledged").atMost(Duration.ofSeconds(10)).until(() -> c.sync()
                        .xpending(UiEventOutbox.DEFAULT_STREAM_KEY, UiEventArchiver.DEFAULT_CONSUMER_GROUP).getCount(), equalTo(0L));
            }
            assertThat(archivedIds(db, database)).isEqualTo(idsOf(9, 400));
            assertThat(batches).allMatch(size -> size <= 50);
        }
    }

    @Test
    @DisplayName("R19 an entry that is not an event goes to the dead-letter stream with the reason; the rest is archived")
    void malformedEntriesAreDeadLettered() {
        TestDatabase database = mariadb.createTestDatabase();
        ArchiveDb db = new ArchiveDb(database);
        try (StatefulRedisConnection<String, String> c = connections.connect();
                MariaDbSaleArchive archive = archive(database);
                UiEventArchiver archiver = archiver(archive, 100)) {
            UiEvent good = event(10, 1);
            c.sync().xadd(UiEventOutbox.DEFAULT_STREAM_KEY, pos.sync.testing.TestTills.signed("till-1", java.util.Map.of("id", good.id(), "kind", good.kind().name(), "client",
                    good.clientId(), "target", good.targetId(), "at", Long.toString(good.at().toEpochMilli()))));
            String bad = c.sync().xadd(UiEventOutbox.DEFAULT_STREAM_KEY, pos.sync.testing.TestTills.signed("till-1", java.util.Map.of("id", "X", "kind", "HOVERED", "client", "till-1",
                    "target", "t", "at", "1")));
            String tooLong = c.sync().xadd(UiEventOutbox.DEFAULT_STREAM_KEY, pos.sync.testing.TestTills.signed("till-1", java.util.Map.of("id", "Y", "kind", "PAGE_SHOWN", "client",
                    "till-1", "target", "t".repeat(65), "at", "1")));
            archiver.start();
            await("the good event is archived").atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("SELECT count(*) FROM ui_events"), equalTo(1L));
            await("both bad entries are dead-lettered").atMost(Duration.ofSeconds(10))
                    .until(() -> c.sync().xlen(UiEventArchiver.DEFAULT_DEAD_LETTER_KEY), equalTo(2L));
            List<StreamMessage<String, String>> dead = c.sync().xrange(UiEventArchiver.DEFAULT_DEAD_LETTER_KEY, Range.create("-", "+"));
            assertThat(dead).extracting(m -> m.getBody().get("entry")).containsExactly(bad, tooLong);
            assertThat(dead).extracting(m -> m.getBody().get("reason")).containsExactly("unknown UI event kind 'HOVERED'",
                    "UI event field 'target' is longer than 64 characters");
        }
    }

    @Test
    @DisplayName("R19 the till's event service with Redis configured records and journals, and the hub's archiver takes the events into MariaDB")
    void serviceEndToEnd() {
        TestDatabase database = mariadb.createTestDatabase();
        ArchiveDb db = new ArchiveDb(database);
        SyncSettings settings = SyncSettings.standalone("till-9").withRedis(own.process().uri()).withSigner(pos.sync.testing.TestTills.signer("till-9"));
        try (UiEventService service = UiEventService.open(settings, dataDir);
                StoreArchivers hub = StoreArchivers.events(own.process().uri(), database)) {
            service.start();
            pos.core.events.EventRecorder recorder = new pos.core.events.EventRecorder(service.sink(), "till-9",
                    java.time.Clock.systemUTC());
            for (int i = 0; i < 25; i++) {
                recorder.pageShown(PageIds.TENDER_PAY_CODE);
            }
            await("the events are archived").atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("SELECT count(*) FROM ui_events WHERE client_id = 'till-9' AND target_id = 'tender.paycode'"), equalTo(25L));
            assertThat(service.lost()).isZero();
        }
    }
}
