package pos.bench;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.sync.archive.Archiver;
import pos.sync.archive.ArchiverListener;
import pos.sync.archive.ArchiverSettings;
import pos.sync.archive.MariaDbSaleArchive;
import pos.sync.journal.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.redis.RedisConnections;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Throughput of pos-sync against the raw engines, measured in one run on this machine (DESIGN §5:
 * ratios, not absolute figures). Starts its own MariaDB and Redis (pos-testkit) and prints:
 * <ol>
 *   <li>durable journal appends/s ({@link SqliteSaleJournal#append}: JSON + one committed,
 *       fsynced transaction per sale) next to raw SQLite inserts/s of the same JSON rows into a
 *       table of the same shape with the same settings (WAL, synchronous=FULL, one commit per row);</li>
 *   <li>archiver sales/s (a pre-filled Redis stream drained into MariaDB: XREADGROUP, JSON,
 *       multi-row upserts in transactions of at most N sales, XACK) next to raw JDBC batches of
 *       plain INSERTs of the same rows into scratch tables of the same shape, committed every N sales.</li>
 * </ol>
 * Each figure is the median of several rounds after a warm-up round. Usage:
 * {@code java -cp 'pos-bench/target/pos-bench-0.1.0-SNAPSHOT.jar:pos-bench/target/lib/*' pos.bench.Bench
 * [--appends 5000] [--sales 20000] [--rounds 5]}. Not thread-safe (a command-line program).
 */
public final class Bench {

    private static final Logger log = LoggerFactory.getLogger(Bench.class);
    private static final int BATCH = ArchiverSettings.DEFAULT_BATCH_SIZE;

    private final int appends;
    private final int sales;
    private final int rounds;
    private final Path workDir;

    private Bench(int appends, int sales, int rounds, Path workDir) {
        this.appends = appends;
        this.sales = sales;
        this.rounds = rounds;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        int appends = intOption(args, "--appends", 5_000);
        int sales = intOption(args, "--sales", 20_000);
        int rounds = intOption(args, "--rounds", 5);
        Path workDir = Files.createTempDirectory("pos-bench");
        try {
            new Bench(appends, sales, rounds, workDir).run(System.out);
        } finally {
            deleteRecursively(workDir);
        }
        System.exit(0); // Lettuce and Hikari threads are daemons or closed; leave no doubt
    }

    private void run(PrintStream out) throws Exception {
        long started = System.nanoTime();
        Result journal = benchJournal();
        Result archiver;
        log.info("Starting redis-server and mariadbd (pos-testkit)");
        try (RedisProcess redis = new RedisProcess().start(); MariaDbProcess mariadb = new MariaDbProcess().start()) {
            archiver = benchArchiver(redis, mariadb);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        out.println();
        out.printf(Locale.ROOT, "pos-sync throughput vs. the raw engines (median of %d rounds after a warm-up; run took %d s)%n",
                rounds, seconds);
        out.println("Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, temp dir " + workDir.getParent());
        out.println();
        String rule = "-".repeat(100);
        out.println(rule);
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n", "measurement", "per second", "ours/raw", "min .. max");
        out.println(rule);
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n",
                "(a) SqliteSaleJournal.append, durable (" + appends + " sales)", fmt(journal.ours()), "", journal.oursRounds());
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n",
                "    raw SQLite INSERT, same JSON rows, WAL+FULL, commit/row", fmt(journal.raw()), "", journal.rawRounds());
        out.printf(Locale.ROOT, "%-62s %14s %10.2f   %s%n", "    ratio (median of the rounds' ratios)", "", journal.ratio(),
                journal.ratioRange());
        out.println(rule);
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n",
                "(b) Archiver, stream -> MariaDB, sales/s (" + sales + " sales, N=" + BATCH + ")", fmt(archiver.ours()), "",
                archiver.oursRounds());
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n",
                "    raw JDBC batch of plain INSERTs, same rows, sales/s", fmt(archiver.raw()), "", archiver.rawRounds());
        out.printf(Locale.ROOT, "%-62s %14s %10.2f   %s%n", "    ratio (median of the rounds' ratios)", "", archiver.ratio(),
                archiver.ratioRange());
        out.printf(Locale.ROOT, "%-62s %14s%n", "    (rows per sale incl. lines and tenders)", String.format(Locale.ROOT, "%.2f",
                archiver.rowsPerSale()));
        out.println(rule);
    }

    // ---------------------------------------------------------------- (a) journal

    private Result benchJournal() throws Exception {
        List<SaleRecord> records = sales(appends, 1);
        List<String> payloads = records.stream().map(SaleRecordJson::write).toList();
        log.info("Journal: warm-up");
        journalAppendsPerSecond(records, "warmup");
        rawSqliteInsertsPerSecond(records, payloads, "warmup-raw");
        double[] ours = new double[rounds];
        double[] raw = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // Alternate the order so that neither side always runs on a warmer disk cache.
            if (r % 2 == 0) {
                ours[r] = journalAppendsPerSecond(records, "journal-" + r);
                raw[r] = rawSqliteInsertsPerSecond(records, payloads, "raw-" + r);
            } else {
                raw[r] = rawSqliteInsertsPerSecond(records, payloads, "raw-" + r);
                ours[r] = journalAppendsPerSecond(records, "journal-" + r);
            }
            log.info("Journal round {}: {} appends/s, raw {} inserts/s", r + 1, fmt(ours[r]), fmt(raw[r]));
        }
        return new Result(ours, raw, 1);
    }

    private double journalAppendsPerSecond(List<SaleRecord> records, String name) {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(workDir.resolve(name))) {
            long start = System.nanoTime();
            for (SaleRecord sale : records) {
                journal.append(sale);
            }
            return perSecond(records.size(), System.nanoTime() - start);
        }
    }

    private double rawSqliteInsertsPerSecond(List<SaleRecord> records, List<String> payloads, String name) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(name));
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SqliteSaleJournal.BUSY_TIMEOUT_MS);
        try (Connection c = config.createConnection("jdbc:sqlite:" + dir.resolve("raw.db"))) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, transaction_id TEXT NOT NULL UNIQUE, "
                        + "kind TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL)");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO journal (transaction_id, kind, payload, created_at) VALUES (?, ?, ?, ?)")) {
                long start = System.nanoTime();
                for (int i = 0; i < records.size(); i++) {
                    insert.setString(1, records.get(i).transactionId());
                    insert.setString(2, SqliteSaleJournal.SALE_FINISHED);
                    insert.setString(3, payloads.get(i));
                    insert.setString(4, Instant.now().toString());
                    insert.executeUpdate(); // autocommit: one committed, fsynced transaction per row
                }
                return perSecond(records.size(), System.nanoTime() - start);
            }
        }
    }

    // ---------------------------------------------------------------- (b) archiver

    private Result benchArchiver(RedisProcess redis, MariaDbProcess mariadb) throws Exception {
        List<SaleRecord> records = sales(sales, 2);
        List<SaleRecord> warmup = sales(sales, 3);
        double rowsPerSale = records.stream().mapToLong(s -> 1 + s.lines().size() + s.tenders().size()).sum()
                / (double) records.size();
        try (RedisConnections connections = RedisConnections.create(redis.uri())) {
            log.info("Archiver: warm-up with {} sales", warmup.size());
            archiverSalesPerSecond(connections, mariadb, warmup, "pos:bench:warmup");
            rawMariaDbSalesPerSecond(mariadb, warmup);
            double[] ours = new double[rounds];
            double[] raw = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    ours[r] = archiverSalesPerSecond(connections, mariadb, records, "pos:bench:" + r);
                    raw[r] = rawMariaDbSalesPerSecond(mariadb, records);
                } else {
                    raw[r] = rawMariaDbSalesPerSecond(mariadb, records);
                    ours[r] = archiverSalesPerSecond(connections, mariadb, records, "pos:bench:" + r);
                }
                log.info("Archiver round {}: {} sales/s, raw {} sales/s", r + 1, fmt(ours[r]), fmt(raw[r]));
            }
            return new Result(ours, raw, rowsPerSale);
        }
    }

    /** Pre-fills a stream, then times an archiver from start until every sale is committed. */
    private double archiverSalesPerSecond(RedisConnections connections, MariaDbProcess mariadb, List<SaleRecord> records,
            String stream) throws Exception {
        fillStream(connections, stream, records);
        TestDatabase database = mariadb.createTestDatabase();
        try (MariaDbSaleArchive archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(),
                ArchiverSettings.DEFAULT_WORKERS + 1)) {
            archive.migrate(); // schema creation is not part of the measurement
            AtomicLong archived = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            ArchiverListener listener = new ArchiverListener() {
                @Override
                public void batchArchived(int salesInBatch, int entries) {
                    if (archived.addAndGet(salesInBatch) >= records.size()) {
                        done.countDown();
                    }
                }
            };
            ArchiverSettings settings = ArchiverSettings.defaults("bench").withStreamKey(stream).withBatchSize(BATCH)
                    .withPeriod(Duration.ofMillis(100));
            long start = System.nanoTime();
            try (Archiver archiver = new Archiver(settings, connections, archive, listener)) {
                archiver.start();
                if (!done.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the archiver archived only " + archived.get() + " of " + records.size());
                }
                return perSecond(records.size(), System.nanoTime() - start);
            } finally {
                mariadb.dropDatabase(database.name());
            }
        }
    }

    private static void fillStream(RedisConnections connections, String stream, List<SaleRecord> records) {
        try (StatefulRedisConnection<String, String> connection = connections.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<String>> replies = new ArrayList<>();
            for (SaleRecord sale : records) {
                replies.add(async.xadd(stream, "tx", sale.transactionId(), "kind", SqliteSaleJournal.SALE_FINISHED, "payload",
                        SaleRecordJson.write(sale)));
                if (replies.size() == 1_000) {
                    LettuceFutures.awaitAll(Duration.ofSeconds(30), replies.toArray(RedisFuture[]::new));
                    replies.clear();
                }
            }
            LettuceFutures.awaitAll(Duration.ofSeconds(30), replies.toArray(RedisFuture[]::new));
        }
    }

    /**
     * The raw engine: the same rows as plain INSERTs in JDBC batches (Connector/J's bulk protocol),
     * a commit every N sales, one connection, from objects already in memory.
     */
    private static double rawMariaDbSalesPerSecond(MariaDbProcess mariadb, List<SaleRecord> records) throws SQLException {
        TestDatabase database = mariadb.createTestDatabase();
        try (Connection c = database.openConnection()) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("CREATE TABLE scratch_sales (transaction_id VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY, "
                        + "till_id VARCHAR(64) NOT NULL, state VARCHAR(16) NOT NULL, currency CHAR(3) CHARACTER SET ascii NOT NULL, "
                        + "total_minor BIGINT NOT NULL, tax_minor BIGINT NOT NULL, opened_at DATETIME(3) NOT NULL, "
                        + "closed_at DATETIME(3) NOT NULL, line_count INT NOT NULL, archived_at DATETIME(3) NOT NULL, "
                        + "KEY (closed_at), KEY (till_id, closed_at)) ENGINE=InnoDB");
                st.executeUpdate("CREATE TABLE scratch_lines (transaction_id VARCHAR(32) CHARACTER SET ascii NOT NULL, "
                        + "line_no INT NOT NULL, product_code VARCHAR(64) NOT NULL, name VARCHAR(255) NOT NULL, "
                        + "quantity INT NOT NULL, grams INT NOT NULL, unit_price_minor BIGINT NOT NULL, "
                        + "line_total_minor BIGINT NOT NULL, tax_class VARCHAR(16) NOT NULL, "
                        + "PRIMARY KEY (transaction_id, line_no)) ENGINE=InnoDB");
                st.executeUpdate("CREATE TABLE scratch_tenders (transaction_id VARCHAR(32) CHARACTER SET ascii NOT NULL, "
                        + "tender_no INT NOT NULL, tender_type VARCHAR(16) NOT NULL, amount_minor BIGINT NOT NULL, "
                        + "tendered_minor BIGINT NOT NULL, change_minor BIGINT NOT NULL, "
                        + "PRIMARY KEY (transaction_id, tender_no)) ENGINE=InnoDB");
            }
            c.setAutoCommit(false);
            try (PreparedStatement salesInsert = c.prepareStatement("INSERT INTO scratch_sales VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement linesInsert = c.prepareStatement("INSERT INTO scratch_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement tendersInsert = c.prepareStatement("INSERT INTO scratch_tenders VALUES (?, ?, ?, ?, ?, ?)")) {
                long start = System.nanoTime();
                for (int from = 0; from < records.size(); from += BATCH) {
                    Timestamp archivedAt = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
                    for (SaleRecord s : records.subList(from, Math.min(records.size(), from + BATCH))) {
                        salesInsert.setString(1, s.transactionId());
                        salesInsert.setString(2, s.tillId());
                        salesInsert.setString(3, s.state().name());
                        salesInsert.setString(4, s.currency());
                        salesInsert.setLong(5, s.totalMinor());
                        salesInsert.setLong(6, s.taxMinor());
                        salesInsert.setObject(7, LocalDateTime.ofInstant(s.openedAt(), ZoneOffset.UTC));
                        salesInsert.setObject(8, LocalDateTime.ofInstant(s.closedAt(), ZoneOffset.UTC));
                        salesInsert.setInt(9, s.lines().size());
                        salesInsert.setTimestamp(10, archivedAt);
                        salesInsert.addBatch();
                        for (SaleRecord.Line l : s.lines()) {
                            linesInsert.setString(1, s.transactionId());
                            linesInsert.setInt(2, l.lineNo());
                            linesInsert.setString(3, l.productCode());
                            linesInsert.setString(4, l.name());
                            linesInsert.setInt(5, l.quantity());
                            linesInsert.setInt(6, l.grams());
                            linesInsert.setLong(7, l.unitPriceMinor());
                            linesInsert.setLong(8, l.lineTotalMinor());
                            linesInsert.setString(9, l.taxClass());
                            linesInsert.addBatch();
                        }
                        int tenderNo = 1;
                        for (SaleRecord.Payment p : s.tenders()) {
                            tendersInsert.setString(1, s.transactionId());
                            tendersInsert.setInt(2, tenderNo++);
                            tendersInsert.setString(3, p.type().name());
                            tendersInsert.setLong(4, p.amountMinor());
                            tendersInsert.setLong(5, p.tenderedMinor());
                            tendersInsert.setLong(6, p.changeMinor());
                            tendersInsert.addBatch();
                        }
                    }
                    salesInsert.executeBatch();
                    linesInsert.executeBatch();
                    tendersInsert.executeBatch();
                    c.commit();
                }
                return perSecond(records.size(), System.nanoTime() - start);
            }
        } finally {
            mariadb.dropDatabase(database.name());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@code count} varied sales (1–3 lines, one cash tender, every tenth cancelled), unique per {@code run}. */
    static List<SaleRecord> sales(int count, long run) {
        List<SaleRecord> records = new ArrayList<>(count);
        Instant base = Instant.parse("2026-01-01T08:00:00Z");
        char[] alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
        for (int i = 0; i < count; i++) {
            // A ULID-shaped id: 10 time characters, then the run and the index.
            char[] id = new char[26];
            long time = base.toEpochMilli() + i;
            for (int k = 9; k >= 0; k--) {
                id[k] = alphabet[(int) (time & 31)];
                time >>>= 5;
            }
            long rest = (run << 40) | i;
            for (int k = 25; k >= 10; k--) {
                id[k] = alphabet[(int) (rest & 31)];
                rest >>>= 5;
            }
            boolean cancelled = i % 10 == 9;
            List<SaleRecord.Line> lines = new ArrayList<>();
            long total = 0;
            for (int k = 1; k <= 1 + i % 3; k++) {
                int quantity = 1 + (i + k) % 4;
                long unit = 99 + (i * 31L + k * 17L) % 1900;
                total += quantity * unit;
                lines.add(new SaleRecord.Line(k, "400638133393" + k, "Item " + k, quantity, 0, unit, quantity * unit,
                        k % 2 == 0 ? "REDUCED" : "STANDARD"));
            }
            List<SaleRecord.Payment> tenders = cancelled ? List.of()
                    : List.of(new SaleRecord.Payment(TenderType.CASH, total, (total + 999) / 1000 * 1000,
                            (total + 999) / 1000 * 1000 - total));
            Instant opened = base.plusSeconds(i);
            records.add(new SaleRecord(new String(id), "till-bench", cancelled ? SaleState.CANCELLED : SaleState.PAID, "EUR",
                    total, total * 19 / 119, opened, opened.plusSeconds(40), lines, tenders));
        }
        return records;
    }

    private static double perSecond(int count, long nanos) {
        return count * 1e9 / nanos;
    }

    private static String fmt(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static int intOption(String[] args, String name, int defaultValue) {
        int at = Arrays.asList(args).indexOf(name);
        if (at < 0) {
            return defaultValue;
        }
        if (at + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs a number");
        }
        return Integer.parseInt(args[at + 1]);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("Could not delete {}", p, e);
                }
            });
        } catch (IOException e) {
            log.warn("Could not clean up {}", dir, e);
        }
    }

    /** Per-round figures of one comparison. */
    private record Result(double[] oursRounds0, double[] rawRounds0, double rowsPerSale) {
        double ours() {
            return median(oursRounds0);
        }

        double raw() {
            return median(rawRounds0);
        }

        double ratio() {
            return median(ratios());
        }

        String ratioRange() {
            double[] sorted = ratios();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%.2f .. %.2f", sorted[0], sorted[sorted.length - 1]);
        }

        private double[] ratios() {
            double[] ratios = new double[oursRounds0.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = oursRounds0[i] / rawRounds0[i];
            }
            return ratios;
        }

        String oursRounds() {
            return rounds(oursRounds0);
        }

        String rawRounds() {
            return rounds(rawRounds0);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }

        private static String rounds(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return fmt(sorted[0]) + " .. " + fmt(sorted[sorted.length - 1]);
        }
    }
}
