package pos.sync.rules;

import pos.contract.rules.RuleBaseJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The till's copy of the last good rule base (R14), in the table {@code rule_base_cache} of the
 * till's journal database ({@value SqliteSaleJournal#FILE_NAME} in the data directory; migration
 * {@code db/migration/sqlite/V3__rule_base_cache.sql}), so a till restarted while the store's
 * network is down checks payments with the rules it last had. It opens its own connection to that
 * file with the journal's settings (WAL, synchronous=FULL, busy timeout) and runs the same
 * migrations, so it works whether or not the journal was opened first. The owner's signature is kept
 * beside the body ({@code V10__rule_base_cache_signature.sql}) and checked again at every start. Thread-safe (one
 * connection, serialised).
 */
public final class SqliteRuleBaseCache implements AutoCloseable {

    /**
     * A cached rule base.
     *
     * @param version    its version
     * @param body       the rule data as JSON
     * @param sha256     of {@code body}
     * @param receivedAt when this till stored it
     * @param signature  the store owner's signature, or null (cached before signing, or taken unsigned in a demo)
     */
    public record Cached(long version, String body, String sha256, Instant receivedAt, String signature) {
    }

    private final Path file;
    private final Clock clock;
    private final Connection connection; // guarded by this
    private boolean closed; // guarded by this

    private SqliteRuleBaseCache(Path file, Clock clock, Connection connection) {
        this.file = file;
        this.clock = clock;
        this.connection = connection;
    }

    /**
     * Opens the cache in the journal database of {@code dataDir}, creating the directory, the file
     * and the table if needed.
     *
     * @throws UnableToCacheRuleBaseException if the directory or file cannot be created or opened
     */
    public static SqliteRuleBaseCache open(Path dataDir, Clock clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UnableToCacheRuleBaseException("cannot create the till's data directory " + dir + ": " + e, e);
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
            Flyway.configure(SqliteRuleBaseCache.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new UnableToCacheRuleBaseException("cannot create or upgrade the till's database " + file + ": "
                    + rootMessage(e), e);
        }
        try {
            return new SqliteRuleBaseCache(file, Objects.requireNonNull(clock, "clock"), config.createConnection(url));
        } catch (SQLException e) {
            throw new UnableToCacheRuleBaseException("cannot open the till's database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cached rule base, if any.
     *
     * @throws UnableToCacheRuleBaseException if the file cannot be read
     */
    public synchronized Optional<Cached> load() {
        requireOpen();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, body, sha256, received_at, signature FROM rule_base_cache WHERE id = 1");
             ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Cached(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4)),
                    rs.getString(5)));
        } catch (SQLException | RuntimeException e) {
            throw new UnableToCacheRuleBaseException("cannot read the cached rule base from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the cached rule base and the store owner's signature of it (null: none); committed
     * (and fsynced) when this returns.
     *
     * @throws UnableToCacheRuleBaseException if it cannot be written (disk full, read-only)
     */
    public synchronized void store(long version, String body, String signature) {
        requireOpen();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO rule_base_cache (id, version, body, sha256, received_at, signature) VALUES (1, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body,"
                        + " sha256 = excluded.sha256, received_at = excluded.received_at, signature = excluded.signature")) {
            upsert.setLong(1, version);
            upsert.setString(2, body);
            upsert.setString(3, RuleBaseJson.sha256(body));
            upsert.setString(4, clock.instant().toString());
            upsert.setString(5, signature);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new UnableToCacheRuleBaseException("cannot keep rule base version " + version + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    private void requireOpen() {
        if (closed) {
            throw new UnableToCacheRuleBaseException("the rule base cache " + file + " is closed", null);
        }
    }

    /** Closes the connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new UnableToCacheRuleBaseException("cannot close the rule base cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
