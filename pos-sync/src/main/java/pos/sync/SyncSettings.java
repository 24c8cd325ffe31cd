package pos.sync;

import java.time.Duration;
import java.util.Objects;
import pos.sync.archive.ArchiverSettings;
import pos.sync.archive.MariaDbSaleArchive;
import pos.sync.outbox.Outbox;
import pos.sync.redis.RedisConnections;

/**
 * How a till syncs with the store's servers. Immutable.
 *
 * <p>Sync is off when {@code redisUri} is null: the till sells standalone and the journal keeps
 * everything. The till also runs an archiver into MariaDB when {@code mariadbJdbcUrl} is set
 * (small shops without a store hub); otherwise the hub's archiver does that work.
 *
 * @param redisUri         {@code redis://host:port/db}, or null for no sync
 * @param mariadbJdbcUrl   {@code jdbc:mariadb://host:port/db}, or null for no archiver on this till
 *                         (the archiver runs only when Redis is configured too)
 * @param mariadbUser      the archiver's MariaDB user (may be null for the driver's default)
 * @param mariadbPassword  its password (may be null); never printed by {@link #toString()}
 * @param tillId           this till's id, in every sale it records
 * @param archiveStreamKey the Redis archive stream (null: {@value Outbox#DEFAULT_STREAM_KEY})
 * @param archiveBatchSize N of R9, the most sales per MariaDB transaction
 * @param archivePeriod    P1 of R9 (null: 1 s)
 * @param consumerGroup    the archivers' consumer group (null: {@value ArchiverSettings#DEFAULT_CONSUMER_GROUP})
 * @param consumerName     this till's archiver's consumer name (null: the till id)
 */
public record SyncSettings(String redisUri, String mariadbJdbcUrl, String mariadbUser, String mariadbPassword,
        String tillId, String archiveStreamKey, int archiveBatchSize, Duration archivePeriod, String consumerGroup,
        String consumerName) {

    public SyncSettings {
        Objects.requireNonNull(tillId, "tillId");
        if (tillId.isBlank()) {
            throw new IllegalArgumentException("tillId must not be blank");
        }
        redisUri = blankToNull(redisUri);
        mariadbJdbcUrl = blankToNull(mariadbJdbcUrl);
        if (redisUri != null) {
            RedisConnections.parse(redisUri); // fail now, with a clear message, not on a background thread
        }
        if (mariadbJdbcUrl != null) {
            MariaDbSaleArchive.requireJdbcUrl(mariadbJdbcUrl);
        }
        archiveStreamKey = archiveStreamKey == null ? Outbox.DEFAULT_STREAM_KEY : archiveStreamKey;
        archivePeriod = archivePeriod == null ? ArchiverSettings.DEFAULT_PERIOD : archivePeriod;
        consumerGroup = consumerGroup == null ? ArchiverSettings.DEFAULT_CONSUMER_GROUP : consumerGroup;
        consumerName = consumerName == null ? tillId : consumerName;
        // The archiver's settings check the rest (batch size, period, names).
        new ArchiverSettings(archiveStreamKey, consumerGroup, consumerName, archiveBatchSize, archivePeriod,
                ArchiverSettings.DEFAULT_WORKERS, ArchiverSettings.DEFAULT_CLAIM_MIN_IDLE, ArchiverSettings.DEFAULT_TRIM_INTERVAL);
    }

    /** A till with sync off. */
    public static SyncSettings standalone(String tillId) {
        return new SyncSettings(null, null, null, null, tillId, null, ArchiverSettings.DEFAULT_BATCH_SIZE, null, null, null);
    }

    /** These settings handing sales on to the Redis at {@code uri}. */
    public SyncSettings withRedis(String uri) {
        return new SyncSettings(uri, mariadbJdbcUrl, mariadbUser, mariadbPassword, tillId, archiveStreamKey,
                archiveBatchSize, archivePeriod, consumerGroup, consumerName);
    }

    /** These settings also running an archiver into the MariaDB at {@code jdbcUrl}. */
    public SyncSettings withMariaDb(String jdbcUrl, String user, String password) {
        return new SyncSettings(redisUri, jdbcUrl, user, password, tillId, archiveStreamKey, archiveBatchSize,
                archivePeriod, consumerGroup, consumerName);
    }

    public SyncSettings withArchiveStreamKey(String key) {
        return new SyncSettings(redisUri, mariadbJdbcUrl, mariadbUser, mariadbPassword, tillId, key, archiveBatchSize,
                archivePeriod, consumerGroup, consumerName);
    }

    public SyncSettings withArchiveBatchSize(int size) {
        return new SyncSettings(redisUri, mariadbJdbcUrl, mariadbUser, mariadbPassword, tillId, archiveStreamKey, size,
                archivePeriod, consumerGroup, consumerName);
    }

    public SyncSettings withArchivePeriod(Duration period) {
        return new SyncSettings(redisUri, mariadbJdbcUrl, mariadbUser, mariadbPassword, tillId, archiveStreamKey,
                archiveBatchSize, period, consumerGroup, consumerName);
    }

    public SyncSettings withConsumer(String group, String name) {
        return new SyncSettings(redisUri, mariadbJdbcUrl, mariadbUser, mariadbPassword, tillId, archiveStreamKey,
                archiveBatchSize, archivePeriod, group, name);
    }

    /** True when sales are handed on to Redis. */
    public boolean syncEnabled() {
        return redisUri != null;
    }

    /** True when this till also archives into MariaDB. */
    public boolean archiverEnabled() {
        return redisUri != null && mariadbJdbcUrl != null;
    }

    /** The archiver's settings derived from these. */
    public ArchiverSettings archiverSettings() {
        return ArchiverSettings.defaults(consumerName).withStreamKey(archiveStreamKey).withConsumerGroup(consumerGroup)
                .withBatchSize(archiveBatchSize).withPeriod(archivePeriod);
    }

    @Override
    public String toString() {
        return "SyncSettings[redisUri=" + (redisUri == null ? null : RedisConnections.safeUri(RedisConnections.parse(redisUri)))
                + ", mariadbJdbcUrl=" + (mariadbJdbcUrl == null ? null : mariadbJdbcUrl.replaceAll("(?i)password=[^&;]*", "password=***"))
                + ", mariadbUser=" + mariadbUser + ", mariadbPassword=" + (mariadbPassword == null ? null : "***")
                + ", tillId=" + tillId + ", archiveStreamKey=" + archiveStreamKey + ", archiveBatchSize=" + archiveBatchSize
                + ", archivePeriod=" + archivePeriod + ", consumerGroup=" + consumerGroup + ", consumerName=" + consumerName + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
