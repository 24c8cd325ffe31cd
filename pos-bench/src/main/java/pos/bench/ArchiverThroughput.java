package pos.bench;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.sale.SaleRecord;
import pos.hub.archive.Archiver;
import pos.hub.archive.ArchiverListener;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.MariaDbSaleArchive;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.redis.RedisConnections;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;

/**
 * Archiver sales/s next to raw JDBC batches of the same rows into the same MariaDB (DESIGN §5):
 * a pre-filled Redis stream drained by an {@link Archiver} (XREADGROUP, signature check, JSON, a
 * SELECT of the batch's ids and plain INSERT batches of the sales not archived yet in transactions of
 * at most N sales, XACK), timed from start until every sale is committed; then the same rows (every
 * column the archive stores, audit entries included) as plain INSERTs in JDBC batches (Connector/J's bulk
 * protocol) into the archive's own tables, made by its own migrations outside the timer, committed every
 * N sales, from objects already in memory, on one connection. Each side gets a fresh database per round;
 * rounds alternate which side goes first. Used by {@link Bench} and by the payments bench. Not
 * thread-safe (one measurement at a time).
 *
 * <p>Figures (issue 15) are in README.md under Benchmarks. Until issue 15 the raw side wrote fewer columns
 * (the archive's V1/V2 shape, 10 columns and 2 secondary indexes on {@code sales}, no audit rows) into
 * tables of its own; it now writes what the archiver writes, where the archiver writes it.
 */
public final class ArchiverThroughput {

    private static final Logger log = LoggerFactory.getLogger(ArchiverThroughput.class);

    /** R9's N in both sides of the measurement. */
    public static final int BATCH = ArchiverSettings.DEFAULT_BATCH_SIZE;

    private final RedisConnections connections;
    private final MariaDbProcess mariadb;

    /**
     * @param connections the Redis the streams are filled in (not owned)
     * @param mariadb     the MariaDB both sides write to (not owned)
     */
    public ArchiverThroughput(RedisConnections connections, MariaDbProcess mariadb) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.mariadb = Objects.requireNonNull(mariadb, "mariadb");
    }

    /**
     * One warm-up round with {@code warmup}, then {@code rounds} rounds with {@code records}.
     *
     * @param streamPrefix prefix of the scratch streams' keys, e.g. {@code pos:bench}
     */
    public Comparison measure(List<SaleRecord> records, List<SaleRecord> warmup, int rounds, String streamPrefix)
            throws SQLException, InterruptedException {
        double rowsPerSale = records.stream().mapToLong(s -> 1 + s.lines().size() + s.tenders().size()).sum()
                / (double) records.size();
        log.info("Archiver: warm-up with {} sales", warmup.size());
        archiverSalesPerSecond(warmup, streamPrefix + ":warmup");
        rawMariaDbSalesPerSecond(warmup);
        double[] ours = new double[rounds];
        double[] raw = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                ours[r] = archiverSalesPerSecond(records, streamPrefix + ":" + r);
                raw[r] = rawMariaDbSalesPerSecond(records);
            } else {
                raw[r] = rawMariaDbSalesPerSecond(records);
                ours[r] = archiverSalesPerSecond(records, streamPrefix + ":" + r);
            }
            log.info("Archiver round {}: {} sales/s, raw {} sales/s", r + 1, Comparison.perSecond(ours[r]),
                    Comparison.perSecond(raw[r]));
        }
        return new Comparison(ours, raw, rowsPerSale);
    }

    /** What the limits table calls this row (issue 15). */
    public static final String LIMIT_MEASURE = "archiver sales/s ÷ raw JDBC batch of plain INSERTs";
    /** Issue 15's goal for the ratio. */
    public static final double LIMIT_GOAL = 0.7;

    /**
     * Issue 15's row of the engine-limits table: {@link #measure} with {@code sales} varied sales (and as
     * many for the warm-up) on the given servers, neither of which it owns.
     */
    public static pos.bench.limits.LimitRow archiverRow(pos.testkit.redis.RedisProcess redis, MariaDbProcess mariadb, int sales,
            int rounds) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(mariadb, "mariadb");
        Comparison comparison;
        try (RedisConnections connections = RedisConnections.create(redis.uri())) {
            comparison = new ArchiverThroughput(connections, mariadb).measure(Bench.sales(sales, 2), Bench.sales(sales, 3), rounds,
                    "pos:bench:limits");
        } catch (SQLException e) {
            throw new IllegalStateException("the raw JDBC side of the archiver benchmark failed on mariadb " + mariadb.host() + ":"
                    + mariadb.port() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the archiver", e);
        }
        return limitRow(comparison);
    }

    /** {@code comparison} as issue 15's row: the median ratio, the rounds' range, the absolute figures and N. */
    public static pos.bench.limits.LimitRow limitRow(Comparison comparison) {
        return pos.bench.limits.LimitRow.atLeast(LIMIT_MEASURE, comparison.ratio(), comparison.ratioRange().replace(" .. ", "–"),
                LIMIT_GOAL, Comparison.perSecond(comparison.ours()) + "/s vs " + Comparison.perSecond(comparison.raw()) + "/s, N="
                        + BATCH);
    }

    /** Pre-fills a stream, then times an archiver from start until every sale is committed. */
    private double archiverSalesPerSecond(List<SaleRecord> records, String stream) throws InterruptedException {
        fillStream(stream, records);
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
            pos.contract.auth.TillKeys tills = pos.contract.auth.TillKeys.of(records.stream().map(SaleRecord::tillId).distinct()
                    .map(ArchiverThroughput::tillCredential).toArray(pos.contract.auth.TillCredential[]::new));
            try (Archiver archiver = new Archiver(settings, connections, archive, listener,
                    pos.hub.archive.EntryAttribution.required(tills, pos.hub.archive.EntryAttribution.Refusals.NONE))) {
                archiver.start();
                if (!done.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the archiver archived only " + archived.get() + " of " + records.size()
                            + " sales from " + stream + " within 120 s");
                }
                return perSecond(records.size(), System.nanoTime() - start);
            }
        } finally {
            mariadb.dropDatabase(database.name());
            try (StatefulRedisConnection<String, String> connection = connections.connect()) {
                connection.sync().del(stream);
            }
        }
    }

    /** One credential per bench till, the same in the filler and the archiver (a bench, not a store). */
    private static final java.util.Map<String, pos.contract.auth.TillCredential> CREDENTIALS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static pos.contract.auth.TillCredential tillCredential(String tillId) {
        return CREDENTIALS.computeIfAbsent(tillId, id -> pos.contract.auth.TillCredential.issue(id,
                new java.security.SecureRandom()));
    }

    private void fillStream(String stream, List<SaleRecord> records) {
        try (StatefulRedisConnection<String, String> connection = connections.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<String>> replies = new ArrayList<>();
            for (SaleRecord sale : records) {
                // Signed as a till signs them (issue 10): the check is part of what is measured.
                replies.add(async.xadd(stream, pos.contract.auth.EntrySignature.sign(tillCredential(sale.tillId()),
                        java.util.Map.of("tx", sale.transactionId(), "kind", SqliteSaleJournal.SALE_FINISHED, "payload",
                                SaleRecordJson.write(sale)))));
                if (replies.size() == 1_000) {
                    awaitAll(stream, replies);
                }
            }
            awaitAll(stream, replies);
        }
    }

    private static void awaitAll(String stream, List<RedisFuture<String>> replies) {
        if (!LettuceFutures.awaitAll(Duration.ofSeconds(30), replies.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("Redis did not acknowledge " + replies.size() + " XADDs to " + stream + " within 30 s");
        }
        replies.clear();
    }

    /**
     * The raw engine: the same rows the archive writes (every column of {@code sales}, {@code sale_lines},
     * {@code sale_tenders} and {@code sale_audit}) as plain INSERTs in JDBC batches into the archive's own tables
     * (made by its own migrations, outside the timer), a commit every N sales, one connection, from objects already in
     * memory: no Redis, no signature, no JSON, no SELECT of stored ids, no acknowledgement.
     */
    private double rawMariaDbSalesPerSecond(List<SaleRecord> records) throws SQLException {
        TestDatabase database = mariadb.createTestDatabase();
        try (MariaDbSaleArchive schema = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 1)) {
            schema.migrate(); // the same tables, columns and indexes the archiver writes to; not timed
        }
        try (Connection c = database.openConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement salesInsert = c.prepareStatement(RAW_SALES);
                    PreparedStatement linesInsert = c.prepareStatement(RAW_LINES);
                    PreparedStatement tendersInsert = c.prepareStatement(RAW_TENDERS);
                    PreparedStatement auditInsert = c.prepareStatement(RAW_AUDIT)) {
                long start = System.nanoTime();
                for (int from = 0; from < records.size(); from += BATCH) {
                    LocalDateTime archivedAt = LocalDateTime.now(ZoneOffset.UTC);
                    boolean audit = false;
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
                        salesInsert.setObject(10, archivedAt);
                        salesInsert.setString(11, s.clerkId());
                        salesInsert.setString(12, s.clerkName());
                        salesInsert.setString(13, s.shiftId());
                        salesInsert.setLong(14, s.saleDiscountMinor());
                        salesInsert.setString(15, s.saleDiscountReason());
                        salesInsert.setLong(16, s.roundingMinor());
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
                            linesInsert.setLong(10, l.listPriceMinor());
                            linesInsert.setLong(11, l.discountMinor());
                            linesInsert.setString(12, l.discountReason());
                            linesInsert.setInt(13, l.taxRateBasisPoints());
                            linesInsert.setLong(14, l.taxMinor());
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
                            tendersInsert.setString(7, p.reference());
                            tendersInsert.addBatch();
                        }
                        int entryNo = 1;
                        for (pos.core.audit.AuditEntry a : s.audit()) {
                            auditInsert.setString(1, s.transactionId());
                            auditInsert.setInt(2, entryNo++);
                            auditInsert.setString(3, a.kind().name());
                            auditInsert.setObject(4, LocalDateTime.ofInstant(a.at(), ZoneOffset.UTC));
                            auditInsert.setString(5, a.clerkId());
                            auditInsert.setString(6, a.approverId());
                            auditInsert.setString(7, a.subject());
                            auditInsert.setLong(8, a.amountMinor());
                            auditInsert.setString(9, a.reason());
                            auditInsert.addBatch();
                            audit = true;
                        }
                    }
                    salesInsert.executeBatch();
                    linesInsert.executeBatch();
                    tendersInsert.executeBatch();
                    if (audit) {
                        auditInsert.executeBatch();
                    }
                    c.commit();
                }
                return perSecond(records.size(), System.nanoTime() - start);
            }
        } finally {
            mariadb.dropDatabase(database.name());
        }
    }

    // The raw side's own statements: every column the archive stores, in its own tables (a schema change the bench
    // does not follow fails here, loudly, rather than measuring something else).
    private static final String RAW_SALES = "INSERT INTO sales (transaction_id, till_id, state, currency, total_minor, tax_minor, "
            + "opened_at, closed_at, line_count, archived_at, clerk_id, clerk_name, shift_id, sale_discount_minor, "
            + "sale_discount_reason, rounding_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RAW_LINES = "INSERT INTO sale_lines (transaction_id, line_no, product_code, name, quantity, grams, "
            + "unit_price_minor, line_total_minor, tax_class, list_price_minor, discount_minor, discount_reason, tax_rate_bp, "
            + "tax_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RAW_TENDERS = "INSERT INTO sale_tenders (transaction_id, tender_no, tender_type, amount_minor, "
            + "tendered_minor, change_minor, reference) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String RAW_AUDIT = "INSERT INTO sale_audit (transaction_id, entry_no, kind, at, clerk_id, approver_id, "
            + "subject, amount_minor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static double perSecond(int count, long nanos) {
        return count * 1e9 / nanos;
    }
}
