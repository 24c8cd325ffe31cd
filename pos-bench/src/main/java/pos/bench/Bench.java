package pos.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.hub.archive.Archiver;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.redis.RedisConnections;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.redis.RedisProcess;

/**
 * Throughput of pos-sync against the raw engines, measured in one run on this machine (DESIGN §5:
 * ratios, not absolute figures). Starts its own MariaDB and Redis (pos-testkit) and prints:
 * <ol>
 *   <li>durable journal appends/s ({@link SqliteSaleJournal#append}: JSON + one committed,
 *       fsynced transaction per sale) next to raw SQLite inserts/s of the same JSON rows into the
 *       journal's own table (made by its migrations, outside the timer) with the same settings (WAL,
 *       synchronous=FULL, one commit per row);</li>
 *   <li>archiver sales/s (a pre-filled Redis stream drained into MariaDB: XREADGROUP, JSON,
 *       plain INSERT batches of the sales not archived yet, in transactions of at most N sales, XACK) next to raw JDBC batches of
 *       plain INSERTs of the same rows into the archive's own tables, committed every N sales.</li>
 * </ol>
 * Each figure is the median of several rounds after a warm-up round. Usage:
 * {@code java -cp 'pos-bench/target/pos-bench-0.1.0-SNAPSHOT.jar:pos-bench/target/lib/*' pos.bench.Bench
 * [--appends 5000] [--sales 20000] [--rounds 5]}; {@code Bench payments …} runs
 * {@link pos.bench.payments.PaymentsBench} instead, {@code Bench jmh …} the JMH micro-benchmarks
 * ({@link pos.bench.jmh.JmhMain}), {@code Bench rules …} the rule-base benchmark and
 * {@code Bench webcam …} {@link pos.bench.webcam.WebcamPipelineBench}, {@code Bench fingerprint …}
 * {@link pos.bench.fingerprint.FingerprintIdentifyBench}, {@code Bench face …} {@link pos.bench.face.FaceBench}. Not thread-safe (a command-line program).
 */
public final class Bench {

    private static final Logger log = LoggerFactory.getLogger(Bench.class);
    private static final int BATCH = ArchiverThroughput.BATCH;

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
        if (args.length > 0 && args[0].equals("jmh")) {
            // ./pos bench jmh [...]: JMH micro-benchmarks (rules, decoder, money, wedge) against raw baselines (issue 11)
            pos.bench.jmh.JmhMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("rules")) {
            // ./pos bench rules [...]: rule-base verification time per payment (issue 4)
            pos.bench.rules.RuleVerificationBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("vouchers")) {
            // ./pos bench vouchers [...]: voucher redemptions/s vs. raw EVALSHA (issue 5)
            pos.bench.vouchers.VoucherRedemptionBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("hub")) {
            // ./pos bench hub [...]: payment-status answers/s and signed notifications/s vs. bare Javalin (issue 10)
            pos.bench.hub.HubBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("fingerprint")) {
            // ./pos bench fingerprint [...]: identify latency through the worker vs libfprint in process (issue 6)
            pos.bench.fingerprint.FingerprintIdentifyBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("face")) {
            // ./pos bench face [...]: face authorisation through the worker vs OpenCV in process (issue 16)
            pos.bench.face.FaceBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("webcam")) {
            // ./pos bench webcam [...]: the webcam pipeline's decoded frames/s against bare ZXing (issue 5)
            pos.bench.webcam.WebcamPipelineBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("startup")) {
            // ./pos bench startup [...]: the till's launch-to-usable time and RSS against a one-label JavaFX window (issue 14)
            pos.bench.startup.StartupBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("payments")) {
            // ./pos bench payments [...]: the payments fault run and its latency and archiver figures
            pos.bench.payments.PaymentsBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
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
        Comparison journal = benchJournal();
        Comparison archiver;
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
                "(a) SqliteSaleJournal.append, durable (" + appends + " sales)", fmt(journal.ours()), "", journal.oursRange());
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n",
                "    raw SQLite INSERT, same JSON rows, WAL+FULL, commit/row", fmt(journal.raw()), "", journal.rawRange());
        out.printf(Locale.ROOT, "%-62s %14s %10.2f   %s%n", "    ratio (median of the rounds' ratios)", "", journal.ratio(),
                journal.ratioRange());
        out.println(rule);
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n",
                "(b) Archiver, stream -> MariaDB, sales/s (" + sales + " sales, N=" + BATCH + ")", fmt(archiver.ours()), "",
                archiver.oursRange());
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n",
                "    raw JDBC batch of plain INSERTs, same rows, sales/s", fmt(archiver.raw()), "", archiver.rawRange());
        out.printf(Locale.ROOT, "%-62s %14s %10.2f   %s%n", "    ratio (median of the rounds' ratios)", "", archiver.ratio(),
                archiver.ratioRange());
        out.printf(Locale.ROOT, "%-62s %14s%n", "    (rows per sale incl. lines and tenders)", String.format(Locale.ROOT, "%.2f",
                archiver.rowsPerSale()));
        pos.bench.limits.LimitRow archiverGoal = ArchiverThroughput.limitRow(archiver);
        out.printf(Locale.ROOT, "%-62s %14s %10s%n", "    goal (issue 15): ratio " + archiverGoal.goal(), "",
                archiverGoal.met() ? "met" : "NOT MET");
        out.println(rule);
    }

    // ---------------------------------------------------------------- (a) journal

    /**
     * The journal's row of the engine-limits table (issue 15): durable appends/s ÷ raw SQLite inserts with the same
     * settings (WAL, synchronous=FULL, one commit per row), median of {@code rounds} after a warm-up, in a temporary
     * directory of its own that is removed afterwards.
     */
    public static pos.bench.limits.LimitRow journalRow(int appends, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("pos-bench-journal");
        try {
            Comparison journal = new Bench(appends, 0, rounds, dir).benchJournal();
            return pos.bench.limits.LimitRow.atLeast("journal appends/s ÷ raw SQLite INSERT, WAL + FULL, commit/row",
                    journal.ratio(), journal.ratioRange().replace(" .. ", "–"), 0.9,
                    fmt(journal.ours()) + "/s vs " + fmt(journal.raw()) + "/s, " + appends + " sales");
        } finally {
            deleteRecursively(dir);
        }
    }


    private Comparison benchJournal() throws Exception {
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
        return new Comparison(ours, raw, 1);
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
        // The journal's own table (its migrations, its unique key and its created_at index), made outside the timer:
        // the raw side writes the same rows into the same shape, without the JSON writing or the conflict clause.
        SqliteSaleJournal.open(dir).close();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SqliteSaleJournal.BUSY_TIMEOUT_MS);
        try (Connection c = config.createConnection("jdbc:sqlite:" + dir.resolve(SqliteSaleJournal.FILE_NAME))) {
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

    private Comparison benchArchiver(RedisProcess redis, MariaDbProcess mariadb) throws Exception {
        try (RedisConnections connections = RedisConnections.create(redis.uri())) {
            return new ArchiverThroughput(connections, mariadb).measure(sales(sales, 2), sales(sales, 3), rounds, "pos:bench");
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
        return Comparison.perSecond(perSecond);
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
}
