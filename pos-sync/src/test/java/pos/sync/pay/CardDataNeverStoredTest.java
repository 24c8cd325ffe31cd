package pos.sync.pay;

import pos.sync.testing.TestTills;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.gateway.sandbox.SandboxGateway;
import pos.hub.archive.ArchiverSettings;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.sync.outbox.Outbox;
import pos.sync.outbox.StreamOutbox;
import pos.contract.pay.PaymentKeys;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.TestClock;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * A full card number or a PIN is never stored or logged: card payments (paid and refused) run
 * through the whole path (till desk → journal → Redis pending queue and result board → sandbox
 * gateway → notification → store hub → Redis; the sales → outbox → archive stream → hub archiver →
 * MariaDB), then every byte of the SQLite journal files, every Redis key and value, every column
 * of every MariaDB table and every log line of the till, the hub and the sandbox are searched.
 */
@WithRedis
@WithMariaDb
@DisplayName("R13 R18 a full card number or a PIN is never stored or logged: journal, Redis, MariaDB, logs")
class CardDataNeverStoredTest {

    /** card number, the PIN typed, what the gateway says. */
    private static final List<String[]> PAYMENTS = List.of(
            new String[] {"4111111111111111", "123456", "PAID"},
            new String[] {"5555555555554444", "654321", "PAID"},
            new String[] {"4111111111111111", "975310", "WRONG_PIN"},
            new String[] {"4000056655665556", "246810", "DECLINED"},
            new String[] {"6250941006528599", "888888", "INSUFFICIENT_FUNDS"},
            new String[] {"6250941006528599", "888888", "PAID"});

    RedisProcess sharedRedis;
    TestDatabase database;
    @TempDir
    Path ledgerDir;
    @TempDir
    Path dataDir;
    SandboxGateway sandbox;
    StoreHub hub;
    DeskFixture till;
    Outbox outbox;
    String prefix;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Level posLevel;

    @BeforeEach
    void start(TestInfo test) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        Logger pos = context.getLogger("pos");
        posLevel = pos.getLevel();
        pos.setLevel(Level.DEBUG); // the most the till, the hub and the sandbox ever say

        prefix = "n" + test.getTestMethod().orElseThrow().getName();
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(47).fastRetries(200).build().start();
        HubSettings hubSettings = HubSettings.builder().tillKeys(TestTills.KEYS)
                .redis(sharedRedis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .keys(new PaymentKeys(prefix))
                .archiver(ArchiverSettings.defaults("hub-" + prefix).withStreamKey(prefix + ":archive")
                        .withPeriod(Duration.ofMillis(100)))
                .build();
        // Whole seconds: no random sub-second digits in the stored times that a PIN could be confused with.
        TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        hub = new StoreHub(hubSettings, new SandboxPaymentGateway(sandbox.baseUri()), clock);
        hub.start();
        String notifyUrl = hub.baseUri().resolve("notify/sandbox").toString();
        PaymentSettings settings = PaymentSettings.defaults(notifyUrl, hub.baseUri()).withTickEvery(Duration.ofMillis(20));
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, prefix, settings,
                real -> new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofMinutes(2), notifyUrl), clock);
        outbox = new Outbox(till.journal, till.redis, prefix + ":archive", 10, StreamOutbox.Listener.NONE,
                TestTills.signer("till-1"));
        outbox.start();
    }

    @AfterEach
    void stop() {
        if (outbox != null) {
            outbox.close();
        }
        if (till != null) {
            till.close();
        }
        if (hub != null) {
            hub.close();
        }
        sandbox.close();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("pos").setLevel(posLevel);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        logs.stop();
    }

    @Test
    @DisplayName("after paid and refused card payments, no store and no log line holds a card number or a PIN")
    void noCardNumberOrPinAnywhere() throws Exception {
        List<String> paidAttempts = new ArrayList<>();
        int sales = 0;
        for (String[] payment : PAYMENTS) {
            long minor = payment[2].equals("INSUFFICIENT_FUNDS") ? 60_000 : 1_000 + 111L * sales;
            PaymentOrder order = till.order(PaymentMethod.BANK_CARD, minor);
            PaymentSession session = till.desk.startCard(order, DeskFixture.card(order, payment[0], payment[1]));
            boolean paid = payment[2].equals("PAID");
            till.awaitState(session, paid ? State.PAID : State.FAILED);
            if (paid) {
                paidAttempts.add(order.outTradeNo());
                sales++;
                till.journal.append(saleWithCard(order));
                outbox.wake();
            } else {
                assertThat(session.reasonCode().map(pos.core.pay.Refusal::reasonOf))
                        .contains(pos.core.pay.RefusalReason.valueOf(payment[2]));
            }
        }
        ArchiveDb db = new ArchiveDb(database);
        long expectedSales = sales;
        await("every card sale archived in MariaDB").atMost(Duration.ofSeconds(30)).until(db::sales, equalTo(expectedSales));
        for (String tx : paidAttempts) {
            await("the hub heard the gateway's notification of " + tx).atMost(Duration.ofSeconds(10))
                    .until(() -> sandbox.ledger().notifications(tx).stream().anyMatch(n -> n.status().name().equals("DELIVERED")));
        }
        await("the pending queue is empty").atMost(Duration.ofSeconds(10))
                .until(() -> till.pending.size() == 0);

        Forbidden forbidden = new Forbidden(PAYMENTS);

        String journal = sqliteFiles();
        forbidden.assertAbsent("the SQLite journal files (db, -wal, -shm)", journal);
        assertThat(journal).as("the scan reads the journal: it finds the masked card").contains("411111******1111")
                .contains("625094******8599");

        String redis = redisDump();
        forbidden.assertAbsent("Redis (every key and value)", redis);
        assertThat(redis).as("the scan reads Redis: it finds the paid attempts").contains(paidAttempts);

        String mariaDb = mariaDbDump();
        forbidden.assertAbsent("MariaDB (every column of every table)", mariaDb);
        assertThat(mariaDb).as("the scan reads MariaDB: it finds the tenders' references").contains(paidAttempts);

        String logLines = logLines();
        forbidden.assertAbsent("the till's, the hub's and the sandbox's log lines", logLines);
        assertThat(logLines).as("the scan reads the logs: the till names the masked card").contains("411111******1111")
                .contains("pos.gateway.sandbox");

        String sandboxLedger = files(ledgerDir);
        forbidden.assertAbsentCardNumbers("the sandbox gateway's ledger", sandboxLedger);
        assertThat(sandboxLedger).as("the sandbox keeps the masked card").contains("555555******4444");
    }

    private SaleRecord saleWithCard(PaymentOrder order) {
        String saleId = new pos.core.sale.TransactionId.Generator(java.time.Clock.systemUTC()).next().value();
        long total = order.amount().minorUnits();
        Instant at = order.createdAt();
        return new SaleRecord(saleId, "till-1", SaleState.PAID, "EUR", total, total * 19 / 119, at, at,
                List.of(new SaleRecord.Line(1, "4006381333931", "Coffee beans", 1, 0, total, total, "STANDARD")),
                List.of(new SaleRecord.Payment(TenderType.CARD, total, total, 0, order.outTradeNo())));
    }

    private String sqliteFiles() {
        String name = till.journal.file().getFileName().toString();
        StringBuilder all = new StringBuilder();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = till.journal.file().resolveSibling(name + suffix);
            if (Files.exists(file)) {
                all.append(bytes(file)).append('\n');
            }
        }
        return all.toString() + files(dataDir);
    }

    private static String files(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(CardDataNeverStoredTest::bytes)
                    .reduce(new StringBuilder(), StringBuilder::append, StringBuilder::append).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's bytes, one char per byte (so any ASCII or UTF-8 digits are found as they are). */
    private static String bytes(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every key of every type with its value as the type's read command gives it, plus the key's DUMP. */
    private String redisDump() {
        StringBuilder all = new StringBuilder();
        try (StatefulRedisConnection<String, String> connection = till.redis.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            int keys = 0;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.limit(500));
                for (String key : page.getKeys()) {
                    keys++;
                    all.append(key).append('\n');
                    String type = redis.type(key);
                    switch (type) {
                        case "string" -> all.append(redis.get(key));
                        case "hash" -> all.append(redis.hgetall(key));
                        case "list" -> all.append(redis.lrange(key, 0, -1));
                        case "set" -> all.append(redis.smembers(key));
                        case "zset" -> all.append(redis.zrangeWithScores(key, 0, -1));
                        case "stream" -> all.append(redis.xrange(key, Range.create("-", "+")));
                        case "none" -> { } // expired meanwhile
                        default -> throw new AssertionError("Redis key " + key + " has a type the scan does not read: " + type);
                    }
                    byte[] dump = redis.dump(key);
                    if (dump != null) {
                        all.append(new String(dump, StandardCharsets.ISO_8859_1));
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
            assertThat(tables).contains("sales", "sale_tenders");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM `" + table + "`")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        all.append(table).append(':');
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            int type = meta.getColumnType(i);
                            boolean binary = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
                                    || type == java.sql.Types.LONGVARBINARY || type == java.sql.Types.BLOB;
                            byte[] raw = binary ? rs.getBytes(i) : null;
                            String value = binary ? (raw == null ? null : new String(raw, StandardCharsets.ISO_8859_1))
                                    : rs.getString(i);
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

    /** The card numbers (plain, in groups of four with spaces or dashes, in UTF-16) and PINs that must not appear. */
    private static final class Forbidden {
        final List<String> cardNumbers = new ArrayList<>();
        final List<String> pins = new ArrayList<>();

        Forbidden(List<String[]> payments) {
            for (String[] payment : payments) {
                String pan = payment[0];
                cardNumbers.add(pan);
                cardNumbers.add(pan.replaceAll("(\\d{4})(?=\\d)", "$1 "));
                cardNumbers.add(pan.replaceAll("(\\d{4})(?=\\d)", "$1-"));
                cardNumbers.add(utf16(pan));
                pins.add(payment[1]);
                pins.add(utf16(payment[1]));
            }
        }

        void assertAbsent(String where, String text) {
            assertAbsentCardNumbers(where, text);
            for (String pin : pins) {
                assertThat(text.contains(pin)).as("%s hold the PIN %s", where, printable(pin)).isFalse();
            }
        }

        void assertAbsentCardNumbers(String where, String text) {
            assertThat(text).as("scanned text of %s", where).isNotEmpty();
            for (String pan : cardNumbers) {
                assertThat(text.contains(pan)).as("%s hold the card number %s", where, printable(pan)).isFalse();
            }
        }

        private static String utf16(String digits) {
            return new String(digits.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);
        }

        private static String printable(String text) {
            return text.replace("\0", "");
        }
    }
}
