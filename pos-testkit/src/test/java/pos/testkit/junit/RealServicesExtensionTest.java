package pos.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Runs sample test classes through the Jupiter engine, as a build would, and checks what the
 * extension gave them. The samples are static nested classes, so the build does not run them
 * on their own.
 */
class RealServicesExtensionTest {

    /** What each sample saw, by sample name. */
    static final Map<String, TestDatabase> DATABASES = new ConcurrentHashMap<>();
    static final Map<String, RedisProcess> REDIS = new ConcurrentHashMap<>();
    static final Map<String, MariaDbProcess> MARIADB = new ConcurrentHashMap<>();
    static final List<String> NOTES = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetEarlierRuns() {
        DATABASES.clear();
        REDIS.clear();
        MARIADB.clear();
        NOTES.clear();
    }

    @Test
    void eachClassGetsAFreshDatabaseAndAnEmptyRedisOnServersSharedByTheRun() {
        EngineExecutionResults results = run(FirstSample.class, SecondSample.class);

        assertNoFailures(results, 4);
        assertThat(DATABASES.get("first").name()).isNotEqualTo(DATABASES.get("second").name());
        assertThat(DATABASES.get("first").name()).startsWith("t_");
        assertThat(REDIS.get("first")).isSameAs(REDIS.get("second")).isSameAs(REDIS.get("second-param"));
        assertThat(MARIADB.get("first")).isSameAs(MARIADB.get("second")).isSameAs(MARIADB.get("first-before-all"));
        assertThat(NOTES).containsExactly("first saw no leftover key", "second saw no leftover key");
        // the run is over: its servers are closed and their directories gone
        assertThat(REDIS.get("first").isRunning()).isFalse();
        assertThat(REDIS.get("first").dataDir()).doesNotExist();
        assertThat(MARIADB.get("first").isRunning()).isFalse();
        assertThat(MARIADB.get("first").directory()).doesNotExist();
    }

    @Test
    void aServerATestKilledIsRunningAgainForTheNextTestAndTheNextClass() {
        EngineExecutionResults results = run(KillingSample.class, AfterKillingSample.class);

        assertNoFailures(results, 3);
        assertThat(NOTES).containsExactly("killed both", "both running again in the same class",
                "both running again in the next class");
    }

    @Test
    void aNestedClassGetsItsOwnDatabaseAndOnlyWhatItsAnnotationsAskFor() {
        EngineExecutionResults results = run(OuterSample.class);

        assertNoFailures(results, 2);
        assertThat(DATABASES.get("outer").name()).isNotEqualTo(DATABASES.get("inner").name());
    }

    @Test
    void askingForADatabaseWithoutWithMariaDbFailsWithAClearMessage() {
        EngineExecutionResults results = run(RedisOnlySample.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        Throwable failure = results.testEvents().failed().stream().findFirst()
                .flatMap(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class))
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).hasMessageContaining("add @WithMariaDb to").hasMessageContaining("RedisOnlySample");
        assertThat(NOTES).isEmpty();
    }

    private static EngineExecutionResults run(Class<?>... samples) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.testclass.order.default",
                        ClassOrderer.OrderAnnotation.class.getName())
                .selectors(java.util.Arrays.stream(samples).map(c -> selectClass(c))
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    private static void assertNoFailures(EngineExecutionResults results, int tests) {
        List<String> failures = results.allEvents().failed().stream().map(Event::toString).toList();
        assertThat(failures).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(tests));
    }

    static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static void noLeftoverKeyThenLeaveOne(RedisProcess redis, String sample) {
        if (redis.call("GET", "leftover") == null) {
            NOTES.add(sample + " saw no leftover key");
        }
        redis.call("SET", "leftover", sample);
    }

    @WithRedis
    @WithMariaDb
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FirstSample {
        static MariaDbProcess sharedMariaDb;
        TestDatabase database;
        RedisProcess redis;

        @BeforeAll
        static void beforeAll(MariaDbProcess mariadb) {
            MARIADB.put("first-before-all", mariadb);
            assertThat(sharedMariaDb).isSameAs(mariadb);
        }

        @Test
        @Order(1)
        void injectedFieldsPointAtAnEmptyDatabase() throws SQLException {
            DATABASES.put("first", database);
            REDIS.put("first", redis);
            MARIADB.put("first", sharedMariaDb);
            try (Connection connection = database.openConnection()) {
                assertThat(connection.getCatalog()).isEqualTo(database.name());
                assertThat(count(connection, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"))
                        .isZero();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE sale (id VARCHAR(32) PRIMARY KEY)");
                }
            }
            noLeftoverKeyThenLeaveOne(redis, "first");
        }

        @Test
        @Order(2)
        void testsOfOneClassShareItsDatabase() throws SQLException {
            try (Connection connection = database.openConnection()) {
                assertThat(count(connection, "SELECT COUNT(*) FROM sale")).isZero();
            }
        }
    }

    @WithRedis
    @WithMariaDb
    @Order(2)
    static class SecondSample {
        private final TestDatabase fromConstructor;

        SecondSample(TestDatabase fromConstructor) {
            this.fromConstructor = fromConstructor;
        }

        @Test
        void parametersAreInjected(RedisProcess redis, MariaDbProcess mariadb, TestDatabase database) throws SQLException {
            assertThat(database).isEqualTo(fromConstructor);
            DATABASES.put("second", database);
            REDIS.put("second-param", redis);
            REDIS.put("second", redis);
            MARIADB.put("second", mariadb);
            try (Connection connection = database.openConnection()) {
                assertThat(count(connection, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"))
                        .isZero();
            }
            noLeftoverKeyThenLeaveOne(redis, "second");
        }

        @Test
        void theOtherTest(TestDatabase database) {
            assertThat(database).isEqualTo(fromConstructor);
        }
    }

    @WithRedis
    @WithMariaDb
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class KillingSample {
        @Test
        @Order(1)
        void killBoth(RedisProcess redis, MariaDbProcess mariadb) {
            redis.kill();
            mariadb.kill();
            NOTES.add("killed both");
        }

        @Test
        @Order(2)
        void bothRunAgain(RedisProcess redis, MariaDbProcess mariadb, TestDatabase database) throws SQLException {
            assertThat(redis.ping()).isTrue();
            try (Connection connection = database.openConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            NOTES.add("both running again in the same class");
            redis.stop();
            mariadb.stop();
        }
    }

    @WithRedis
    @WithMariaDb
    @Order(2)
    static class AfterKillingSample {
        @Test
        void bothRunAgain(RedisProcess redis, TestDatabase database) throws SQLException {
            assertThat(redis.ping()).isTrue();
            try (Connection connection = database.openConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            NOTES.add("both running again in the next class");
        }
    }

    @WithMariaDb
    static class OuterSample {
        @Test
        void outer(TestDatabase database) {
            DATABASES.put("outer", database);
        }

        @Nested
        class Inner {
            @Test
            void inner(TestDatabase database) {
                DATABASES.put("inner", database);
            }
        }
    }

    @WithRedis
    static class RedisOnlySample {
        @Test
        void redisIsThere(RedisProcess redis) {
            assertThat(redis.ping()).isTrue();
        }

        @Test
        void databaseIsNot(TestDatabase database) {
            NOTES.add("a database was injected without @WithMariaDb");
        }
    }
}
