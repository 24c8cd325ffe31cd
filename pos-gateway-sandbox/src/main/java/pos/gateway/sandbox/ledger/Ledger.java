package pos.gateway.sandbox.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import pos.gateway.sandbox.api.Amount;
import pos.gateway.sandbox.api.LedgerOrder;
import pos.gateway.sandbox.api.LedgerSummary;
import pos.gateway.sandbox.api.TradeState;

/**
 * The sandbox's books: orders, charges, refunds and pending notifications in one SQLite file
 * ({@value #FILE_NAME}) in the data directory, with WAL and {@code synchronous=FULL}, so a
 * committed charge survives a crash. The database itself enforces the money invariants: one
 * charge per out_trade_no (a unique key) and refunds never above the charge (a trigger).
 *
 * <p>A lock file keeps a second gateway off the same directory. Thread-safe: one connection,
 * every method synchronized, so {@link #inTransaction} runs one read-modify-write at a time.
 */
public final class Ledger implements LedgerView, AutoCloseable {

    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "sandbox-gateway.db";
    private static final String LOCK_FILE_NAME = "sandbox-gateway.lock";
    /** 1: native and pay-code orders; 2: card orders too (the orders table's kind check). */
    private static final int SCHEMA_VERSION = 2;

    private static final String[] SCHEMA = {
        ordersTable("orders"),
        """
        CREATE TABLE IF NOT EXISTS charges (
            transaction_id  TEXT PRIMARY KEY,
            out_trade_no    TEXT NOT NULL UNIQUE REFERENCES orders (out_trade_no),
            amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
            currency        TEXT NOT NULL,
            payer           TEXT NOT NULL,
            charged_at      INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS refunds (
            out_refund_no   TEXT PRIMARY KEY,
            refund_id       TEXT NOT NULL UNIQUE,
            out_trade_no    TEXT NOT NULL REFERENCES charges (out_trade_no),
            amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
            reason          TEXT,
            refunded_at     INTEGER NOT NULL)
        """,
        // the books never give back more than they took, whatever the code above does
        """
        CREATE TRIGGER IF NOT EXISTS refunds_never_exceed_the_charge
        BEFORE INSERT ON refunds
        WHEN NEW.amount_minor + (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE out_trade_no = NEW.out_trade_no)
             > (SELECT COALESCE(MAX(amount_minor), 0) FROM charges WHERE out_trade_no = NEW.out_trade_no)
        BEGIN
            SELECT RAISE(ABORT, 'refunds would exceed the charge');
        END
        """,
        """
        CREATE TABLE IF NOT EXISTS notifications (
            event_id        TEXT PRIMARY KEY,
            out_trade_no    TEXT NOT NULL REFERENCES orders (out_trade_no),
            event_type      TEXT NOT NULL,
            notify_url      TEXT NOT NULL,
            body            TEXT NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            created_at      INTEGER NOT NULL,
            next_attempt_at INTEGER,
            status          TEXT NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DROPPED', 'EXPIRED')),
            drop_first      INTEGER NOT NULL DEFAULT 0,
            last_error      TEXT,
            delivered_at    INTEGER)
        """,
        "CREATE INDEX IF NOT EXISTS notifications_by_status ON notifications (status, next_attempt_at)",
        "CREATE INDEX IF NOT EXISTS notifications_by_order ON notifications (out_trade_no)",
        "CREATE INDEX IF NOT EXISTS refunds_by_order ON refunds (out_trade_no)",
    };

    private static String ordersTable(String name) {
        return """
            CREATE TABLE IF NOT EXISTS %s (
                out_trade_no    TEXT PRIMARY KEY,
                kind            TEXT NOT NULL CHECK (kind IN ('NATIVE', 'MICROPAY', 'CARD')),
                description     TEXT NOT NULL,
                total_minor     INTEGER NOT NULL CHECK (total_minor > 0),
                currency        TEXT NOT NULL,
                notify_url      TEXT,
                code_token      TEXT UNIQUE,
                auth_code       TEXT,
                trade_state     TEXT NOT NULL,
                error_code      TEXT,
                created_at      INTEGER NOT NULL,
                expires_at      INTEGER,
                auto_confirm_at INTEGER,
                updated_at      INTEGER NOT NULL)
            """.formatted(name);
    }

    /**
     * Version 1 → 2: SQLite cannot change a CHECK, so the orders table is rebuilt with the card
     * kind allowed (the documented rebuild: foreign keys off, copy, drop, rename).
     */
    private static void upgradeFromVersion1(Connection connection, Statement statement) throws SQLException {
        statement.execute("PRAGMA foreign_keys=OFF");
        connection.setAutoCommit(false);
        statement.execute(ordersTable("orders_v2"));
        statement.execute("INSERT INTO orders_v2 SELECT * FROM orders");
        statement.execute("DROP TABLE orders");
        statement.execute("ALTER TABLE orders_v2 RENAME TO orders");
        statement.execute("PRAGMA user_version=2");
        connection.commit();
        connection.setAutoCommit(true);
    }

    private final Path dataDir;
    private final Connection connection;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private Ledger(Path dataDir, Connection connection, FileChannel lockChannel, FileLock lock) {
        this.dataDir = dataDir;
        this.connection = connection;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the ledger in a data directory, which is created if missing.
     *
     * @param dataDir the directory for the database and its lock file
     * @return the open ledger; close it to release the directory
     * @throws UnableToOpenLedgerException if the directory cannot be created or written, is used
     *     by another gateway, or the database cannot be opened
     */
    public static Ledger open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UnableToOpenLedgerException("cannot create the sandbox data directory " + dir + ": " + reason(e), e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new UnableToOpenLedgerException("the sandbox data directory " + dir + " is not a writable directory", null);
        }
        FileChannel lockChannel;
        FileLock lock;
        try {
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UnableToOpenLedgerException("cannot write the lock file in the sandbox data directory " + dir + ": "
                    + reason(e), e);
        }
        try {
            lock = lockChannel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(lockChannel);
            throw new UnableToOpenLedgerException("the sandbox data directory " + dir
                    + " is in use by another sandbox gateway; stop it or choose another --data-dir", null);
        }
        Path file = dir.resolve(FILE_NAME);
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA foreign_keys=ON");
                statement.execute("PRAGMA busy_timeout=5000");
                int version;
                try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version == 1) {
                    upgradeFromVersion1(connection, statement);
                    statement.execute("PRAGMA foreign_keys=ON");
                } else if (version > SCHEMA_VERSION) {
                    throw new SQLException("the ledger has schema version " + version + ", newer than this gateway's "
                            + SCHEMA_VERSION);
                }
                connection.setAutoCommit(false);
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
                statement.execute("PRAGMA user_version=" + SCHEMA_VERSION);
                connection.commit();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new Ledger(dir, connection, lockChannel, lock);
        } catch (SQLException e) {
            closeQuietly(lockChannel);
            throw new UnableToOpenLedgerException("cannot open the sandbox ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The directory the ledger lives in.
     *
     * @return the absolute data directory
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Runs reads and writes as one SQLite transaction, alone: committed if {@code work} returns,
     * rolled back if it throws. The transaction object is valid only inside {@code work}.
     *
     * @param work what to do
     * @param <T> what it returns
     * @return what {@code work} returned
     * @throws LedgerException if the database fails; exceptions of {@code work} pass through
     */
    public synchronized <T> T inTransaction(Function<LedgerTransaction, T> work) {
        ensureOpen();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new LedgerException("cannot begin a ledger transaction", e);
        }
        boolean committed = false;
        try {
            T result = work.apply(new LedgerTransaction(connection));
            connection.commit();
            committed = true;
            return result;
        } catch (SQLException e) {
            throw new LedgerException("cannot commit a ledger transaction", e);
        } finally {
            try {
                if (!committed) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // the original failure, if any, matters more; the connection resets on the next begin
            }
        }
    }

    /**
     * One notification event.
     *
     * @param eventId the event
     * @return the row, or empty
     */
    public synchronized Optional<NotificationRow> notification(String eventId) {
        ensureOpen();
        return queryNotifications("SELECT * FROM notifications WHERE event_id = ?", eventId).stream().findFirst();
    }

    /**
     * Every event still to deliver, the earliest due first.
     *
     * @return the pending events
     */
    public synchronized List<NotificationRow> pendingNotifications() {
        ensureOpen();
        return queryNotifications("SELECT * FROM notifications WHERE status = 'PENDING' ORDER BY next_attempt_at, created_at");
    }

    /**
     * Records that a receiver answered 2xx.
     *
     * @param eventId the event
     * @param attempts attempts made, this one included
     * @param at when
     */
    public synchronized void markDelivered(String eventId, int attempts, Instant at) {
        update("UPDATE notifications SET status = 'DELIVERED', attempts = ?, delivered_at = ?, next_attempt_at = NULL "
                + "WHERE event_id = ?", attempts, at.toEpochMilli(), eventId);
    }

    /**
     * Records a failed (or knob-dropped) attempt and when the next one is due.
     *
     * @param eventId the event
     * @param attempts attempts made, this one included
     * @param nextAttemptAt when to try again
     * @param error what went wrong
     */
    public synchronized void recordFailedAttempt(String eventId, int attempts, Instant nextAttemptAt, String error) {
        update("UPDATE notifications SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE event_id = ?",
                attempts, nextAttemptAt.toEpochMilli(), error, eventId);
    }

    /**
     * Records that the retry schedule is exhausted.
     *
     * @param eventId the event
     * @param attempts attempts made
     * @param error what went wrong last
     */
    public synchronized void markExpired(String eventId, int attempts, String error) {
        update("UPDATE notifications SET status = 'EXPIRED', attempts = ?, next_attempt_at = NULL, last_error = ? "
                + "WHERE event_id = ?", attempts, error, eventId);
    }

    /**
     * Pay-code orders whose simulated customer is due to confirm, for rescheduling after a restart.
     *
     * @return orders in {@code USERPAYING} with a confirmation time
     */
    public synchronized List<OrderRow> ordersAwaitingConfirmation() {
        ensureOpen();
        List<OrderRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM orders WHERE trade_state = 'USERPAYING' AND auto_confirm_at IS NOT NULL")) {
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    rows.add(LedgerTransaction.orderFrom(resultSet));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the orders awaiting confirmation", e);
        }
    }

    @Override
    public synchronized LedgerSummary summary(boolean includeOrders) {
        ensureOpen();
        try (Statement statement = connection.createStatement()) {
            long chargesCount;
            long chargesMinor;
            long refundsCount;
            long refundsMinor;
            try (ResultSet resultSet = statement.executeQuery(
                    "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM charges")) {
                resultSet.next();
                chargesCount = resultSet.getLong(1);
                chargesMinor = resultSet.getLong(2);
            }
            try (ResultSet resultSet = statement.executeQuery(
                    "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM refunds")) {
                resultSet.next();
                refundsCount = resultSet.getLong(1);
                refundsMinor = resultSet.getLong(2);
            }
            List<LedgerOrder> orders = includeOrders ? queryLedgerOrders(null) : null;
            return new LedgerSummary(chargesCount, chargesMinor, refundsCount, refundsMinor,
                    chargesMinor - refundsMinor, orders);
        } catch (SQLException e) {
            throw new LedgerException("cannot sum up the ledger", e);
        }
    }

    @Override
    public synchronized long chargeCount(String outTradeNo) {
        ensureOpen();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM charges WHERE out_trade_no = ?")) {
            statement.setString(1, outTradeNo);
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot count the charges of order " + outTradeNo, e);
        }
    }

    @Override
    public synchronized Optional<LedgerOrder> order(String outTradeNo) {
        ensureOpen();
        try {
            return queryLedgerOrders(outTradeNo).stream().findFirst();
        } catch (SQLException e) {
            throw new LedgerException("cannot read order " + outTradeNo, e);
        }
    }

    @Override
    public synchronized long notificationCount(NotificationStatus status) {
        ensureOpen();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM notifications WHERE status = ?")) {
            statement.setString(1, status.name());
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot count " + status + " notifications", e);
        }
    }

    @Override
    public synchronized List<NotificationRow> notifications(String outTradeNo) {
        ensureOpen();
        return queryNotifications("SELECT * FROM notifications WHERE out_trade_no = ? ORDER BY created_at, rowid",
                outTradeNo);
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the database and releases the data directory. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing is lost: every write was committed (and fsynced) when it returned
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases the lock as well
        }
        closeQuietly(lockChannel);
    }

    private List<LedgerOrder> queryLedgerOrders(String outTradeNo) throws SQLException {
        String sql = """
                SELECT o.out_trade_no, o.trade_state, o.total_minor, o.currency,
                       COALESCE(c.amount_minor, 0) AS charged, c.transaction_id,
                       (SELECT COALESCE(SUM(r.amount_minor), 0) FROM refunds r WHERE r.out_trade_no = o.out_trade_no) AS refunded
                FROM orders o LEFT JOIN charges c ON c.out_trade_no = o.out_trade_no
                """ + (outTradeNo == null ? "" : "WHERE o.out_trade_no = ? ") + "ORDER BY o.created_at, o.rowid";
        List<LedgerOrder> orders = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (outTradeNo != null) {
                statement.setString(1, outTradeNo);
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    orders.add(new LedgerOrder(resultSet.getString("out_trade_no"),
                            TradeState.valueOf(resultSet.getString("trade_state")),
                            new Amount(resultSet.getLong("total_minor"), resultSet.getString("currency")),
                            resultSet.getLong("charged"), resultSet.getLong("refunded"),
                            resultSet.getString("transaction_id")));
                }
            }
        }
        return orders;
    }

    private List<NotificationRow> queryNotifications(String sql, Object... parameters) {
        List<NotificationRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    rows.add(LedgerTransaction.notificationFrom(resultSet));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new LedgerException("cannot read notifications", e);
        }
    }

    private void update(String sql, Object... parameters) {
        ensureOpen();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot update notification " + parameters[parameters.length - 1], e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LedgerException("the sandbox ledger in " + dataDir + " is closed", null);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.toString();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
