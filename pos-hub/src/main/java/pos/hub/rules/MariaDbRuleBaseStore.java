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
import pos.hub.archive.MariaDbPool;

/**
 * The store's rule base versions in MariaDB, table {@code rule_base_versions} (migration
 * {@code db/migration/mariadb/V3__rule_base.sql}, the owner's signature since {@code V10}): one row per
 * published version, never changed; rows older than the history kept are deleted, never the one in force.
 * A version is stored only as the highest + 1 (at least 1), checked and inserted in one transaction;
 * two hubs publishing at the same moment cannot take the same version (the primary key refuses
 * the second, which is told the version to sign instead). Thread-safe (a small HikariCP pool).
 */
public final class MariaDbRuleBaseStore implements AutoCloseable {

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
     * Stores an owner-signed rule base as version {@code version}, which must be the highest stored + 1
     * (1 when none is): the hub numbers versions one by one and the owner signed this number.
     *
     * @param publishedBy who sent it, kept with the row
     * @throws RuleBaseVersionConflictException if {@code version} is not the next one; nothing is stored
     * @throws UnableToStoreRuleBaseException   if MariaDB cannot be reached or refuses; nothing is stored
     */
    public PublishedRuleBase publish(long version, String body, String signature, int ruleCount, String publishedBy) {
        migrate();
        String by = publishedBy == null || publishedBy.isBlank() ? "unknown" : clip(publishedBy, 255);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String sha = RuleBaseJson.sha256(body);
        try {
            return jdbi.inTransaction(handle -> {
                long highest = handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM rule_base_versions FOR UPDATE")
                        .mapTo(Long.class).one();
                if (version != highest + 1) {
                    throw new RuleBaseVersionConflictException(version, highest);
                }
                handle.createUpdate("INSERT INTO rule_base_versions (version, body, sha256, signature, rule_count,"
                                + " published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .bind(0, version).bind(1, body).bind(2, sha).bind(3, signature).bind(4, ruleCount)
                        .bind(5, LocalDateTime.ofInstant(now, ZoneOffset.UTC)).bind(6, by)
                        .execute();
                return new PublishedRuleBase(version, body, sha, ruleCount, now, by, signature);
            });
        } catch (JdbiException e) {
            if (isDuplicateKey(e)) {
                // another hub stored this version at the same moment
                throw new RuleBaseVersionConflictException(version, highestVersion());
            }
            throw new UnableToStoreRuleBaseException("mariadb " + endpoint + ": the rule base could not be stored ("
                    + rootMessage(e) + "); nothing was published", e);
        }
    }

    /**
     * The highest stored version, 0 when none is.
     *
     * @throws UnableToStoreRuleBaseException if MariaDB cannot be reached
     */
    public long highestVersion() {
        migrate();
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM rule_base_versions")
                    .mapTo(Long.class).one());
        } catch (JdbiException e) {
            throw new UnableToStoreRuleBaseException("mariadb " + endpoint + ": cannot read the rule base ("
                    + rootMessage(e) + ")", e);
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
                            + " published_by, signature FROM rule_base_versions ORDER BY version DESC LIMIT 1")
                    .map((rs, ctx) -> new PublishedRuleBase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(6), rs.getString(7)))
                    .findOne());
        } catch (JdbiException e) {
            throw new UnableToStoreRuleBaseException("mariadb " + endpoint + ": cannot read the rule base ("
                    + rootMessage(e) + ")", e);
        }
    }

    /**
     * Deletes the versions published before {@code cutoff}, except the one in force (the highest).
     *
     * @return how many rows were deleted
     * @throws UnableToStoreRuleBaseException if MariaDB cannot be reached
     */
    public int deletePublishedBefore(Instant cutoff) {
        migrate();
        try {
            return jdbi.inTransaction(handle -> {
                long highest = handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM rule_base_versions FOR UPDATE")
                        .mapTo(Long.class).one();
                return handle.createUpdate("DELETE FROM rule_base_versions WHERE published_at < ? AND version < ?")
                        .bind(0, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC)).bind(1, highest)
                        .execute();
            });
        } catch (JdbiException e) {
            throw new UnableToStoreRuleBaseException("mariadb " + endpoint + ": cannot delete old rule base versions ("
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
