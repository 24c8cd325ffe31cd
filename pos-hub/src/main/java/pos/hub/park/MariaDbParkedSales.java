package pos.hub.park;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import pos.contract.hub.ParkedSaleEntry;
import pos.contract.sale.SaleSnapshotJson;
import pos.core.sale.SaleSnapshot;
import pos.hub.archive.MariaDbPool;

/**
 * The store's parked sales in MariaDB ({@code parked_sales}, V14): parked by one till, recalled by any.
 * A recall claims the row in one statement, so of two tills recalling the same sale exactly one wins.
 * Thread-safe (a connection pool).
 */
public final class MariaDbParkedSales implements AutoCloseable {

    /** What a recall found. */
    public sealed interface Recall {
        /** The sale, now this till's. */
        record Recalled(String payload) implements Recall {
        }

        /** Another till recalled it first. */
        record AlreadyRecalled(String byTill, Instant at) implements Recall {
        }

        /** No such parked sale. */
        record Unknown() implements Recall {
        }
    }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String endpoint;
    private final Clock clock;
    private volatile boolean migrated;

    private MariaDbParkedSales(HikariDataSource dataSource, String endpoint, Clock clock) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** A pool of up to {@code poolSize} connections; nothing is dialled yet. */
    public static MariaDbParkedSales create(String jdbcUrl, String user, String password, int poolSize, Clock clock) {
        return new MariaDbParkedSales(MariaDbPool.open("pos-parked", jdbcUrl, user, password, poolSize),
                MariaDbPool.endpointOf(jdbcUrl), Objects.requireNonNull(clock, "clock"));
    }

    private void migrate() {
        if (migrated) {
            return;
        }
        try {
            MariaDbPool.migrate(dataSource);
            migrated = true;
        } catch (FlywayException e) {
            throw new UnableToStoreParkedSaleException("mariadb " + endpoint + ": cannot create or upgrade parked_sales: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Parks {@code snapshot} for {@code tillId}. Parking the same sale again before it is recalled replaces it
     * (a retry after a lost answer); a recalled sale stays recalled.
     *
     * @return false when the sale was recalled already (nothing changed)
     */
    public boolean park(String tillId, SaleSnapshot snapshot) {
        migrate();
        String payload = SaleSnapshotJson.write(snapshot);
        try {
            return jdbi.withHandle(h -> h.createUpdate("INSERT INTO parked_sales (transaction_id, till_id, payload, parked_at, "
                    + "clerk_name, item_count, total_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                    + "payload = IF(recalled_by IS NULL, VALUES(payload), payload), "
                    + "parked_at = IF(recalled_by IS NULL, VALUES(parked_at), parked_at)")
                    .bind(0, snapshot.transactionId()).bind(1, tillId).bind(2, payload).bind(3, utc(snapshot.savedAt()))
                    .bind(4, snapshot.clerkName()).bind(5, snapshot.itemCount()).bind(6, snapshot.totalMinor())
                    .bind(7, snapshot.currency()).execute()) > 0
                    || jdbi.withHandle(h -> h.createQuery("SELECT recalled_by IS NULL FROM parked_sales WHERE transaction_id = ?")
                            .bind(0, snapshot.transactionId()).mapTo(Boolean.class).one());
        } catch (JdbiException e) {
            throw new UnableToStoreParkedSaleException("mariadb " + endpoint + ": cannot park sale " + snapshot.transactionId()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The sales parked and not recalled, oldest first. */
    public List<ParkedSaleEntry> parked() {
        migrate();
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT transaction_id, till_id, parked_at, clerk_name, item_count, "
                    + "total_minor, currency FROM parked_sales WHERE recalled_by IS NULL ORDER BY parked_at LIMIT 500")
                    .map((rs, ctx) -> new ParkedSaleEntry(rs.getString(1), rs.getString(2),
                            rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString(), rs.getString(4),
                            rs.getInt(5), rs.getLong(6), rs.getString(7)))
                    .list());
        } catch (JdbiException e) {
            throw new UnableToStoreParkedSaleException("mariadb " + endpoint + ": cannot list the parked sales: "
                    + e.getMessage(), e);
        }
    }

    /** Claims the parked sale {@code transactionId} for {@code tillId}: one till wins, the others learn who did. */
    public Recall recall(String transactionId, String tillId) {
        migrate();
        try {
            return jdbi.inTransaction(h -> {
                int claimed = h.createUpdate("UPDATE parked_sales SET recalled_by = ?, recalled_at = ? "
                        + "WHERE transaction_id = ? AND recalled_by IS NULL")
                        .bind(0, tillId).bind(1, utc(clock.instant())).bind(2, transactionId).execute();
                Optional<Recall> row = h.createQuery("SELECT payload, recalled_by, recalled_at FROM parked_sales "
                        + "WHERE transaction_id = ?").bind(0, transactionId)
                        .map((rs, ctx) -> claimed == 1 ? (Recall) new Recall.Recalled(rs.getString(1))
                                : new Recall.AlreadyRecalled(rs.getString(2),
                                        rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                        .findOne();
                return row.orElse(new Recall.Unknown());
            });
        } catch (JdbiException e) {
            throw new UnableToStoreParkedSaleException("mariadb " + endpoint + ": cannot recall sale " + transactionId + ": "
                    + e.getMessage(), e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
