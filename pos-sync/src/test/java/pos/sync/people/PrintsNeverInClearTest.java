package pos.sync.people;

import pos.contract.people.SealedPrint;
import pos.hub.people.PeopleArchiver;
import static org.assertj.core.api.Assertions.assertThat;
import static pos.sync.testing.Await.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import pos.core.people.Clerk;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.Role;
import pos.core.people.StoredPrint;
import pos.sync.journal.SqliteSaleJournal;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Prints never appear unencrypted: prints of several clerks and members are enrolled on till A,
 * synced through Redis and the hub into MariaDB and pulled by till B; then every byte of both
 * tills' SQLite files (db, -wal, -shm, and everything else in their data directories), every
 * Redis key and value, every column of every MariaDB table (found through information_schema)
 * and every captured log line are searched for the raw templates and their base64 and hex forms.
 * None is found; the ciphertexts are (the scan reads what it claims to).
 */
@WithRedis
@WithMariaDb
@DisplayName("R18 prints never appear unencrypted in SQLite, Redis, MariaDB or the logs")
class PrintsNeverInClearTest {

    static final String DRIVER = "libfprint/virtual_image";
    RedisProcess redisProcess;
    TestDatabase database;
    @TempDir
    Path tillADir;
    @TempDir
    Path tillBDir;
    PeopleFixture store;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Level posLevel;

    @BeforeEach
    void setUp() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        ch.qos.logback.classic.Logger pos = context.getLogger("pos");
        posLevel = pos.getLevel();
        pos.setLevel(Level.DEBUG); // the most the tills and the hub ever say
        store = new PeopleFixture(redisProcess, database, "clear" + System.nanoTime());
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("pos").setLevel(posLevel);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        logs.stop();
    }

    @Test
    void noTemplateInTheClearInSqliteRedisMariaDbOrLogs() throws Exception {
        TillPeople tillA = store.till(tillADir);
        TillPeople tillB = store.till(tillBDir);
        List<byte[]> templates = new ArrayList<>();
        List<String> printIds = new ArrayList<>();
        Random random = new Random(2026);
        for (int i = 0; i < 3; i++) {
            Clerk clerk = tillA.addClerk("Clerk " + i, i == 0 ? Role.SUPERVISOR : Role.CASHIER, ("90" + i + "1" + (i == 0 ? "23" : "")).toCharArray());
            Member member = tillA.addMember("Member " + i, Currency.getInstance("EUR"));
            for (var person : List.of(new Object[] {clerk.id(), PersonKind.CLERK}, new Object[] {member.id(), PersonKind.MEMBER})) {
                byte[] template = new byte[400 + 100 * i];
                random.nextBytes(template);
                templates.add(template);
                printIds.add(tillA.storePrint(new StoredPrint((String) person[0], (PersonKind) person[1], "right-index", DRIVER,
                        template)));
            }
        }
        tillA.push();
        await("till B has every print from the store").atMost(Duration.ofSeconds(15)).until(() -> {
            tillB.pull();
            return tillB.prints(PersonKind.MEMBER, DRIVER).usable().size() == 3
                    && tillB.prints(PersonKind.CLERK, DRIVER).usable().size() == 3;
        });
        await("MariaDB has every print").atMost(Duration.ofSeconds(10)).until(() -> store.mariaDb.snapshot().prints().size() == 6);
        // Both tills opened them (in memory only) for matching.
        assertThat(tillB.prints(PersonKind.MEMBER, DRIVER).usable()).extracting(e -> e.print().template().length)
                .containsExactlyInAnyOrder(400, 500, 600);

        List<byte[]> ciphertexts = tillA.store().allPrints().stream().map(SealedPrint::ciphertext).toList();
        assertThat(ciphertexts).hasSize(6);
        Forbidden forbidden = new Forbidden(templates);

        String sqlite = sqliteFiles(tillA) + sqliteFiles(tillB);
        forbidden.assertAbsent("the tills' SQLite files (db, -wal, -shm) and data directories", sqlite);
        for (byte[] c : ciphertexts) {
            assertThat(sqlite.contains(latin1(c))).as("the scan reads SQLite: it finds a ciphertext").isTrue();
        }

        String redis = redisDump();
        forbidden.assertAbsent("Redis (every key and value)", redis);
        for (byte[] c : ciphertexts) {
            assertThat(redis).as("the scan reads Redis: it finds a ciphertext in base64")
                    .contains(Base64.getEncoder().encodeToString(c));
        }

        String mariaDb = mariaDbDump();
        forbidden.assertAbsent("MariaDB (every column of every table)", mariaDb);
        for (byte[] c : ciphertexts) {
            assertThat(mariaDb.contains(latin1(c))).as("the scan reads MariaDB: it finds a ciphertext").isTrue();
        }

        String logLines = logLines();
        forbidden.assertAbsent("the tills' and the hub's log lines", logLines);
        assertThat(logLines).as("the scan reads the logs: they name the stored prints").contains(printIds)
                .contains("PeopleArchiver");
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String sqliteFiles(TillPeople till) {
        Path db = till.store().file();
        assertThat(db.getFileName().toString()).isEqualTo(SqliteSaleJournal.FILE_NAME);
        StringBuilder all = new StringBuilder();
        boolean sawWal = false;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(file)) {
                sawWal |= suffix.equals("-wal");
                all.append(bytes(file));
            }
        }
        assertThat(sawWal).as("the WAL file is read too").isTrue();
        try (Stream<Path> files = Files.walk(db.getParent())) {
            files.filter(Files::isRegularFile).forEach(f -> all.append(bytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    private static String bytes(Path file) {
        try {
            return latin1(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every key of every type with its value as the type's read command gives it, plus the key's DUMP. */
    private String redisDump() {
        StringBuilder all = new StringBuilder();
        try (StatefulRedisConnection<String, String> connection = store.redis.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            int keys = 0;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.limit(500));
                for (String key : page.getKeys()) {
                    keys++;
                    all.append(key).append('\n');
                    switch (redis.type(key)) {
                        case "string" -> all.append(redis.get(key));
                        case "hash" -> all.append(redis.hgetall(key));
                        case "list" -> all.append(redis.lrange(key, 0, -1));
                        case "set" -> all.append(redis.smembers(key));
                        case "zset" -> all.append(redis.zrangeWithScores(key, 0, -1));
                        case "stream" -> all.append(redis.xrange(key, Range.create("-", "+")));
                        case "none" -> { } // expired meanwhile
                        default -> throw new AssertionError("Redis key " + key + " has a type the scan does not read");
                    }
                    byte[] dump = redis.dump(key);
                    if (dump != null) {
                        all.append(latin1(dump));
                    }
                    all.append('\n');
                }
                cursor = page;
            } while (!cursor.isFinished());
            assertThat(keys).as("keys in Redis").isPositive();
        }
        return all.toString();
    }

    /** Every column of every row of every table of the test database, found through information_schema. */
    private String mariaDbDump() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = database.openConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("clerks", "members", "prints", "member_ledger");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM `" + table + "`")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        all.append(table).append(':');
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            int type = meta.getColumnType(i);
                            boolean binary = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
                                    || type == Types.BLOB;
                            byte[] raw = binary ? rs.getBytes(i) : null;
                            String value = binary ? (raw == null ? null : latin1(raw)) : rs.getString(i);
                            all.append(value == null ? "NULL" : value).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private String logLines() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            all.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append(' ')
                    .append(event.getMDCPropertyMap());
            if (event.getThrowableProxy() != null) {
                all.append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            all.append('\n');
        }
        assertThat(logs.list).as("log events captured").isNotEmpty();
        return all.toString();
    }

    /** Each template raw (whole and 24-byte slices), in base64 (standard and URL-safe) and in hex (both cases). */
    private static final class Forbidden {
        final List<String> needles = new ArrayList<>();

        Forbidden(List<byte[]> templates) {
            for (byte[] t : templates) {
                needles.add(latin1(t));
                for (int from = 0; from + 24 <= t.length; from += 97) {
                    needles.add(latin1(java.util.Arrays.copyOfRange(t, from, from + 24)));
                    needles.add(HexFormat.of().formatHex(java.util.Arrays.copyOfRange(t, from, from + 24)));
                }
                needles.add(Base64.getEncoder().encodeToString(t));
                needles.add(Base64.getUrlEncoder().encodeToString(t));
                // base64 of a slice starting on a 3-byte boundary appears inside the whole's base64 wherever it is
                needles.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(t, 99, 99 + 48)));
                needles.add(HexFormat.of().formatHex(t));
                needles.add(HexFormat.of().withUpperCase().formatHex(t));
            }
        }

        void assertAbsent(String where, String text) {
            assertThat(text).as("scanned text of %s", where).isNotEmpty();
            for (int i = 0; i < needles.size(); i++) {
                assertThat(text.contains(needles.get(i))).as("%s hold template form #%d", where, i).isFalse();
            }
        }
    }
}
