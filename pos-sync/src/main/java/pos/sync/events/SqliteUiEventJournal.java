package pos.sync.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import pos.core.events.UiEvent;
import pos.core.journal.JournalWriteException;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.sync.journal.HandOverJournal;
import pos.sync.journal.JournalReadException;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The till's buried-point events (R19) in its SQLite journal file ({@value SqliteSaleJournal#FILE_NAME}
 * in the data directory, table {@code ui_events}, migration {@code V4__ui_events.sql}), beside the
 * sales. Thread-safe: writes are serialised on one connection, reads use a second one.
 *
 * <p>It opens the file the way {@link SqliteSaleJournal} does (WAL, {@code synchronous=FULL}, a busy
 * timeout of {@link SqliteSaleJournal#BUSY_TIMEOUT_MS}, the same Flyway location), on connections of
 * its own, so a batch of events never waits behind a sale's lock for long and a sale never waits for
 * events: SQLite serialises the two writers, each commit is short. Events are written in batches,
 * one transaction (one fsync) per batch, by {@link JournaledEventSink}'s background thread. The
 * table {@code ui_events_sync_position} holds the highest {@code seq} handed on to Redis by
 * {@link UiEventOutbox}.
 *
 * <p>The paid-sales count of the conversion report reads the sales ({@code journal} rows of kind
 * {@value SqliteSaleJournal#SALE_FINISHED}) of the same file, so the report needs no second store.
 */
public final class SqliteUiEventJournal implements HandOverJournal<SqliteUiEventJournal.StoredEvent>, AutoCloseable {

    /** A stored event and its append position. Immutable. */
    public record StoredEvent(long seq, UiEvent event) implements HandOverJournal.Row {
    }

    private static final Logger log = LoggerFactory.getLogger(SqliteUiEventJournal.class);

    private final Path file;
    private final Object writeLock = new Object();
    private final Connection writer; // guarded by writeLock
    private final Object readLock = new Object();
    private final Connection reader; // guarded by readLock
    private volatile boolean closed;

    private SqliteUiEventJournal(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Opens (or creates) the journal file in {@code dataDir} and brings its schema up to date.
     *
     * @throws JournalWriteException if the directory or the file cannot be created, migrated or written
     */
    public static SqliteUiEventJournal open(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new JournalWriteException("cannot create the till's data directory " + dir + " for UI events: "
                    + e.getMessage(), e);
        }
        Path file = dir.resolve(SqliteSaleJournal.FILE_NAME);
        String url = "jdbc:sqlite:" + file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SqliteSaleJournal.BUSY_TIMEOUT_MS);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        try {
            Flyway.configure(SqliteUiEventJournal.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new JournalWriteException("cannot create or upgrade the journal " + file + " for UI events: "
                    + e.getMessage(), e);
        }
        Connection writer = null;
        Connection reader = null;
        try {
            writer = config.createConnection(url);
            reader = config.createConnection(url);
            try (Statement probe = writer.createStatement()) {
                probe.executeUpdate("UPDATE ui_events_sync_position SET handed_on_seq = handed_on_seq WHERE id = 1");
            }
            SqliteUiEventJournal journal = new SqliteUiEventJournal(file, writer, reader);
            log.info("UI event journal open at {} ({} events, {} not yet handed on)", file, journal.count(), journal.backlog());
            return journal;
        } catch (SQLException e) {
            closeAfterFailure(writer, e);
            closeAfterFailure(reader, e);
            throw new JournalWriteException("cannot open the journal " + file + " for UI events: " + e.getMessage(), e);
        }
    }

    /**
     * Appends {@code events} in one transaction (one fsync). An event whose id is already stored is
     * skipped (idempotent).
     *
     * @return how many rows were new
     * @throws JournalWriteException if the batch could not be committed; none of it is kept
     */
    public int appendAll(List<UiEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return 0;
        }
        synchronized (writeLock) {
            if (closed) {
                throw new JournalWriteException("cannot journal " + events.size() + " UI events: the journal " + file
                        + " is closed", null);
            }
            try {
                writer.setAutoCommit(false);
                int inserted = 0;
                try (PreparedStatement insert = writer.prepareStatement("INSERT INTO ui_events "
                        + "(event_id, kind, client_id, target_id, at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
                    for (UiEvent event : events) {
                        insert.setString(1, event.id());
                        insert.setString(2, event.kind().name());
                        insert.setString(3, event.clientId());
                        insert.setString(4, event.targetId());
                        insert.setLong(5, event.at().toEpochMilli());
                        inserted += insert.executeUpdate();
                    }
                }
                writer.commit();
                return inserted;
            } catch (SQLException e) {
                rollback(e);
                throw new JournalWriteException("cannot journal " + events.size() + " UI events in " + file + ": "
                        + e.getMessage(), e);
            } finally {
                try {
                    writer.setAutoCommit(true);
                } catch (SQLException e) {
                    log.warn("Could not return the UI event journal's connection to autocommit", e);
                }
            }
        }
    }

    private void rollback(SQLException failure) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Events after {@code afterSeq} in append order, at most {@code limit}: what the outbox hands on. */
    @Override
    public List<StoredEvent> readAfter(long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        synchronized (readLock) {
            requireOpen();
            try (PreparedStatement st = reader.prepareStatement("SELECT seq, event_id, kind, client_id, target_id, at_ms "
                    + "FROM ui_events WHERE seq > ? ORDER BY seq LIMIT ?")) {
                st.setLong(1, afterSeq);
                st.setInt(2, limit);
                List<StoredEvent> events = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        events.add(new StoredEvent(rs.getLong(1), new UiEvent(rs.getString(2),
                                UiEvent.Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                                Instant.ofEpochMilli(rs.getLong(6)))));
                    }
                }
                return events;
            } catch (SQLException e) {
                throw readFailed("read the UI events after seq " + afterSeq, e);
            }
        }
    }

    /** Records that every event up to {@code seq} was handed on; the position only moves forward. */
    @Override
    public void markHandedOn(long seq) {
        synchronized (writeLock) {
            if (closed) {
                throw new JournalWriteException("cannot move the UI events' sync position: the journal " + file
                        + " is closed", null);
            }
            try (PreparedStatement st = writer.prepareStatement(
                    "UPDATE ui_events_sync_position SET handed_on_seq = ? WHERE id = 1 AND handed_on_seq < ?")) {
                st.setLong(1, seq);
                st.setLong(2, seq);
                st.executeUpdate();
            } catch (SQLException e) {
                throw new JournalWriteException("cannot move the UI events' sync position of " + file + " to " + seq + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** The highest {@code seq} handed on (0 when none). */
    @Override
    public long handedOnSeq() {
        return queryLong("SELECT handed_on_seq FROM ui_events_sync_position WHERE id = 1", "read the UI events' sync position");
    }

    /** How many events have not been handed on yet. */
    @Override
    public long backlog() {
        return queryLong("SELECT count(*) FROM ui_events WHERE seq > "
                + "(SELECT handed_on_seq FROM ui_events_sync_position WHERE id = 1)", "count the UI events not handed on");
    }

    /** How many events the journal holds. */
    public long count() {
        return queryLong("SELECT count(*) FROM ui_events", "count the UI events");
    }

    /** How often each page was shown in {@code [from, to)}, by page id. */
    public Map<String, Long> pagesShown(Instant from, Instant to) {
        synchronized (readLock) {
            requireOpen();
            try (PreparedStatement st = reader.prepareStatement("SELECT target_id, count(*) FROM ui_events "
                    + "WHERE kind = ? AND at_ms >= ? AND at_ms < ? GROUP BY target_id")) {
                st.setString(1, UiEvent.Kind.PAGE_SHOWN.name());
                st.setLong(2, from.toEpochMilli());
                st.setLong(3, to.toEpochMilli());
                Map<String, Long> counts = new HashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return counts;
            } catch (SQLException e) {
                throw readFailed("count the pages shown from " + from + " to " + to, e);
            }
        }
    }

    /**
     * The pages shown in {@code [from, to)} among {@code pageIds}, in time order (the conversion report matches each to
     * a sale; issue 12 point 8).
     *
     * @throws JournalReadException if the journal cannot be read
     */
    public List<UiEvent> pageEvents(Instant from, Instant to, java.util.Collection<String> pageIds) {
        List<UiEvent> events = new ArrayList<>();
        if (pageIds.isEmpty()) {
            return events;
        }
        String marks = String.join(",", java.util.Collections.nCopies(pageIds.size(), "?"));
        synchronized (readLock) {
            requireOpen();
            try (PreparedStatement st = reader.prepareStatement("SELECT event_id, kind, client_id, target_id, at_ms "
                    + "FROM ui_events WHERE kind = ? AND at_ms >= ? AND at_ms < ? AND target_id IN (" + marks + ") "
                    + "ORDER BY at_ms, seq")) {
                st.setString(1, UiEvent.Kind.PAGE_SHOWN.name());
                st.setLong(2, from.toEpochMilli());
                st.setLong(3, to.toEpochMilli());
                int i = 4;
                for (String page : pageIds) {
                    st.setString(i++, page);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        events.add(new UiEvent(rs.getString(1), UiEvent.Kind.valueOf(rs.getString(2)), rs.getString(3),
                                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
                return events;
            } catch (SQLException e) {
                throw readFailed("read the pages shown from " + from + " to " + to, e);
            }
        }
    }

    /**
     * The sales, paid or cancelled, closed in {@code [from, to)}, from the sale rows of the same journal file, in
     * journal order.
     *
     * @throws pos.contract.sale.MalformedSaleRecordException if a stored sale is not a sale record
     */
    public List<SaleRecord> salesClosed(Instant from, Instant to) {
        List<String> payloads = new ArrayList<>();
        synchronized (readLock) {
            requireOpen();
            // created_at (the append time) only narrows the scan, as in paidSales; the exact test is on closedAt
            try (PreparedStatement st = reader.prepareStatement(
                    "SELECT payload FROM journal WHERE kind = ? AND created_at >= ? ORDER BY seq")) {
                st.setString(1, SqliteSaleJournal.SALE_FINISHED);
                st.setString(2, from.minusSeconds(60).toString());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        payloads.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw readFailed("read the sales from " + from + " to " + to, e);
            }
        }
        List<SaleRecord> sales = new ArrayList<>();
        for (String payload : payloads) {
            SaleRecord sale = SaleRecordJson.read(payload);
            if (!sale.closedAt().isBefore(from) && sale.closedAt().isBefore(to)) {
                sales.add(sale);
            }
        }
        return sales;
    }

    /**
     * How many sales closed as PAID in {@code [from, to)} each tender type paid, from the sale rows of
     * the same journal file; a sale paid by two types counts once for each.
     *
     * @throws pos.contract.sale.MalformedSaleRecordException if a stored sale is not a sale record
     */
    public Map<TenderType, Long> paidSales(Instant from, Instant to) {
        List<String> payloads = new ArrayList<>();
        synchronized (readLock) {
            requireOpen();
            // created_at (the append time, ISO-8601 text) only narrows the scan: a sale is appended
            // after it closed, and text order is off by at most a second; the exact test is on closedAt.
            try (PreparedStatement st = reader.prepareStatement(
                    "SELECT payload FROM journal WHERE kind = ? AND created_at >= ? ORDER BY seq")) {
                st.setString(1, SqliteSaleJournal.SALE_FINISHED);
                st.setString(2, from.minusSeconds(60).toString());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        payloads.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw readFailed("read the sales from " + from + " to " + to, e);
            }
        }
        Map<TenderType, Long> paid = new EnumMap<>(TenderType.class);
        for (String payload : payloads) {
            SaleRecord sale = SaleRecordJson.read(payload);
            if (sale.state() != SaleState.PAID || sale.closedAt().isBefore(from) || !sale.closedAt().isBefore(to)) {
                continue;
            }
            sale.tenders().stream().map(SaleRecord.Payment::type).distinct()
                    .forEach(type -> paid.merge(type, 1L, Long::sum));
        }
        return paid;
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    private long queryLong(String sql, String what) {
        synchronized (readLock) {
            requireOpen();
            try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                throw readFailed(what, e);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new JournalReadException("the journal " + file + " is closed (UI events)", null);
        }
    }

    private JournalReadException readFailed(String what, SQLException e) {
        return new JournalReadException("cannot " + what + " from the journal " + file + ": " + e.getMessage(), e);
    }

    /** Closes both connections. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            synchronized (readLock) {
                if (closed) {
                    return;
                }
                closed = true;
                closeLogged(reader);
                closeLogged(writer);
            }
        }
    }

    private static void closeLogged(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing is lost: every batch was committed.
            log.warn("Could not close a UI event journal connection cleanly", e);
        }
    }

    private static void closeAfterFailure(Connection connection, Exception primary) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }
}
