package pos.sync.testing;

import pos.contract.redis.RedisConnections;
import pos.hub.archive.Archiver;
import pos.hub.archive.ArchiverListener;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.MariaDbSaleArchive;
import pos.hub.events.MariaDbUiEventArchive;
import pos.hub.events.UiEventArchiver;
import pos.testkit.mariadb.TestDatabase;

/**
 * The store hub's archivers (sales, UI events) running beside a till in a test, the way the hub
 * runs them: a till never writes MariaDB itself. Close it to stop them. Not thread-safe.
 */
public final class StoreArchivers implements AutoCloseable {

    private final RedisConnections redis;
    private final MariaDbSaleArchive archive;
    private final Archiver sales;
    private final UiEventArchiver events;

    private StoreArchivers(RedisConnections redis, MariaDbSaleArchive archive, Archiver sales, UiEventArchiver events) {
        this.redis = redis;
        this.archive = archive;
        this.sales = sales;
        this.events = events;
    }

    /** A sales archiver from {@code stream} into {@code database}, at most {@code batchSize} sales a transaction. */
    public static StoreArchivers sales(String redisUri, TestDatabase database, String stream, int batchSize,
            ArchiverListener listener) {
        RedisConnections redis = RedisConnections.create(redisUri);
        ArchiverSettings settings = ArchiverSettings.defaults("test-hub").withStreamKey(stream).withBatchSize(batchSize);
        MariaDbSaleArchive archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(),
                settings.workers() + 1);
        Archiver archiver = new Archiver(settings, redis, archive, listener, TestTills.attribution());
        archiver.start();
        return new StoreArchivers(redis, archive, archiver, null);
    }

    /** A UI event archiver from the default events stream into {@code database}. */
    public static StoreArchivers events(String redisUri, TestDatabase database) {
        RedisConnections redis = RedisConnections.create(redisUri);
        MariaDbSaleArchive archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 2);
        UiEventArchiver archiver = new UiEventArchiver(UiEventArchiver.Settings.defaults("test-hub"), redis,
                new MariaDbUiEventArchive(archive), UiEventArchiver.Listener.NONE,
                TestTills.attribution());
        archiver.start();
        return new StoreArchivers(redis, archive, null, archiver);
    }

    @Override
    public void close() {
        if (sales != null) {
            sales.close();
        }
        if (events != null) {
            events.close();
        }
        archive.close();
        redis.close();
    }
}
