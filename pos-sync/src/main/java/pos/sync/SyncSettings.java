package pos.sync;

import java.util.Objects;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisSettings;
import pos.contract.sale.SaleStream;
import pos.sync.auth.StreamSigner;

/**
 * How a till syncs with the store's servers. Immutable.
 *
 * <p>Sync is off when {@code redisUri} is null: the till sells standalone and the journal keeps
 * everything. A till never writes the store database: the store hub's archivers take the sales
 * from Redis into MariaDB (R9, R10), so no till holds the database's credentials.
 *
 * @param redisUri         {@code redis://host:port/db}, or null for no sync
 * @param tillId           this till's id, in every sale it records
 * @param archiveStreamKey the Redis archive stream (null: {@value SaleStream#KEY})
 * @param redisSettings    how to log in to Redis and whom to trust (null: the environment's,
 *                         {@link RedisSettings#fromEnvironment()})
 * @param signer           signs every entry this till writes into a stream (issue 10); without a credential
 *                         ({@link StreamSigner#missing}) the outboxes hold and the journal keeps everything
 */
public record SyncSettings(String redisUri, String tillId, String archiveStreamKey, RedisSettings redisSettings,
        StreamSigner signer) {

    /** Settings without a credential yet: sales wait in the journal until {@link #withSigner} gives one. */
    public SyncSettings(String redisUri, String tillId, String archiveStreamKey) {
        this(redisUri, tillId, archiveStreamKey, null, null);
    }

    public SyncSettings {
        Objects.requireNonNull(tillId, "tillId");
        if (tillId.isBlank()) {
            throw new IllegalArgumentException("tillId must not be blank");
        }
        redisUri = blankToNull(redisUri);
        if (redisUri != null) {
            RedisConnections.parse(redisUri);
        }
        archiveStreamKey = archiveStreamKey == null ? SaleStream.KEY : archiveStreamKey;
        redisSettings = redisSettings == null ? RedisSettings.fromEnvironment() : redisSettings;
        signer = signer == null ? StreamSigner.missing(tillId) : signer;
    }

    /** A till with sync off. */
    public static SyncSettings standalone(String tillId) {
        return new SyncSettings(null, tillId, null, null, null);
    }

    /** These settings handing sales on to the Redis at {@code uri}. */
    public SyncSettings withRedis(String uri) {
        return new SyncSettings(uri, tillId, archiveStreamKey, redisSettings, signer);
    }

    /** These settings signing stream entries with {@code streamSigner}. */
    public SyncSettings withSigner(StreamSigner streamSigner) {
        return new SyncSettings(redisUri, tillId, archiveStreamKey, redisSettings, streamSigner);
    }

    /** These settings handing sales on to the stream {@code key}. */
    public SyncSettings withArchiveStreamKey(String key) {
        return new SyncSettings(redisUri, tillId, key, redisSettings, signer);
    }

    /** These settings logging in to Redis with {@code settings} (its ACL user, CA). */
    public SyncSettings withRedisSettings(RedisSettings settings) {
        return new SyncSettings(redisUri, tillId, archiveStreamKey, settings, signer);
    }

    /** Opens the connections to this till's Redis (nothing is dialled yet). */
    public RedisConnections connectRedis() {
        return RedisConnections.create(redisUri, redisSettings);
    }

    /** True when sales are handed on to Redis. */
    public boolean syncEnabled() {
        return redisUri != null;
    }

    @Override
    public String toString() {
        return "SyncSettings[redisUri=" + (redisUri == null ? null : RedisConnections.safeUri(RedisConnections.parse(redisUri)))
                + ", tillId=" + tillId + ", archiveStreamKey=" + archiveStreamKey + ", redis login=" + redisSettings + ", "
                + signer + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
