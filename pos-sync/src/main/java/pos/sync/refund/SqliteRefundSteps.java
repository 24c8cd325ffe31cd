package pos.sync.refund;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import pos.contract.json.Json;
import pos.core.journal.JournalWriteException;
import pos.core.refund.ReturnRecord;
import pos.sync.journal.JournalReadException;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The journaled steps of returns' refunds, in the table {@code refund_steps} (SQLite V12) of the
 * till's journal file, beside the {@code RETURN_FINISHED} records: what {@link TillRefunds} writes
 * before and after money moves. Every append is committed and fsynced (WAL, {@code synchronous=FULL})
 * before it returns; the first row of a (refund number, step) is kept. Open it after the
 * {@link SqliteSaleJournal} (which brings the schema up to date) on the same file. Thread-safe (one
 * connection, serialised).
 */
public final class SqliteRefundSteps implements AutoCloseable {

    private final Connection connection; // guarded by this
    private final Clock clock;
    private final String file;

    private SqliteRefundSteps(Connection connection, Clock clock, String file) {
        this.connection = connection;
        this.clock = clock;
        this.file = file;
    }

    /**
     * Opens the steps in {@code journal}'s file.
     *
     * @throws JournalWriteException if the file cannot be opened
     */
    public static SqliteRefundSteps open(SqliteSaleJournal journal, Clock clock) {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(clock, "clock");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SqliteSaleJournal.BUSY_TIMEOUT_MS);
        String file = journal.file().toString();
        try {
            return new SqliteRefundSteps(config.createConnection("jdbc:sqlite:" + file), clock, file);
        } catch (SQLException e) {
            throw new JournalWriteException("cannot open the refund steps in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Journals a return's plan before any money moves.
     *
     * @return true if journaled now, false if it was already (a resumed return)
     * @throws JournalWriteException if it could not be made durable: then no money may move
     */
    public boolean started(StartedReturn started) {
        return append(started.returnId(), started.returnId(), RefundStepKind.RETURN_STARTED, Json.write(started));
    }

    /**
     * Journals a step of one refund.
     *
     * @return true if journaled now, false if this refund already had this step (the first is kept)
     * @throws JournalWriteException if it could not be made durable
     */
    public boolean step(String returnId, String refundNo, RefundStepKind kind, String refundId, String detail) {
        if (kind == RefundStepKind.RETURN_STARTED) {
            throw new IllegalArgumentException("a return is started with started(...), not step(...)");
        }
        return append(returnId, refundNo, kind, Json.write(new Detail(refundId, detail)));
    }

    /** The payload of a refund's step. */
    record Detail(String refundId, String detail) {
    }

    private synchronized boolean append(String returnId, String refundNo, RefundStepKind kind, String payload) {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO refund_steps "
                + "(return_id, refund_no, step, payload, created_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (refund_no, step) DO NOTHING")) {
            st.setString(1, returnId);
            st.setString(2, refundNo);
            st.setString(3, kind.name());
            st.setString(4, payload);
            st.setString(5, Instant.now(clock).toString());
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new JournalWriteException("cannot journal " + kind + " of refund " + refundNo + " (return " + returnId
                    + ") in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every step of a return's refunds (not its start), in journal order. */
    public synchronized List<RefundStep> steps(String returnId) {
        List<RefundStep> steps = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT refund_no, step, payload, created_at FROM refund_steps "
                + "WHERE return_id = ? AND step <> ? ORDER BY seq")) {
            st.setString(1, returnId);
            st.setString(2, RefundStepKind.RETURN_STARTED.name());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Detail detail = Json.read(Json.TOLERANT, rs.getString(3), Detail.class);
                    steps.add(new RefundStep(returnId, rs.getString(1), RefundStepKind.valueOf(rs.getString(2)),
                            detail.refundId(), detail.detail(), Instant.parse(rs.getString(4))));
                }
            }
        } catch (SQLException e) {
            throw new JournalReadException("cannot read the refund steps of return " + returnId + " from " + file + ": "
                    + e.getMessage(), e);
        }
        return steps;
    }

    /** The done step of one refund, if it is done. */
    public Optional<RefundStep> done(String returnId, String refundNo) {
        return steps(returnId).stream()
                .filter(s -> s.refundNo().equals(refundNo) && s.kind() == RefundStepKind.REFUND_DONE).findFirst();
    }

    /** The plan of a started return, if it was started here. */
    public synchronized Optional<StartedReturn> startedReturn(String returnId) {
        List<StartedReturn> found = readStarted("SELECT payload FROM refund_steps WHERE refund_no = ? AND step = ?",
                returnId, RefundStepKind.RETURN_STARTED.name());
        return found.stream().findFirst();
    }

    /**
     * The returns started here whose {@code RETURN_FINISHED} record was never journaled (a refund
     * refused, a gateway that never answered, a crash): what start-up must show, oldest first.
     */
    public synchronized List<StartedReturn> unfinished() {
        return readStarted("SELECT s.payload FROM refund_steps s WHERE s.step = ? AND NOT EXISTS "
                + "(SELECT 1 FROM journal j WHERE j.transaction_id = s.return_id AND j.kind = ?) ORDER BY s.seq",
                RefundStepKind.RETURN_STARTED.name(), ReturnRecord.KIND);
    }

    private List<StartedReturn> readStarted(String sql, String... args) {
        List<StartedReturn> found = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(Json.read(Json.TOLERANT, rs.getString(1), StartedReturn.class));
                }
            }
        } catch (SQLException e) {
            throw new JournalReadException("cannot read the started returns from " + file + ": " + e.getMessage(), e);
        }
        return found;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new JournalReadException("cannot close the refund steps in " + file + ": " + e.getMessage(), e);
        }
    }
}
