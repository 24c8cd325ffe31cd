package pos.hub.tills;

import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;
import pos.hub.archive.MariaDbPool;

/**
 * The tills the hub issued credentials to, in MariaDB's {@code tills} (migration {@code V9__tills.sql}),
 * as the hub's {@link TillKeys}: who may call the hub's till routes and whose stream entries the
 * archivers accept. The valid credentials are held in memory and read again every
 * {@link #refreshEvery()} (by {@link #start()}'s background thread), so a revocation made by
 * {@code ./pos hub tills revoke} on another machine takes effect within seconds; while MariaDB cannot
 * be reached the last copy stays in force and each failed refresh is logged. Thread-safe.
 */
public final class MariaDbTillRegistry implements TillKeys, AutoCloseable {

    /** How often the in-memory copy is read again unless configured otherwise. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(MariaDbTillRegistry.class);
    private static final int SECRET_CHARS = 43;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String endpoint;
    private final Clock clock;
    private final Duration refreshEvery;
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, TillCredential> valid = Map.of();
    private volatile boolean migrated;
    private volatile boolean lastRefreshFailed;
    private ScheduledExecutorService refresher; // guarded by this

    private MariaDbTillRegistry(HikariDataSource dataSource, String endpoint, Clock clock, Duration refreshEvery) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.endpoint = endpoint;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
    }

    /**
     * A registry on a pool of up to two connections to {@code jdbcUrl}; nothing is dialled yet.
     *
     * @throws pos.hub.archive.InvalidJdbcUrlException if it is not a MariaDB (or MySQL) JDBC URL
     */
    public static MariaDbTillRegistry create(String jdbcUrl, String user, String password, Clock clock, Duration refreshEvery) {
        Objects.requireNonNull(refreshEvery, "refreshEvery");
        if (refreshEvery.isNegative() || refreshEvery.isZero()) {
            throw new IllegalArgumentException("the till registry's refresh period must be positive: " + refreshEvery);
        }
        return new MariaDbTillRegistry(MariaDbPool.open("pos-tills", jdbcUrl, user, password, 2),
                MariaDbPool.endpointOf(jdbcUrl), Objects.requireNonNull(clock, "clock"), refreshEvery);
    }

    /** How often the valid credentials are read again. */
    public Duration refreshEvery() {
        return refreshEvery;
    }

    /** Reads the valid credentials now (quietly: a failure is logged, the last copy stays) and then every {@link #refreshEvery()}. */
    public synchronized void start() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pos-hub-tills");
            t.setDaemon(true);
            return t;
        });
        refreshQuietly();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, refreshEvery.toMillis(), refreshEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<byte[]> streamSigningKey(String tillId) {
        TillCredential known = tillId == null ? null : valid.get(tillId);
        return Optional.ofNullable(known).map(TillCredential::streamSigningKey);
    }

    @Override
    public Optional<String> authenticate(TillCredential presented) {
        TillCredential known = presented == null ? null : valid.get(presented.tillId());
        return known != null && known.matches(presented) ? Optional.of(known.tillId()) : Optional.empty();
    }

    /**
     * Reads the valid credentials from MariaDB into memory.
     *
     * @throws UnableToStoreTillsException if MariaDB cannot be reached (the last copy stays in force)
     */
    public void refresh() {
        migrate();
        try {
            List<TillCredential> rows = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT till_id, secret FROM tills WHERE revoked_at IS NULL")
                    .map((rs, ctx) -> credential(rs.getString(1), rs.getBytes(2)))
                    .list());
            Map<String, TillCredential> byId = new HashMap<>();
            rows.forEach(c -> byId.put(c.tillId(), c));
            valid = Map.copyOf(byId);
        } catch (JdbiException e) {
            throw new UnableToStoreTillsException("mariadb " + endpoint + ": cannot read the till credentials ("
                    + rootMessage(e) + "); the hub keeps the ones it read last", e);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (lastRefreshFailed) {
                log.info("The till credentials are read from MariaDB again ({} valid)", valid.size());
            }
            lastRefreshFailed = false;
        } catch (UnableToStoreTillsException e) {
            if (!lastRefreshFailed) {
                log.warn("{}", e.getMessage());
            }
            lastRefreshFailed = true;
        } catch (RuntimeException e) {
            log.error("Reading the till credentials failed; the hub keeps the ones it read last", e);
            lastRefreshFailed = true;
        }
    }

    /**
     * Issues a new credential for {@code tillId} and stores it.
     *
     * @throws IllegalArgumentException    if {@code tillId} is not a till id, or that till already has a row
     *                                     (valid or revoked: an id is never given out twice)
     * @throws UnableToStoreTillsException if MariaDB cannot be reached; nothing is stored
     */
    public TillCredential issue(String tillId) {
        if (!TillCredential.isTillId(tillId)) {
            throw new IllegalArgumentException("'" + printable(tillId) + "' is not a till id (1 to 32 letters, digits, '.', '_'"
                    + " or '-')");
        }
        migrate();
        TillCredential credential = TillCredential.issue(tillId, random);
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO tills (till_id, secret, created_at) VALUES (?, ?, ?)")
                    .bind(0, tillId).bind(1, secretOf(credential)).bind(2, now()).execute());
        } catch (JdbiException e) {
            if (isDuplicateKey(e)) {
                throw new IllegalArgumentException("till " + tillId + " already has a credential (valid or revoked); a till id"
                        + " is issued once: choose another id", e);
            }
            throw new UnableToStoreTillsException("mariadb " + endpoint + ": the credential for till " + tillId
                    + " could not be stored (" + rootMessage(e) + "); nothing was issued", e);
        }
        return credential;
    }

    /**
     * Revokes {@code tillId}'s credential; the hub refuses it within {@link #refreshEvery()}.
     *
     * @return false when no valid credential of that till exists
     * @throws UnableToStoreTillsException if MariaDB cannot be reached
     */
    public boolean revoke(String tillId) {
        migrate();
        try {
            int changed = jdbi.withHandle(handle -> handle.createUpdate(
                            "UPDATE tills SET revoked_at = ? WHERE till_id = ? AND revoked_at IS NULL")
                    .bind(0, now()).bind(1, tillId).execute());
            return changed > 0;
        } catch (JdbiException e) {
            throw new UnableToStoreTillsException("mariadb " + endpoint + ": till " + printable(tillId)
                    + " could not be revoked (" + rootMessage(e) + ")", e);
        }
    }

    /**
     * Every till with a credential, valid or revoked, by id; no secrets.
     *
     * @throws UnableToStoreTillsException if MariaDB cannot be reached
     */
    public List<TillRecord> list() {
        migrate();
        try {
            return jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT till_id, created_at, revoked_at FROM tills ORDER BY till_id")
                    .map((rs, ctx) -> new TillRecord(rs.getString(1), instant(rs.getObject(2, LocalDateTime.class)),
                            instant(rs.getObject(3, LocalDateTime.class))))
                    .list());
        } catch (JdbiException e) {
            throw new UnableToStoreTillsException("mariadb " + endpoint + ": cannot list the tills (" + rootMessage(e) + ")", e);
        }
    }

    private void migrate() {
        if (migrated) {
            return;
        }
        try {
            MariaDbPool.migrate(dataSource);
            migrated = true;
        } catch (FlywayException e) {
            throw new UnableToStoreTillsException("mariadb " + endpoint + ": cannot create or upgrade the tills table: "
                    + rootMessage(e), e);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** The 32 secret bytes of a credential (its text ends with them, base64url). */
    static byte[] secretOf(TillCredential credential) {
        String text = credential.text();
        return Base64.getUrlDecoder().decode(text.substring(text.length() - SECRET_CHARS));
    }

    private static TillCredential credential(String tillId, byte[] secret) {
        return TillCredential.parse(tillId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == 1062 || "23000".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String s) {
        return s == null ? "" : s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        dataSource.close();
    }
}
