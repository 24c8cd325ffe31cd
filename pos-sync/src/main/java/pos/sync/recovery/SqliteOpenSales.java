package pos.sync.recovery;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import pos.contract.sale.SaleSnapshotJson;
import pos.core.sale.SaleSnapshot;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The till's unfinished sales in its SQLite journal file (V14): the one open sale ({@code open_sale},
 * kept across a crash or restart), the sales parked on this till ({@code parked_sales}), and how far
 * start-up has matched paid payments with their sales ({@code payment_recovery}). Every write is its
 * own committed transaction in WAL mode with {@code synchronous=FULL}: durable when the method
 * returns. Thread-safe: every statement runs on one connection under one lock.
 *
 * <p>Open it after {@link SqliteSaleJournal#open} (which creates and upgrades the schema).
 */
public final class SqliteOpenSales implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteOpenSales.class);

    /** A sale parked on this till: what the recall list shows, and the sale itself. */
    public record Parked(String transactionId, Instant parkedAt, String clerkName, int itemCount, long totalMinor,
            SaleSnapshot snapshot) {
    }

    /** One row of the journal, as start-up recovery reads it. */
    record JournalRow(long seq, String transactionId, String kind, String payload) {
    }

    private final Path file;
    private final Object lock = new Object();
    private final Connection connection; // guarded by lock
    private boolean closed; // guarded by lock

    private SqliteOpenSales(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens the store in the journal's file. */
    public static SqliteOpenSales open(SqliteSaleJournal journal) {
        Path file = journal.file();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SqliteSaleJournal.BUSY_TIMEOUT_MS);
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + file);
            try (Statement probe = connection.createStatement()) {
                probe.executeQuery("SELECT count(*) FROM open_sale").close();
            }
            return new SqliteOpenSales(file, connection);
        } catch (SQLException e) {
            throw new UnableToKeepSaleException("cannot open the open-sale store in " + file + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- the open sale

    /** Keeps {@code snapshot} of an open sale, replacing the one kept of the same sale before. Durable when it returns. */
    public void save(SaleSnapshot snapshot) {
        String payload = SaleSnapshotJson.write(snapshot);
        update("keep open sale " + snapshot.transactionId(), "INSERT INTO open_sale (transaction_id, payload, saved_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (transaction_id) DO UPDATE SET "
                + "payload = excluded.payload, saved_at = excluded.saved_at",
                snapshot.transactionId(), payload, snapshot.savedAt().toString());
    }

    /** Forgets the open sale {@code transactionId} (the others are kept). */
    public void clear(String transactionId) {
        update("clear open sale " + transactionId, "DELETE FROM open_sale WHERE transaction_id = ?", transactionId);
    }

    /** Forgets whatever open sale is kept. */
    public void clearAll() {
        update("clear the open sale", "DELETE FROM open_sale");
    }

    /** The open sale kept last, if any (see {@link #loadAll()}). */
    public Optional<SaleSnapshot> load() {
        return loadAll().stream().findFirst();
    }

    /**
     * Every open sale kept, the last begun first. A row that cannot be read is logged, left in place for
     * support and skipped, so a damaged snapshot never stops the till from starting.
     */
    public List<SaleSnapshot> loadAll() {
        synchronized (lock) {
            requireOpen("read the open sale");
            List<SaleSnapshot> kept = new ArrayList<>();
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT transaction_id, payload FROM open_sale ORDER BY rowid DESC")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    try {
                        kept.add(SaleSnapshotJson.read(rs.getString(2)));
                    } catch (RuntimeException e) {
                        log.error("The open sale {} kept in {} cannot be read; it is left in the table open_sale", id, file, e);
                    }
                }
                return kept;
            } catch (SQLException e) {
                throw new UnableToKeepSaleException("cannot read the open sale from " + file + ": " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- parked on this till

    /** Parks {@code snapshot} on this till. Durable when it returns; parking the same sale again replaces it. */
    public void park(SaleSnapshot snapshot) {
        update("park sale " + snapshot.transactionId(), "INSERT INTO parked_sales (transaction_id, payload, parked_at, "
                + "clerk_name, item_count, total_minor) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id) DO UPDATE "
                + "SET payload = excluded.payload, parked_at = excluded.parked_at", snapshot.transactionId(),
                SaleSnapshotJson.write(snapshot), snapshot.savedAt().toString(), snapshot.clerkName(),
                snapshot.itemCount(), snapshot.totalMinor());
    }

    /** The sales parked on this till, oldest first. */
    public List<Parked> parked() {
        synchronized (lock) {
            requireOpen("list the parked sales");
            List<Parked> parked = new ArrayList<>();
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT transaction_id, "
                    + "parked_at, clerk_name, item_count, total_minor, payload FROM parked_sales ORDER BY parked_at")) {
                while (rs.next()) {
                    try {
                        parked.add(new Parked(rs.getString(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getInt(4),
                                rs.getLong(5), SaleSnapshotJson.read(rs.getString(6))));
                    } catch (RuntimeException e) {
                        log.error("Parked sale {} in {} cannot be read; it stays in parked_sales", rs.getString(1), file, e);
                    }
                }
                return parked;
            } catch (SQLException e) {
                throw new UnableToKeepSaleException("cannot list the parked sales in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Takes the parked sale {@code transactionId} off the list: answered once; a second call finds nothing.
     */
    public Optional<SaleSnapshot> takeParked(String transactionId) {
        synchronized (lock) {
            requireOpen("recall a parked sale");
            try (PreparedStatement st = connection.prepareStatement(
                    "DELETE FROM parked_sales WHERE transaction_id = ? RETURNING payload")) {
                st.setString(1, transactionId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(SaleSnapshotJson.read(rs.getString(1))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new UnableToKeepSaleException("cannot recall parked sale " + transactionId + " from " + file + ": "
                        + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- payment recovery position

    long checkedSeq() {
        synchronized (lock) {
            requireOpen("read the payment recovery position");
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT checked_seq FROM payment_recovery WHERE id = 1")) {
                return rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                throw new UnableToKeepSaleException("cannot read the payment recovery position in " + file + ": "
                        + e.getMessage(), e);
            }
        }
    }

    void markChecked(long seq) {
        update("move the payment recovery position to " + seq,
                "UPDATE payment_recovery SET checked_seq = ? WHERE id = 1 AND checked_seq < ?", seq, seq);
    }

    /** The journal's payment and sale rows after {@code afterSeq}, in order. */
    List<JournalRow> journalRowsAfter(long afterSeq) {
        synchronized (lock) {
            requireOpen("read the journal");
            List<JournalRow> rows = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT seq, transaction_id, kind, payload FROM journal "
                    + "WHERE seq > ? AND (kind = ? OR kind LIKE 'PAYMENT\\_%' ESCAPE '\\') ORDER BY seq")) {
                st.setLong(1, afterSeq);
                st.setString(2, SqliteSaleJournal.SALE_FINISHED);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new JournalRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new UnableToKeepSaleException("cannot read the journal " + file + " after " + afterSeq + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private void update(String what, String sql, Object... args) {
        synchronized (lock) {
            requireOpen(what);
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    st.setObject(i + 1, args[i]);
                }
                st.executeUpdate();
            } catch (SQLException e) {
                throw new UnableToKeepSaleException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new UnableToKeepSaleException("cannot " + what + ": the store " + file + " is closed", null);
        }
    }

    /** Closes the connection. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("Could not close the open-sale store {} cleanly; every write was committed", file, e);
            }
        }
    }

}
