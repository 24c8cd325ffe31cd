package pos.hub.rules;

import pos.contract.rules.PublishedRuleBase;
import pos.contract.rules.RuleBaseJson;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import pos.core.rules.RuleBaseDefinition;
import pos.hub.archive.MariaDbPool;

/**
 * The store's rule base versions in MariaDB, table {@code rule_base_versions} (migration
 * {@code db/migration/mariadb/V3__rule_base.sql}): one row per published version, never changed.
 * Publishing takes the next version (highest + 1, at least 1) and inserts it in one transaction;
 * two hubs publishing at the same moment cannot take the same version (the primary key refuses
 * the second, which then takes the next). Thread-safe (a small HikariCP pool).
 */
public final class MariaDbRuleBaseStore implements AutoCloseable {

    private static final int ATTEMPTS = 5;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String endpoint;
    private final Clock clock;
    private volatile boolean migrated;

    private MariaDbRuleBaseStore(HikariDataSource dataSource, String endpoint, Clock clock) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /**
     * A pool of up to two connections to {@code jdbcUrl}. Nothing is dialled yet, so this works
     * while MariaDB is down.
     *
     * @throws pos.hub.archive.InvalidJdbcUrlException if it is not a MariaDB (or MySQL) JDBC URL
     */
    public static MariaDbRuleBaseStore create(String jdbcUrl, String user, String password, Clock clock) {
        return new MariaDbRuleBaseStore(MariaDbPool.open("pos-rule-base", jdbcUrl, user, password, 2),
                MariaDbPool.endpointOf(jdbcUrl), Objects.requireNonNull(clock, "clock"));
    }

    /** Creates or upgrades the schema once per instance (the same migrations as the sale archive). */
    private void migrate() {
        if (migrated) {
            return;
        }
        try {
            MariaDbPool.migrate(dataSource);
            migrated = true;
        } catch (FlywayException e) {
            throw new UnableToStoreRuleBaseException("mariadb " + endpoint + ": cannot create or upgrade the rule base table: "
                    + rootMessage(e), e);
        }
    }

    /**
     * Stores {@code definition} as the next version.
     *
     * @param publishedBy who sent it, kept with the row
     * @return the stored version, its canonical body and checksum
     * @throws UnableToStoreRuleBaseException if MariaDB cannot be reached or refuses; nothing is stored
     */
    public PublishedRuleBase publish(RuleBaseDefinition definition, String publishedBy) {
        migrate();
        String by = publishedBy == null || publishedBy.isBlank() ? "unknown" : clip(publishedBy, 255);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(handle -> {
                    long highest = handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM rule_base_versions")
                            .mapTo(Long.class).one();
                    long version = highest + 1;
                    String body = RuleBaseJson.write(definition.withVersion(version));
                    String sha = RuleBaseJson.sha256(body);
                    handle.createUpdate("INSERT INTO rule_base_versions (version, body, sha256, rule_count, published_at,"
                                    + " published_by) VALUES (?, ?, ?, ?, ?, ?)")
                            .bind(0, version).bind(1, body).bind(2, sha).bind(3, definition.rules().size())
                            .bind(4, LocalDateTime.ofInstant(now, ZoneOffset.UTC)).bind(5, by)
                            .execute();
                    return new PublishedRuleBase(version, body, sha, definition.rules().size(), now, by);
                });
            } catch (JdbiException e) {
                if (attempt < ATTEMPTS && isDuplicateKey(e)) {
                    continue; // another hub took this version at the same moment: take the next
                }
                throw new UnableToStoreRuleBaseException("mariadb " + endpoint + ": the rule base could not be stored ("
                        + rootMessage(e) + "); nothing was published", e);
            }
        }
    }

    /**
     * The highest published version, if any.
     *
     * @throws UnableToStoreRuleBaseException if MariaDB cannot be reached
     */
    public Optional<PublishedRuleBase> latest() {
        migrate();
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT version, body, sha256, rule_count, published_at,"
                            + " published_by FROM rule_base_versions ORDER BY version DESC LIMIT 1")
                    .map((rs, ctx) -> new PublishedRuleBase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(6)))
                    .findOne());
        } catch (JdbiException e) {
            throw new UnableToStoreRuleBaseException("mariadb " + endpoint + ": cannot read the rule base ("
                    + rootMessage(e) + ")", e);
        }
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof java.sql.SQLException sql && sql.getErrorCode() == 1062) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
