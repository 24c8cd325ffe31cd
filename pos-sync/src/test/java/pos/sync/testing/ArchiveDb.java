package pos.sync.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import pos.testkit.mariadb.TestDatabase;

/** Reads the archive tables of a test database for assertions. Thread-safe (a connection per call). */
public final class ArchiveDb {

    private final TestDatabase database;

    public ArchiveDb(TestDatabase database) {
        this.database = database;
    }

    /** {@code SELECT count(*) FROM sales}, or -1 while the table does not exist yet. */
    public long sales() {
        return queryLong("SELECT count(*) FROM sales");
    }

    public long sumTotalMinor() {
        return queryLong("SELECT COALESCE(SUM(total_minor), 0) FROM sales");
    }

    public long sumLineCount() {
        return queryLong("SELECT COALESCE(SUM(line_count), 0) FROM sales");
    }

    public long lines() {
        return queryLong("SELECT count(*) FROM sale_lines");
    }

    public long tenders() {
        return queryLong("SELECT count(*) FROM sale_tenders");
    }

    public long queryLong(String sql) {
        try (Connection c = database.openConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) { // table doesn't exist: the archiver has not migrated yet
                return -1;
            }
            throw new IllegalStateException("cannot run " + sql + " on " + database.name() + ": " + e.getMessage(), e);
        }
    }
}
