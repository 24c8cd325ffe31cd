package pos.hub.archive;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The one way pos-sync opens MariaDB: a HikariCP pool that starts while MariaDB is down (writes
 * fail fast until it is back: 2 s to connect, 30 s socket timeout), READ COMMITTED (fewer gap
 * locks when writers upsert neighbouring keys), and the store's schema from the Flyway migrations
 * in {@code db/migration/mariadb}. The sale archive, the rule base, the vouchers and the people all
 * share it, so their settings cannot drift apart.
 */
public final class MariaDbPool {

    private MariaDbPool() {
    }

    /**
     * A pool of up to {@code poolSize} connections to {@code jdbcUrl}; nothing is dialled yet.
     *
     * @param poolName the pool's name in logs and metrics, e.g. "pos-vouchers"
     * @throws InvalidJdbcUrlException if {@code jdbcUrl} is not a MariaDB (or MySQL) JDBC URL
     */
    public static HikariDataSource open(String poolName, String jdbcUrl, String user, String password, int poolSize) {
        MariaDbSaleArchive.requireJdbcUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(Math.max(1, poolSize));
        config.setMinimumIdle(0);
        config.setConnectionTimeout(MariaDbSaleArchive.CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(1_000);
        // Start even while MariaDB is down; writes fail (fast) until it is back.
        config.setInitializationFailTimeout(-1);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("connectTimeout", "2000");
        config.addDataSourceProperty("socketTimeout", "30000");
        return new HikariDataSource(config);
    }

    /** "host:port/database" of a JDBC URL, for messages (never the user or password). */
    public static String endpointOf(String jdbcUrl) {
        return MariaDbSaleArchive.endpointOf(jdbcUrl);
    }

    /**
     * Creates or upgrades the store's schema.
     *
     * @throws org.flywaydb.core.api.FlywayException if MariaDB cannot be reached or a migration fails;
     *                                               callers wrap it in their own exception naming what failed
     */
    public static void migrate(DataSource dataSource) {
        Flyway.configure(MariaDbPool.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/mariadb")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
