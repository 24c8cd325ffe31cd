package pos.sync.journal;

import pos.contract.sale.MalformedSaleRecordException;
import pos.contract.sale.SaleRecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;
import pos.core.journal.JournalWriteException;
import pos.core.journal.SaleJournal;
import pos.core.journal.TillRecord;
import pos.core.sale.SaleRecord;
import pos.contract.journal.TillRecordJson;

/**
 * The till's {@link SaleJournal} in a SQLite file, {@value #FILE_NAME} in the till's data
 * directory. Thread-safe: appends are serialised on one connection, reads use a second one.
 *
 * <p>Storage contract (DESIGN §4): the table {@code journal} is append-only with one row per
 * event ({@code seq} = append order, {@code transaction_id}, {@code kind}, the payload as JSON,
 * {@code created_at}); a transaction has at most one row of each kind ({@code UNIQUE
 * (transaction_id, kind)}, since V2). Sales are {@value #SALE_FINISHED} rows with the
 * {@link SaleRecord} as payload; payments journal their steps as {@link PaymentEventKind} rows
 * with a {@link PaymentEvent} as payload ({@link PaymentEventJson}). The table
 * {@code sync_position} beside it holds the highest {@code seq} handed on to the store's Redis.
 * Other records ({@link TillRecord}s: returns, till events, Z reports...) are rows of their own kind
 * with their JSON ({@link TillRecordJson}). Every record kind is handed on (the archive stream
 * carries each record once); payment steps stay on the till: {@link #readAfter} and
 * {@link #backlog()} see record rows only, {@link #count()} sale rows only. The schema is created and upgraded
 * by Flyway ({@code db/migration/sqlite}).
 *
 * <p>Durability: the file runs in WAL mode with {@code synchronous=FULL}, and every append is
 * its own committed transaction, so the WAL is fsynced before {@link #append} returns. A second
 * process on the same file waits up to {@link #BUSY_TIMEOUT_MS} for a lock.
 */
public final class SqliteSaleJournal implements SaleJournal, HandOverJournal<JournalEntry>, AutoCloseable {

    /** The journal's file name inside the data directory. */
    public static final String FILE_NAME = "journal.db";
    /** The kind of row written by {@link #append}: a sale reached PAID or CANCELLED. */
    public static final String SALE_FINISHED = pos.contract.sale.SaleStream.SALE_FINISHED;
    /**
     * The kinds the outbox hands on, as an SQL list: every {@link TillRecordJson#KINDS} kind. Payment
     * steps ({@code PAYMENT_*}) stay on the till. The kinds are constants of the contract, never input.
     */
    private static final String HANDED_ON_KINDS = TillRecordJson.kinds().stream()
            .map(k -> "'" + k.replace("'", "''") + "'").collect(java.util.stream.Collectors.joining(", "));
    /** How long a statement waits for another connection's lock before failing. */
    public static final int BUSY_TIMEOUT_MS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(SqliteSaleJournal.class);

    private final Path file;
    private final Clock clock;
    private final CopyOnWriteArrayList<Runnable> appendListeners = new CopyOnWriteArrayList<>();

    private final Object writeLock = new Object();
    private final Connection writer; // guarded by writeLock
    private final PreparedStatement insert; // guarded by writeLock
    private final PreparedStatement advance; // guarded by writeLock

    private final Object readLock = new Object();
    private final Connection reader; // guarded by readLock

    private volatile boolean closed;

    private SqliteSaleJournal(Path file, Clock clock, Connection writer, Connection reader) throws SQLException {
        this.file = file;
        this.clock = clock;
        this.writer = writer;
        this.reader = reader;
        // ON CONFLICT DO NOTHING: a second append of the same transaction id and kind keeps the first row.
        this.insert = writer.prepareStatement("INSERT INTO journal (transaction_id, kind, payload, created_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (transaction_id, kind) DO NOTHING");
        this.advance = writer.prepareStatement(
                "UPDATE sync_position SET handed_on_seq = ? WHERE id = 1 AND handed_on_seq < ?");
    }

    /**
     * Opens (or creates) the journal in {@code dataDir}, creating the directory if needed and
     * bringing the schema up to date.
     *
     * @throws JournalWriteException if the directory or the file cannot be created or written;
     *     the message says which path and why
     */
    public static SqliteSaleJournal open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that stamps {@code created_at}. */
    public static SqliteSaleJournal open(Path dataDir, Clock clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new JournalWriteException("cannot create the till's data directory " + dir + ": "
                    + describe(e), e);
        }
        Path file = dir.resolve(FILE_NAME);
        String url = "jdbc:sqlite:" + file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        migrate(url, config, file);
        Connection writer = null;
        Connection reader = null;
        try {
            writer = config.createConnection(url);
            reader = config.createConnection(url);
            requireDurableSettings(writer, file);
            try (Statement probe = writer.createStatement()) {
                // Fails now, not at the first sale, when the file is read-only.
                probe.executeUpdate("UPDATE sync_position SET handed_on_seq = handed_on_seq WHERE id = 1");
            }
            SqliteSaleJournal journal = new SqliteSaleJournal(file, clock, writer, reader);
            log.info("Journal open at {} ({} sales, {} not yet handed on, {} payments unsettled)", file, journal.count(),
                    journal.backlog(), journal.pendingPayments().size());
            return journal;
        } catch (SQLException e) {
            closeQuietly(writer, e);
            closeQuietly(reader, e);
            throw new JournalWriteException("cannot open the journal " + file + ": " + describe(e), e);
        }
    }

    private static void migrate(String url, SQLiteConfig config, Path file) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        try {
            Flyway.configure(SqliteSaleJournal.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new JournalWriteException("cannot create or upgrade the journal " + file + ": " + describe(e), e);
        }
    }

    private static void requireDurableSettings(Connection connection, Path file) throws SQLException {
        try (Statement st = connection.createStatement()) {
            String journalMode = queryString(st, "PRAGMA journal_mode");
            String synchronous = queryString(st, "PRAGMA synchronous");
            // WAL can be refused (e.g. on some network file systems); then the settings are not ours.
            if (!"wal".equalsIgnoreCase(journalMode) || !"2".equals(synchronous)) {
                throw new SQLException("the journal " + file + " runs with journal_mode=" + journalMode
                        + ", synchronous=" + synchronous + " instead of WAL and FULL (2)");
            }
        }
    }

    private static String queryString(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Appends a finished sale durably: when this returns the row is committed and fsynced. Then the
     * {@linkplain #onAppend append listeners} run on this thread.
     *
     * @return true if appended, false if the transaction id was already journaled (the first
     *     record is kept)
     * @throws JournalWriteException if the row could not be written (disk full, file read-only,
     *     journal closed); the message names the sale, the file and the reason
     */
    @Override
    public boolean append(SaleRecord sale) {
        return appendRecord(sale);
    }

    /**
     * Appends any handed-on record durably (a sale, a return, a till event, a Z report...): when this
     * returns the row is committed and fsynced, keyed by ({@link TillRecord#recordId()}, kind). Then
     * the {@linkplain #onAppend append listeners} run on this thread.
     *
     * @return true if appended, false if a record of this kind and id was already journaled (the
     *     first is kept)
     * @throws JournalWriteException if the row could not be written (disk full, file read-only,
     *     journal closed); the message names the record, the file and the reason
     */
    @Override
    public boolean appendRecord(TillRecord record) {
        Objects.requireNonNull(record, "record");
        String what = describeRecord(record);
        String payload = TillRecordJson.write(record);
        int inserted;
        synchronized (writeLock) {
            if (closed) {
                throw new JournalWriteException("cannot journal " + what + ": the journal " + file + " is closed", null);
            }
            try {
                insert.setString(1, record.recordId());
                insert.setString(2, record.kind());
                insert.setString(3, payload);
                insert.setString(4, Instant.now(clock).toString());
                inserted = insert.executeUpdate();
            } catch (SQLException e) {
                throw new JournalWriteException("cannot journal " + what + " in " + file + ": " + describe(e), e);
            }
        }
        if (inserted == 1) {
            for (Runnable listener : appendListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    // The record is durable; a listener's failure must not make it look failed.
                    log.error("Journal append listener failed after {} was journaled", what, e);
                }
            }
        }
        return inserted == 1;
    }

    private static String describeRecord(TillRecord record) {
        return record instanceof SaleRecord ? "sale " + record.recordId() : record.kind() + " " + record.recordId();
    }

    /**
     * The records of every handed-on kind journaled in {@code [from, to)} (by append time), in
     * append order, that are a {@code type} ({@code TillRecord.class} for all).
     *
     * @throws JournalReadException if the file cannot be read
     * @throws pos.contract.journal.MalformedTillRecordException if a stored payload is not its kind's record
     */
    @Override
    public <T extends TillRecord> List<T> records(Class<T> type, Instant from, Instant to) {
        Objects.requireNonNull(type, "type");
        List<String> kinds = kindsOf(type);
        List<T> records = new ArrayList<>();
        synchronized (readLock) {
            requireOpenForRead();
            try (PreparedStatement st = reader.prepareStatement("SELECT kind, payload FROM journal "
                    + "WHERE created_at >= ? AND created_at < ? AND kind IN (" + placeholders(kinds.size()) + ") ORDER BY seq")) {
                st.setString(1, from.toString());
                st.setString(2, to.toString());
                for (int i = 0; i < kinds.size(); i++) {
                    st.setString(3 + i, kinds.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        records.add(type.cast(TillRecordJson.read(rs.getString(1), rs.getString(2))));
                    }
                }
            } catch (SQLException e) {
                throw readFailed("read the records from " + from + " to " + to, e);
            }
        }
        return records;
    }

    /** The record of {@code type} with id {@code recordId}, if journaled here. */
    @Override
    public <T extends TillRecord> Optional<T> findRecord(Class<T> type, String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        List<String> kinds = kindsOf(type);
        String kind;
        String payload;
        synchronized (readLock) {
            requireOpenForRead();
            try (PreparedStatement st = reader.prepareStatement("SELECT kind, payload FROM journal WHERE transaction_id = ? "
                    + "AND kind IN (" + placeholders(kinds.size()) + ") ORDER BY seq LIMIT 1")) {
                st.setString(1, recordId);
                for (int i = 0; i < kinds.size(); i++) {
                    st.setString(2 + i, kinds.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    kind = rs.getString(1);
                    payload = rs.getString(2);
                }
            } catch (SQLException e) {
                throw readFailed("read record " + recordId, e);
            }
        }
        return Optional.of(type.cast(TillRecordJson.read(kind, payload)));
    }

    /** The handed-on kinds whose records are a {@code type}. */
    private static List<String> kindsOf(Class<? extends TillRecord> type) {
        List<String> kinds = new ArrayList<>();
        TillRecordJson.KINDS.forEach((kind, recordType) -> {
            if (type.isAssignableFrom(recordType)) {
                kinds.add(kind);
            }
        });
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " is not a journaled record kind (TillRecordJson.KINDS)");
        }
        return kinds;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * Registers a listener run on the appending thread after each new row is committed; it must
     * return quickly (e.g. wake a background thread).
     *
     * @return a handle that removes the listener
     */
    @Override
    public AutoCloseable onAppend(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        appendListeners.add(listener);
        return () -> appendListeners.remove(listener);
    }

    /**
     * Record rows (every {@link TillRecordJson#KINDS} kind) after {@code afterSeq} in append order, at most
     * {@code limit}: what the outbox hands on. Payment rows stay on the till.
     *
     * @throws JournalReadException if the file cannot be read
     */
    @Override
    public List<JournalEntry> readAfter(long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        synchronized (readLock) {
            requireOpenForRead();
            try (PreparedStatement st = reader.prepareStatement("SELECT seq, transaction_id, kind, payload, created_at "
                    + "FROM journal WHERE seq > ? AND kind IN (" + HANDED_ON_KINDS + ") ORDER BY seq LIMIT ?")) {
                st.setLong(1, afterSeq);
                st.setInt(2, limit);
                List<JournalEntry> entries = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new JournalEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Instant.parse(rs.getString(5))));
                    }
                }
                return entries;
            } catch (SQLException e) {
                throw readFailed("read the rows after seq " + afterSeq, e);
            }
        }
    }

    /**
     * Records that every row up to {@code seq} has been handed on. The position only moves forward;
     * a lower {@code seq} is ignored.
     *
     * @throws JournalWriteException if the position cannot be written
     */
    @Override
    public void markHandedOn(long seq) {
        synchronized (writeLock) {
            if (closed) {
                throw new JournalWriteException("cannot move the sync position: the journal " + file + " is closed", null);
            }
            try {
                advance.setLong(1, seq);
                advance.setLong(2, seq);
                advance.executeUpdate();
            } catch (SQLException e) {
                throw new JournalWriteException("cannot move the sync position of " + file + " to " + seq + ": "
                        + describe(e), e);
            }
        }
    }

    /** The highest {@code seq} handed on so far (0 when none). */
    @Override
    public long handedOnSeq() {
        return queryLong("SELECT handed_on_seq FROM sync_position WHERE id = 1", "read the sync position");
    }

    /** How many sales have not been handed on yet. */
    @Override
    public long backlog() {
        return queryLong("SELECT count(*) FROM journal WHERE kind IN (" + HANDED_ON_KINDS
                + ") AND seq > (SELECT handed_on_seq FROM sync_position WHERE id = 1)", "count the backlog");
    }

    /** How many sales the journal holds. */
    public long count() {
        return queryLong("SELECT count(*) FROM journal WHERE kind = '" + SALE_FINISHED + "'", "count the sales");
    }

    /**
     * The journaled record of a transaction, if any (for receipts, tests and support).
     *
     * @throws JournalReadException if the file cannot be read
     * @throws MalformedSaleRecordException if the stored payload is not a sale record
     */
    public Optional<SaleRecord> find(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        String payload;
        synchronized (readLock) {
            requireOpenForRead();
            try (PreparedStatement st = reader.prepareStatement(
                    "SELECT payload FROM journal WHERE transaction_id = ? AND kind = ?")) {
                st.setString(1, transactionId);
                st.setString(2, SALE_FINISHED);
                try (ResultSet rs = st.executeQuery()) {
                    payload = rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                throw readFailed("read sale " + transactionId, e);
            }
        }
        return payload == null ? Optional.empty() : Optional.of(SaleRecordJson.read(payload));
    }

    /**
     * Appends one step of a payment durably: when this returns the row is committed and fsynced
     * (the desk journals {@link PaymentEventKind#PAYMENT_PENDING} before the gateway is asked).
     * The outbox does not hand payment rows on; append listeners are not called.
     *
     * @return true if appended, false if this transaction already has a row of this kind (the
     *     first is kept)
     * @throws JournalWriteException if the row could not be written; the message names the
     *     payment, the file and the reason
     */
    public boolean appendPaymentEvent(PaymentEvent event) {
        Objects.requireNonNull(event, "event");
        String payload = PaymentEventJson.write(event);
        synchronized (writeLock) {
            if (closed) {
                throw new JournalWriteException("cannot journal " + event.kind() + " of payment " + event.transactionId()
                        + ": the journal " + file + " is closed", null);
            }
            try {
                insert.setString(1, event.transactionId());
                insert.setString(2, event.kind().name());
                insert.setString(3, payload);
                insert.setString(4, Instant.now(clock).toString());
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new JournalWriteException("cannot journal " + event.kind() + " of payment " + event.transactionId()
                        + " in " + file + ": " + describe(e), e);
            }
        }
    }

    /**
     * The journaled steps of one payment, in append order.
     *
     * @throws JournalReadException if the file cannot be read
     * @throws MalformedPaymentEventException if a stored payload is not a payment event
     */
    public List<PaymentEvent> paymentEvents(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        List<String> payloads = new ArrayList<>();
        synchronized (readLock) {
            requireOpenForRead();
            try (PreparedStatement st = reader.prepareStatement(
                    "SELECT payload FROM journal WHERE transaction_id = ? AND kind LIKE 'PAYMENT\\_%' ESCAPE '\\' ORDER BY seq")) {
                st.setString(1, transactionId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        payloads.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw readFailed("read the payment events of " + transactionId, e);
            }
        }
        return payloads.stream().map(PaymentEventJson::read).toList();
    }

    /**
     * Every journaled step of the bank card payments made with the card whose token is
     * {@code cardToken} ({@link pos.sync.card.CardTokens}), in append order (the V5 index
     * {@code journal_card_token} finds them).
     *
     * @throws JournalReadException if the file cannot be read
     * @throws MalformedPaymentEventException if a stored payload is not a payment event
     */
    public List<PaymentEvent> cardPaymentEvents(String cardToken) {
        Objects.requireNonNull(cardToken, "cardToken");
        List<String> payloads = new ArrayList<>();
        synchronized (readLock) {
            requireOpenForRead();
            // The same two terms as the partial index's expression and WHERE, so that SQLite uses it.
            try (PreparedStatement st = reader.prepareStatement("SELECT payload FROM journal "
                    + "WHERE kind LIKE 'PAYMENT\\_%' ESCAPE '\\' AND json_extract(payload, '$.card.token') = ? ORDER BY seq")) {
                st.setString(1, cardToken);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        payloads.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw readFailed("read the card payments of a card token", e);
            }
        }
        return payloads.stream().map(PaymentEventJson::read).toList();
    }

    /**
     * The payments this till started and has not settled ({@link PaymentEventKind#PAYMENT_PENDING}
     * without {@link PaymentEventKind#PAYMENT_SETTLED}), oldest first, each as its latest step: what
     * restart recovery must finish.
     *
     * @throws JournalReadException if the file cannot be read
     * @throws MalformedPaymentEventException if a stored payload is not a payment event
     */
    public List<PaymentEvent> pendingPayments() {
        List<String> payloads = new ArrayList<>();
        synchronized (readLock) {
            requireOpenForRead();
            try (PreparedStatement st = reader.prepareStatement("SELECT latest.payload FROM journal p "
                    + "JOIN journal latest ON latest.seq = (SELECT max(e.seq) FROM journal e "
                    + "    WHERE e.transaction_id = p.transaction_id AND e.kind LIKE 'PAYMENT\\_%' ESCAPE '\\') "
                    + "WHERE p.kind = ? AND NOT EXISTS (SELECT 1 FROM journal s WHERE s.transaction_id = p.transaction_id "
                    + "AND s.kind = ?) ORDER BY p.seq")) {
                st.setString(1, PaymentEventKind.PAYMENT_PENDING.name());
                st.setString(2, PaymentEventKind.PAYMENT_SETTLED.name());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        payloads.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw readFailed("list the pending payments", e);
            }
        }
        return payloads.stream().map(PaymentEventJson::read).toList();
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    /** Runs a PRAGMA on the appending connection and returns its first value (for checks and tests). */
    String writerPragma(String name) {
        synchronized (writeLock) {
            try (Statement st = writer.createStatement()) {
                return queryString(st, "PRAGMA " + name);
            } catch (SQLException e) {
                throw readFailed("read PRAGMA " + name, e);
            }
        }
    }

    private long queryLong(String sql, String what) {
        synchronized (readLock) {
            requireOpenForRead();
            try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                throw readFailed(what, e);
            }
        }
    }

    private void requireOpenForRead() {
        if (closed) {
            throw new JournalReadException("the journal " + file + " is closed", null);
        }
    }

    private JournalReadException readFailed(String what, SQLException e) {
        return new JournalReadException("cannot " + what + " from the journal " + file + ": " + describe(e), e);
    }

    /** Closes the journal; later appends fail with {@link JournalWriteException}. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            synchronized (readLock) {
                if (closed) {
                    return;
                }
                closed = true;
                closeQuietly(insert);
                closeQuietly(advance);
                closeQuietly(reader);
                closeQuietly(writer);
                log.info("Journal closed at {}", file);
            }
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            // Nothing is lost: every append was already committed.
            log.warn("Could not close a journal resource cleanly", e);
        }
    }

    private static void closeQuietly(AutoCloseable resource, Exception primary) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }

    /** A plain reason for a failure: the SQLite result code in words when there is one. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
                int primary = sqlite.getResultCode().code & 0xff;
                String reason = switch (primary) {
                    case 13 -> "the disk is full";
                    case 8 -> "the file is read-only";
                    case 14 -> "the file cannot be opened or created";
                    case 10 -> "a disk write or read failed (disk full or failing?)";
                    case 5, 6 -> "the file is locked by another process";
                    case 11, 26 -> "the file is damaged or not a journal";
                    case 23 -> "access denied";
                    default -> null;
                };
                String code = sqlite.getResultCode().name();
                return reason == null ? sqlite.getMessage() : reason + " [" + code + "]";
            }
            if (t instanceof java.nio.file.FileAlreadyExistsException fs) {
                return "a file that is not a directory is in the way: " + fs.getFile();
            }
            if (t instanceof java.nio.file.AccessDeniedException fs) {
                return "permission denied: " + fs.getFile();
            }
            if (t instanceof java.nio.file.FileSystemException fs) {
                return (fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName()) + ": " + fs.getFile();
            }
        }
        return String.valueOf(failure.getMessage());
    }
}
