package pos.app.start;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the till's start would otherwise do on the FX thread, done ahead on a thread of its own while JavaFX starts
 * (issue 14 point 4: the machine has two cores; the toolkit's start leaves one idle): loads SQLite's native library
 * (extracted and loaded by the JDBC driver, a few hundred ms) and its driver's classes with a connection to an
 * in-memory database. Nothing is kept: the journal opens its own file as before, only sooner. Started by the real
 * launch; tests never need it.
 */
public final class Prewarm {

    private static final Logger LOG = LoggerFactory.getLogger(Prewarm.class);

    private Prewarm() {
    }

    /** Starts the work on a daemon thread and returns at once. */
    public static void start() {
        Thread thread = new Thread(Prewarm::run, "till-prewarm");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            connection.createStatement().close();
        } catch (SQLException | RuntimeException e) {
            // the journal opens SQLite itself a moment later and says clearly if it cannot; this only warms it up
            LOG.warn("could not load SQLite ahead of the start (the journal will load it itself): {}", e.getMessage(), e);
        }
    }
}
