package pos.sync.archive;

import pos.hub.archive.ArchiveSink;
import pos.hub.archive.MalformedArchiveEntryException;
import pos.hub.archive.MariaDbSaleArchive;
import pos.hub.archive.StreamArchiver;
import pos.hub.archive.StreamArchiverSettings;
import pos.hub.archive.UnableToArchiveException;
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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.ArchiveDb;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/** The shared consumer-group loop, with a small sink of notes into a real MariaDB table. */
@WithRedis
@WithMariaDb
@DisplayName("StreamArchiver")
class StreamArchiverTest {

    private static final String GROUP = "note-archivers";

    RedisProcess redis;
    MariaDbProcess mariadb;

    private String stream;
    private TestDatabase database;
    private ArchiveDb db;
    private RedisConnections connections;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;
    private final Recorder recorder = new Recorder();

    /** One parsed entry: a note with an id and a text of at most 16 characters in MariaDB. */
    record Note(String id, String text) {
    }

    /**
     * Notes into the table {@code notes} with one transaction per batch. Before each write it
     * passes {@link #gate} (held closed to look at Redis mid-write) and fails the first {@link
     * #failuresLeft} writes after its inserts, rolled back, as a lost connection would.
     */
    final class NoteSink implements ArchiveSink<Note> {
        volatile CountDownLatch gate = new CountDownLatch(0);
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger writeAttempts = new AtomicInteger();

        @Override
        public void prepare() {
            try (Connection c = database.openConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS notes (id VARCHAR(32) PRIMARY KEY, text VARCHAR(16) NOT NULL)");
            } catch (SQLException e) {
                throw new UnableToArchiveException("cannot create the notes table in " + database.name(), e);
            }
        }

        @Override
        public Note parse(StreamMessage<String, String> entry) {
            Map<String, String> body = entry.getBody();
            if (body == null || !body.containsKey("id") || !body.containsKey("text")) {
                throw new MalformedArchiveEntryException("not a note: " + body);
            }
            return new Note(body.get("id"), body.get("text"));
        }

        @Override
        public int write(List<Note> notes) {
            writeAttempts.incrementAndGet();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnableToArchiveException("interrupted before writing " + notes.size() + " notes", e);
            }
            try (Connection c = database.openConnection()) {
                c.setAutoCommit(false);
                try (Statement mode = c.createStatement();
                        PreparedStatement insert = c.prepareStatement(
                                "INSERT INTO notes (id, text) VALUES (?, ?) ON DUPLICATE KEY UPDATE text = VALUES(text)")) {
                    mode.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
                    for (Note note : notes) {
                        insert.setString(1, note.id());
                        insert.setString(2, note.text());
                        insert.executeUpdate();
                    }
                    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        c.rollback();
                        throw new UnableToArchiveException("the notes database went away before the commit", null);
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw new UnableToArchiveException("cannot write " + notes.size() + " notes: " + e.getMessage(), e);
                }
            } catch (SQLException e) {
                throw new UnableToArchiveException("cannot reach " + database.name() + ": " + e.getMessage(), e);
            }
            return notes.size();
        }

        @Override
        public boolean refusedData(RuntimeException failure) {
            return MariaDbSaleArchive.isRefusedData(failure);
        }
    }

    @BeforeEach
    void setUp(TestInfo test) {
        stream = "pos:notes:" + test.getTestMethod().orElseThrow().getName();
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

    private StreamArchiverSettings settings(int batchSize) {
        return StreamArchiverSettings.of(stream, GROUP, "archiver-1", batchSize, Duration.ofMillis(200));
    }

    private StreamArchiver<Note> archiver(StreamArchiverSettings settings, NoteSink sink) {
        return new StreamArchiver<>("Note archiver", StreamArchiverTest.class, "pos-note-archiver", settings, connections, sink,
                recorder, pos.hub.archive.EntryAttribution.notChecked("these tests are about the loop; SEC-4xx tests check attribution"));
    }

    private String note(String id, String text) {
        return commands.xadd(stream, "id", id, "text", text);
    }

    private long pending() {
        return commands.xpending(stream, GROUP).getCount();
    }

    private long notes() {
        return db.queryLong("SELECT count(*) FROM notes");
    }

    @Test
    @DisplayName("R10 an entry is acknowledged and deleted only after its batch committed; a failed batch stays pending and is retried")
    void acknowledgesOnlyAfterTheCommit() {
        for (int i = 0; i < 6; i++) {
            note("note-" + i, "text " + i);
        }
        NoteSink sink = new NoteSink();
        sink.gate = new CountDownLatch(1);
        sink.failuresLeft.set(2);
        try (StreamArchiver<Note> archiver = archiver(settings(10), sink)) {
            archiver.start();
            await("the batch is being written").atMost(Duration.ofSeconds(10)).until(() -> sink.writeAttempts.get() == 1);
            assertThat(pending()).as("read, not acknowledged while the write is in flight").isEqualTo(6);
            assertThat(commands.xlen(stream)).as("nothing deleted before the commit").isEqualTo(6);

            sink.gate.countDown();
            await("the write fails twice").atMost(Duration.ofSeconds(10)).until(() -> recorder.failures.size() >= 2);
            assertThat(recorder.failures).allSatisfy(f -> assertThat(f).contains("went away before the commit"));
            assertThat(pending()).as("a rolled-back batch is not acknowledged").isEqualTo(6);
            assertThat(commands.xlen(stream)).isEqualTo(6);

            await("the retried batch is committed").atMost(Duration.ofSeconds(20)).until(this::notes, equalTo(6L));
            await("and only then acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
            await("and deleted").atMost(Duration.ofSeconds(10)).until(() -> commands.xlen(stream), equalTo(0L));
        }
        assertThat(recorder.committed).containsExactly(6);
        assertThat(recorder.deadLetters).isEmpty();
    }

    @Test
    @DisplayName("an entry that cannot be parsed, or whose data MariaDB refuses, goes to the dead-letter stream; its batch is archived")
    void malformedAndRefusedEntriesAreDeadLettered() {
        note("note-1", "fine");
        String notANote = commands.xadd(stream, "something", "else");
        String tooLong = note("note-2", "x".repeat(17)); // the column holds 16
        note("note-3", "fine too");
        StreamArchiverSettings settings = settings(10).deadLetteredTo(stream + ":dead", "entry");
        try (StreamArchiver<Note> archiver = archiver(settings, new NoteSink())) {
            archiver.start();
            await("the good notes are archived").atMost(Duration.ofSeconds(20)).until(this::notes, equalTo(2L));
            await("everything is acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
        }
        assertThat(commands.xlen(stream)).as("every entry deleted: archived or dead-lettered").isZero();
        List<StreamMessage<String, String>> dead = commands.xrange(stream + ":dead", Range.create("-", "+"));
        assertThat(dead).extracting(m -> m.getBody().get("entry")).containsExactlyInAnyOrder(notANote, tooLong);
        assertThat(dead).filteredOn(m -> m.getBody().get("entry").equals(notANote)).singleElement().satisfies(m -> {
            assertThat(m.getBody().get("reason")).startsWith("not a note");
            assertThat(m.getBody().get("something")).isEqualTo("else");
            assertThat(m.getBody().get("consumer")).isEqualTo("archiver-1");
        });
        assertThat(dead).filteredOn(m -> m.getBody().get("entry").equals(tooLong)).singleElement().satisfies(m -> {
            assertThat(m.getBody().get("reason")).startsWith("refused by MariaDB: ");
            assertThat(m.getBody().get("id")).isEqualTo("note-2");
        });
        assertThat(recorder.deadLetters).containsExactlyInAnyOrder(notANote, tooLong);
        assertThat(db.queryLong("SELECT count(*) FROM notes WHERE id IN ('note-1', 'note-3')")).isEqualTo(2);
    }

    @Test
    @DisplayName("with malformed entries left pending, a bad entry is neither dead-lettered nor acknowledged, and blocks nothing")
    void malformedEntriesCanBeLeftPending() {
        note("note-1", "fine");
        String notANote = commands.xadd(stream, "something", "else");
        note("note-2", "fine too");
        try (StreamArchiver<Note> archiver = archiver(settings(10), new NoteSink())) {
            archiver.start();
            await("the good notes are archived").atMost(Duration.ofSeconds(20)).until(this::notes, equalTo(2L));
            await("only the bad entry is left").atMost(Duration.ofSeconds(10)).until(() -> commands.xlen(stream), equalTo(1L));
        }
        assertThat(pending()).isEqualTo(1);
        assertThat(commands.xpending(stream, GROUP).getMessageIds().getLower().getValue()).isEqualTo(notANote);
        assertThat(commands.exists(stream + ":dead")).isZero();
        assertThat(recorder.deadLetters).isEmpty();
    }

    @Test
    @DisplayName("with several writers, entries a dead consumer left pending are claimed, archived once and trimmed")
    @SuppressWarnings("unchecked")
    void deadConsumersEntriesAreClaimedByAPoolOfWriters() {
        for (int i = 0; i < 30; i++) {
            note("note-" + i, "text " + i);
        }
        commands.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), GROUP,
                XGroupCreateArgs.Builder.mkstream());
        List<StreamMessage<String, String>> takenByTheDead = commands.xreadgroup(
                Consumer.from(GROUP, "dead-archiver"), XReadArgs.Builder.count(12),
                XReadArgs.StreamOffset.lastConsumed(stream));
        assertThat(takenByTheDead).hasSize(12);
        StreamArchiverSettings settings = settings(5).withWriters(3).withClaimMinIdle(Duration.ofMillis(300))
                .trimmedEvery(Duration.ofMillis(200));
        try (StreamArchiver<Note> archiver = archiver(settings, new NoteSink())) {
            archiver.start();
            await("every note is archived").atMost(Duration.ofSeconds(20)).until(this::notes, equalTo(30L));
            await("and acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
            await("and trimmed").atMost(Duration.ofSeconds(10)).until(() -> commands.xlen(stream), equalTo(0L));
        }
        assertThat(recorder.committed).allMatch(size -> size <= 5);
        assertThat(recorder.committed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
    }

    @Test
    @DisplayName("R10 with two writers, a batch read and parsed ahead while both writes fail is not acknowledged: it is read again and archived once")
    void aBatchReadAheadIsNotAcknowledgedWhenTheWritesFail() {
        for (int i = 0; i < 20; i++) {
            note("note-" + i, "text " + i);
        }
        NoteSink sink = new NoteSink();
        sink.gate = new CountDownLatch(1);
        sink.failuresLeft.set(2);
        try (StreamArchiver<Note> archiver = archiver(settings(5).withWriters(2), sink)) {
            archiver.start();
            await("both writers are writing").atMost(Duration.ofSeconds(10)).until(() -> sink.writeAttempts.get() == 2);
            await("and a third batch is read ahead").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(15L));
            assertThat(notes()).as("nothing committed yet").isZero();

            sink.gate.countDown();
            await("both writes fail").atMost(Duration.ofSeconds(10)).until(() -> recorder.failures.size() >= 1);
            await("every note is archived").atMost(Duration.ofSeconds(20)).until(this::notes, equalTo(20L));
            await("and acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
        }
        assertThat(recorder.failures).allSatisfy(f -> assertThat(f).contains("went away before the commit"));
        assertThat(recorder.committed.stream().mapToInt(Integer::intValue).sum()).as("each note committed once").isEqualTo(20);
    }

    @Test
    @DisplayName("R10 entries delivered to a running archiver that it never saw (a read the client sent again after a reconnect) are archived within seconds")
    @SuppressWarnings("unchecked")
    void entriesDeliveredButNeverSeenAreArchived() {
        note("note-0", "first");
        StreamArchiverSettings settings = settings(10).withClaimMinIdle(Duration.ofMinutes(10)); // no stale claim in this test
        try (StreamArchiver<Note> archiver = archiver(settings, new NoteSink())) {
            archiver.start();
            await("the first note is archived").atMost(Duration.ofSeconds(20)).until(this::notes, equalTo(1L));
            // What Redis did with a read whose reply was lost in a restart: the entries went into archiver-1's
            // pending list, and archiver-1 never saw them. One transaction, so its own blocked read gets nothing.
            commands.multi();
            for (int i = 1; i <= 5; i++) {
                commands.xadd(stream, "id", "note-" + i, "text", "text " + i);
            }
            commands.xreadgroup(Consumer.from(GROUP, "archiver-1"), XReadArgs.Builder.count(5),
                    XReadArgs.StreamOffset.lastConsumed(stream));
            assertThat(commands.exec().wasDiscarded()).isFalse();
            assertThat(pending()).as("delivered to archiver-1, unseen").isEqualTo(5);
            await("the unseen entries are archived").atMost(Duration.ofSeconds(10)).until(this::notes, equalTo(6L));
            await("and acknowledged").atMost(Duration.ofSeconds(10)).until(this::pending, equalTo(0L));
        }
    }

    /** Records what the archiver reports. */
    static final class Recorder implements StreamArchiver.Listener {
        final List<Integer> committed = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> deadLetters = new CopyOnWriteArrayList<>();

        @Override
        public void committed(int written, int entries) {
            committed.add(written);
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
