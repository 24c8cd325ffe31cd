package pos.sync.people;

import static pos.sync.testing.Await.await;

import pos.contract.people.PeopleRedisKeys;
import pos.hub.people.MariaDbPeopleStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pos.hub.archive.ArchiverSettings;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.contract.pay.PaymentKeys;
import pos.contract.redis.RedisConnections;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * A store for people tests: a real store hub in-process (its people archiver on a key prefix of
 * its own, so test classes sharing the run's Redis do not meet), a MariaDB store to look into,
 * and tills made on demand, each with its own SQLite data directory. Not thread-safe; closes everything.
 */
final class PeopleFixture implements AutoCloseable {

    /** The till id the fixture's tills sign their stream entries as. */
    static final String TILL = "till-people";
    /** How often the fixture's hub compares balances with MariaDB (every people test also checks it finds nothing). */
    static final Duration BALANCE_CHECK_EVERY = Duration.ofSeconds(1);

    final String prefix;
    final PeopleRedisKeys keys;
    final RedisConnections redis;
    final StoreHub hub;
    final MariaDbPeopleStore mariaDb;
    final String printKeySpec = PrintKeys.newKeyLine("store1");
    /** The credential the hub issued to the tills that pull from it (issue 10: /people only to a till). */
    final pos.contract.auth.TillCredential tillCredential = pos.contract.auth.TillCredential.issue("people-till",
            new java.security.SecureRandom());
    private final List<AutoCloseable> toClose = new ArrayList<>();

    PeopleFixture(RedisProcess redisProcess, TestDatabase database, String prefix) {
        this(redisProcess, database, prefix, pos.sync.testing.TestTills.KEYS);
    }

    /** A store whose hub knows the tills in {@code tillKeys} (issue 10: only their signed entries are archived). */
    PeopleFixture(RedisProcess redisProcess, TestDatabase database, String prefix, pos.contract.auth.TillKeys tillKeys) {
        this.prefix = prefix;
        this.keys = new PeopleRedisKeys(prefix);
        this.redis = RedisConnections.create(redisProcess.uri());
        this.hub = new StoreHub(HubSettings.builder().tillKeys(tillKeys)
                .redis(redisProcess.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(URI.create("http://127.0.0.1:9/"))
                .notifyKeys(Map.of("unused-key", "unused-secret"))
                .keys(new PaymentKeys(prefix))
                .reconcileEvery(Duration.ofHours(1))
                .balanceCheckEvery(BALANCE_CHECK_EVERY)
                .monitorEvery(Duration.ofSeconds(5))
                .archiver(ArchiverSettings.defaults("people-hub-" + prefix).withStreamKey(prefix + ":archive")
                        .withPeriod(Duration.ofMillis(100)))
                .http(pos.hub.http.HttpSecurity.DEFAULTS.withTillKeys(pos.contract.auth.TillKeys.of(tillCredential)))
                .build());
        hub.start();
        // The hub restores the stored value (here: finds nothing to restore) before debits are taken.
        await("the hub marked the stored value restored").atMost(Duration.ofSeconds(20))
                .until(() -> redisProcess.call("EXISTS", keys.restored()).equals(1L));
        this.mariaDb = MariaDbPeopleStore.create(database.jdbcUrl(), database.user(), database.password(), 2, Clock.systemUTC());
    }

    /** A till with its own data directory and the store's print key. */
    TillPeople till(Path dataDir) {
        TillPeople till = new TillPeople(SqlitePeopleStore.open(dataDir), new PrintCipher(PrintKeys.parse(printKeySpec, "test")),
                redis, keys, Clock.systemUTC(), pos.sync.testing.TestTills.signer(TILL));
        toClose.add(till);
        return till;
    }

    /** A till with its own data directory and the store's print key that pulls from the hub's {@code GET /people}. */
    TillPeople tillPullingFromHub(Path dataDir) {
        TillPeople till = new TillPeople(SqlitePeopleStore.open(dataDir), new PrintCipher(PrintKeys.parse(printKeySpec, "test")),
                redis, keys, Clock.systemUTC(), new pos.sync.hub.HubClient(hub.baseUri(), tillCredential, null,
                        Duration.ofSeconds(5)), pos.sync.testing.TestTills.signer(TILL));
        toClose.add(till);
        return till;
    }

    /** The store's stored value as a till sees it; {@code local} may be null. */
    RedisStoredValue storedValue(SqlitePeopleStore local) {
        RedisStoredValue value = new RedisStoredValue(redis, keys, Clock.systemUTC(), local,
                pos.sync.testing.TestTills.signer(TILL));
        toClose.add(value);
        return value;
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        hub.stop();
        mariaDb.close();
        redis.close();
    }
}
