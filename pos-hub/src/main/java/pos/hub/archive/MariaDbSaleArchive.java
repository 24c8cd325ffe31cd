package pos.hub.archive;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.journal.TillRecordJson;
import pos.core.audit.AuditEntry;
import pos.core.journal.TillRecord;
import pos.core.sale.SaleRecord;

/**
 * The store's archive of finished sales in MariaDB: tables {@code sales}, {@code sale_lines} and
 * {@code sale_tenders} (Flyway, {@code db/migration/mariadb}), written idempotently, keyed by
 * transaction id. Thread-safe (a HikariCP pool underneath).
 *
 * <p>Sales: those of a batch not archived yet go in as plain {@code INSERT} batches, which Connector/J
 * 3.5 sends with MariaDB's bulk protocol ({@link NewSaleInserts}); a batch that races another archiver
 * on the same sales (a duplicate key) is written again with upserts. Other records, and that fallback,
 * use multi-row {@code INSERT … ON DUPLICATE KEY UPDATE} of {@value #ROWS_PER_STATEMENT} rows per
 * statement rather than a JDBC batch of upserts, which Connector/J 3.5 sends as single statements before
 * server 11.5 (DESIGN §7). {@code INSERT IGNORE} is not used because it turns every error into a
 * warning. The pool's timeouts are short so a dead MariaDB fails a write within a few seconds instead of
 * hanging the archiver.
 */
public final class MariaDbSaleArchive implements AutoCloseable {

    /** Rows per multi-row upsert statement. */
    public static final int ROWS_PER_STATEMENT = 250;
    /** How long a write waits for a pooled connection (or for a new one) before it fails. */
    public static final long CONNECTION_TIMEOUT_MS = 2_000;

    private static final Pattern ENDPOINT = Pattern.compile("^jdbc:(?:mariadb|mysql):(?:[a-z:]*)//([^/?]+)(/[^?;]*)?.*$",
            Pattern.CASE_INSENSITIVE);

    private static final String SALES_COLUMNS = "(transaction_id, till_id, state, currency, total_minor, tax_minor, "
            + "opened_at, closed_at, line_count, archived_at, clerk_id, clerk_name, shift_id, sale_discount_minor, "
            + "sale_discount_reason, rounding_minor)";
    // archived_at keeps the first archiving time: a re-delivered sale changes nothing else either.
    private static final String SALES_UPDATE = " ON DUPLICATE KEY UPDATE till_id = VALUES(till_id), state = VALUES(state), "
            + "currency = VALUES(currency), total_minor = VALUES(total_minor), tax_minor = VALUES(tax_minor), "
            + "opened_at = VALUES(opened_at), closed_at = VALUES(closed_at), line_count = VALUES(line_count), "
            + "clerk_id = VALUES(clerk_id), clerk_name = VALUES(clerk_name), shift_id = VALUES(shift_id), "
            + "sale_discount_minor = VALUES(sale_discount_minor), sale_discount_reason = VALUES(sale_discount_reason), "
            + "rounding_minor = VALUES(rounding_minor)";
    private static final String LINES_COLUMNS = "(transaction_id, line_no, product_code, name, quantity, grams, "
            + "unit_price_minor, line_total_minor, tax_class, list_price_minor, discount_minor, discount_reason, tax_rate_bp, "
            + "tax_minor)";
    private static final String LINES_UPDATE = " ON DUPLICATE KEY UPDATE product_code = VALUES(product_code), "
            + "name = VALUES(name), quantity = VALUES(quantity), grams = VALUES(grams), "
            + "unit_price_minor = VALUES(unit_price_minor), line_total_minor = VALUES(line_total_minor), "
            + "tax_class = VALUES(tax_class), list_price_minor = VALUES(list_price_minor), "
            + "discount_minor = VALUES(discount_minor), discount_reason = VALUES(discount_reason), "
            + "tax_rate_bp = VALUES(tax_rate_bp), tax_minor = VALUES(tax_minor)";
    private static final String AUDIT_COLUMNS = "(transaction_id, entry_no, kind, at, clerk_id, approver_id, subject, "
            + "amount_minor, reason)";
    private static final String AUDIT_UPDATE = " ON DUPLICATE KEY UPDATE kind = VALUES(kind), at = VALUES(at), "
            + "clerk_id = VALUES(clerk_id), approver_id = VALUES(approver_id), subject = VALUES(subject), "
            + "amount_minor = VALUES(amount_minor), reason = VALUES(reason)";
    private static final String RECORDS_COLUMNS = "(kind, record_id, till_id, at, payload, archived_at)";
    // archived_at keeps the first archiving time; the payload of a record id never changes.
    private static final String RECORDS_UPDATE = " ON DUPLICATE KEY UPDATE till_id = VALUES(till_id), at = VALUES(at), "
            + "payload = VALUES(payload)";
    private static final String TENDERS_COLUMNS = "(transaction_id, tender_no, tender_type, amount_minor, "
            + "tendered_minor, change_minor, reference)";
    private static final String TENDERS_UPDATE = " ON DUPLICATE KEY UPDATE tender_type = VALUES(tender_type), "
            + "amount_minor = VALUES(amount_minor), tendered_minor = VALUES(tendered_minor), "
            + "change_minor = VALUES(change_minor), reference = VALUES(reference)";

    // ER_BAD_NULL_ERROR, ER_WARN_DATA_OUT_OF_RANGE, ER_TRUNCATED_WRONG_VALUE, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, ER_DATA_TOO_LONG
    private static final Set<Integer> REFUSED_DATA_CODES = Set.of(1048, 1264, 1292, 1366, 1406);

    private static final Logger log = LoggerFactory.getLogger(MariaDbSaleArchive.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String endpoint;
    private final Clock clock;
    private final ConcurrentMap<String, String> statements = new ConcurrentHashMap<>();
    private volatile boolean migrated;

    private MariaDbSaleArchive(HikariDataSource dataSource, String endpoint, Clock clock) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /**
     * A pool of up to {@code poolSize} connections to {@code jdbcUrl}. Nothing is dialled yet, so
     * this works while MariaDB is down.
     */
    public static MariaDbSaleArchive create(String jdbcUrl, String user, String password, int poolSize) {
        return create(jdbcUrl, user, password, poolSize, Clock.systemUTC());
    }

    /**
     * As {@link #create(String, String, String, int)}, with the clock that stamps {@code archived_at}.
     *
     * @throws InvalidJdbcUrlException if {@code jdbcUrl} is not a MariaDB (or MySQL) JDBC URL
     */
    public static MariaDbSaleArchive create(String jdbcUrl, String user, String password, int poolSize, Clock clock) {
        return new MariaDbSaleArchive(MariaDbPool.open("pos-archive", jdbcUrl, user, password, poolSize), endpointOf(jdbcUrl),
                clock);
    }

    /**
     * Checks that {@code jdbcUrl} looks like {@code jdbc:mariadb://host:port/db} (or {@code jdbc:mysql:}).
     *
     * @throws InvalidJdbcUrlException if it does not
     */
    public static String requireJdbcUrl(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!ENDPOINT.matcher(jdbcUrl).matches()) {
            throw new InvalidJdbcUrlException(jdbcUrl);
        }
        return jdbcUrl;
    }

    /** {@code host:port/database} from a JDBC URL, for messages. */
    static String endpointOf(String jdbcUrl) {
        Matcher m = ENDPOINT.matcher(jdbcUrl);
        if (!m.matches()) {
            return jdbcUrl.replaceAll("password=[^&;]*", "password=***");
        }
        return m.group(1) + (m.group(2) == null ? "" : m.group(2));
    }

    /**
     * Creates or upgrades the schema (Flyway), once per instance: later calls return at once. Safe
     * to run from several archivers at once.
     *
     * @throws UnableToArchiveException if MariaDB cannot be reached or a migration fails
     */
    public void migrate() {
        if (migrated) {
            return;
        }
        try {
            MariaDbPool.migrate(dataSource);
            migrated = true;
        } catch (FlywayException e) {
            throw new UnableToArchiveException("mariadb " + endpoint + ": cannot create or upgrade the archive schema: "
                    + describe(e), e);
        }
    }

    /**
     * Writes {@code sales} in one transaction, idempotently: a sale already archived is left as it is
     * (a transaction id names one finished sale). Sales with the same transaction id more than once are
     * written once.
     *
     * @return how many distinct sales were in {@code sales}
     * @throws UnableToArchiveException if the transaction did not commit; nothing of it is kept
     */
    public int store(Collection<SaleRecord> sales) {
        return storeAll(sales);
    }

    /**
     * Writes till records of every kind in one transaction, idempotently: sales into their tables as
     * {@link #store} does (those not archived yet as plain {@code INSERT} batches, see {@link NewSaleInserts});
     * every other record as its JSON into {@code till_records} and into its own table where {@link
     * RecordTables#ALL} has one, with upserts. Records with the same kind and id more than once are
     * written once.
     *
     * <p>If another archiver commits some of the same sales while this one writes them (a duplicate key),
     * the transaction is rolled back and the batch is written again, whole, with upserts (a sale already
     * archived is then rewritten with the same values, its {@code archived_at} kept).
     *
     * @return how many distinct records were in {@code records}
     * @throws UnableToArchiveException if the transaction did not commit; nothing of it is kept
     */
    public int storeAll(Collection<? extends TillRecord> records) {
        List<TillRecord> distinct = distinct(records);
        if (distinct.isEmpty()) {
            return 0;
        }
        List<SaleRecord> sales = new ArrayList<>();
        List<TillRecord> others = new ArrayList<>();
        for (TillRecord record : distinct) {
            if (record instanceof SaleRecord sale) {
                sales.add(sale);
            } else {
                others.add(record);
            }
        }
        LocalDateTime archivedAt = utc(Instant.now(clock));
        try {
            jdbi.useTransaction(handle -> {
                if (!sales.isEmpty()) {
                    NewSaleInserts.insertMissing(handle.getConnection(), sales, archivedAt);
                }
                if (!others.isEmpty()) {
                    upsertRecords(handle, others, archivedAt);
                }
            });
        } catch (JdbiException | SQLException e) {
            if (!NewSaleInserts.isDuplicateKey(e)) {
                throw notArchived(e, distinct.size(), others.isEmpty());
            }
            log.info("mariadb {}: another archiver wrote some of a batch of {} sales first ({}); writing the batch again "
                    + "with upserts", endpoint, sales.size(), describe(e));
            upsertAll(sales, others, archivedAt, distinct.size());
        }
        return distinct.size();
    }

    /** The slow idempotent path: every row as an upsert, in one transaction. */
    private void upsertAll(List<SaleRecord> sales, List<TillRecord> others, LocalDateTime archivedAt, int records) {
        try {
            jdbi.useTransaction(handle -> {
                if (!sales.isEmpty()) {
                    upsertSales(handle, sales, archivedAt);
                    upsertLines(handle, sales);
                    upsertTenders(handle, sales);
                    upsertAudit(handle, sales);
                }
                if (!others.isEmpty()) {
                    upsertRecords(handle, others, archivedAt);
                }
            });
        } catch (JdbiException e) {
            throw notArchived(e, records, others.isEmpty());
        }
    }

    private UnableToArchiveException notArchived(Exception e, int records, boolean onlySales) {
        return new UnableToArchiveException("mariadb " + endpoint + ": " + describe(e) + " (batch of " + records
                + (onlySales ? " sales" : " records") + " not archived)", e);
    }

    private static List<TillRecord> distinct(Collection<? extends TillRecord> records) {
        LinkedHashMap<String, TillRecord> byId = new LinkedHashMap<>();
        for (TillRecord record : records) {
            byId.putIfAbsent(record.kind() + "/" + record.recordId(), record);
        }
        return new ArrayList<>(byId.values());
    }

    private void upsertAudit(Handle handle, List<SaleRecord> sales) {
        List<Object[]> rows = new ArrayList<>();
        for (SaleRecord s : sales) {
            int entryNo = 1;
            for (AuditEntry a : s.audit()) {
                rows.add(new Object[] {s.transactionId(), entryNo++, a.kind().name(), utc(a.at()), a.clerkId(), a.approverId(),
                    a.subject(), a.amountMinor(), a.reason()});
            }
        }
        upsertRows(handle, "sale_audit", AUDIT_COLUMNS, 9, AUDIT_UPDATE, rows);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void upsertRecords(Handle handle, List<TillRecord> records, LocalDateTime archivedAt) {
        List<Object[]> rows = new ArrayList<>();
        for (TillRecord r : records) {
            rows.add(new Object[] {r.kind(), r.recordId(), r.tillId(), utc(r.at()), TillRecordJson.write(r), archivedAt});
        }
        upsertRows(handle, "till_records", RECORDS_COLUMNS, 6, RECORDS_UPDATE, rows);
        for (RecordTable table : RecordTables.ALL) {
            List<TillRecord> ofType = records.stream().filter(table.type()::isInstance).toList();
            if (!ofType.isEmpty()) {
                table.upsert(handle, ofType);
            }
        }
    }

    private void upsertSales(Handle handle, List<SaleRecord> sales, LocalDateTime archivedAt) {
        for (List<SaleRecord> chunk : chunks(sales)) {
            Update update = handle.createUpdate(statement("sales", SALES_COLUMNS, 16, chunk.size(), SALES_UPDATE));
            int i = 0;
            for (SaleRecord s : chunk) {
                update.bind(i++, s.transactionId()).bind(i++, s.tillId()).bind(i++, s.state().name())
                        .bind(i++, s.currency()).bind(i++, s.totalMinor()).bind(i++, s.taxMinor())
                        .bind(i++, utc(s.openedAt())).bind(i++, utc(s.closedAt())).bind(i++, s.lines().size())
                        .bind(i++, archivedAt).bind(i++, s.clerkId()).bind(i++, s.clerkName()).bind(i++, s.shiftId())
                        .bind(i++, s.saleDiscountMinor()).bind(i++, s.saleDiscountReason()).bind(i++, s.roundingMinor());
            }
            update.execute();
        }
    }

    private void upsertLines(Handle handle, List<SaleRecord> sales) {
        List<Object[]> rows = new ArrayList<>();
        for (SaleRecord s : sales) {
            for (SaleRecord.Line l : s.lines()) {
                rows.add(new Object[] {s.transactionId(), l.lineNo(), l.productCode(), l.name(), l.quantity(), l.grams(),
                    l.unitPriceMinor(), l.lineTotalMinor(), l.taxClass(), l.listPriceMinor(), l.discountMinor(),
                    l.discountReason(), l.taxRateBasisPoints(), l.taxMinor()});
            }
        }
        upsertRows(handle, "sale_lines", LINES_COLUMNS, 14, LINES_UPDATE, rows);
    }

    private void upsertTenders(Handle handle, List<SaleRecord> sales) {
        List<Object[]> rows = new ArrayList<>();
        for (SaleRecord s : sales) {
            int tenderNo = 1;
            for (SaleRecord.Payment p : s.tenders()) {
                rows.add(new Object[] {s.transactionId(), tenderNo++, p.type().name(), p.amountMinor(), p.tenderedMinor(),
                    p.changeMinor(), p.reference()});
            }
        }
        upsertRows(handle, "sale_tenders", TENDERS_COLUMNS, 7, TENDERS_UPDATE, rows);
    }

    private void upsertRows(Handle handle, String table, String columns, int width, String onDuplicate, List<Object[]> rows) {
        for (List<Object[]> chunk : chunks(rows)) {
            Update update = handle.createUpdate(statement(table, columns, width, chunk.size(), onDuplicate));
            int i = 0;
            for (Object[] row : chunk) {
                for (Object value : row) {
                    update.bind(i++, value);
                }
            }
            update.execute();
        }
    }

    private String statement(String table, String columns, int width, int rows, String onDuplicate) {
        return statements.computeIfAbsent(table + ":" + rows, key -> {
            String tuple = "(" + "?, ".repeat(width - 1) + "?)";
            StringBuilder sql = new StringBuilder(64 + rows * (tuple.length() + 2));
            sql.append("INSERT INTO ").append(table).append(' ').append(columns).append(" VALUES ");
            for (int r = 0; r < rows; r++) {
                sql.append(r == 0 ? "" : ", ").append(tuple);
            }
            return sql.append(onDuplicate).toString();
        });
    }

    private static <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** {@code host:port/database}, for messages. */
    public String endpoint() {
        return endpoint;
    }

    /** The pool (for tests, benchmarks and the hub's health check). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * True if MariaDB refused the data itself (a value out of range, too long, not valid for its
     * column, a constraint) rather than failing to run the statement (connection lost, deadlock,
     * timeout): writing the same data again would fail again.
     */
    public static boolean isRefusedData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && !(t instanceof SQLTransientException)
                    && !(t instanceof SQLNonTransientConnectionException)) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("22") || state.startsWith("23") || REFUSED_DATA_CODES.contains(sql.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A plain reason for a MariaDB failure: "connection refused" and the like, or the root cause's message. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SQLException && message.contains("connection refused")) {
                return "connection refused";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (root instanceof SQLException sql && sql.getMessage() != null) {
            return sql.getMessage();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Closes the pool. */
    @Override
    public void close() {
        dataSource.close();
    }
}
