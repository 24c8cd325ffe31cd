package pos.sync.rules;

import pos.contract.rules.RuleBaseKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pos.core.rules.RuleRegistry;
import pos.contract.rules.RuleBaseSignature;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.contract.redis.RedisConnections;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The broken-rule-JSON part of issue 4's bad-input corpus, against a running hub and a running till
 * (R14): every case of {@link RuleBaseJsonTest#brokenRuleData()} is refused by the hub with a
 * clear message and nothing written to MariaDB or Redis; written straight into Redis, it is refused
 * by the till, which reports it, keeps its last good version in force and in its SQLite cache, and
 * keeps answering.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("R14 broken rule data: refused by the hub and by a running till; nothing written, the last good stays")
class BrokenRuleDataCorpusTest {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path tempDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong fakeVersion = new AtomicLong(1_000);
    private StoreHub hub;
    private RedisConnections connections;
    private RuleBaseKeeper till;
    private long good;

    @BeforeAll
    void startHubAndTill() throws Exception {
        hub = new StoreHub(HubSettings.builder().tillKeys(pos.sync.testing.TestTills.KEYS)
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(URI.create("http://127.0.0.1:9/"))
                .notifyKeys(Map.of("k1", "s1"))
                .ruleSigning(TestOwner.OWNER.hubSigning())
                .build());
        hub.start();
        connections = RedisConnections.create(redis.uri());
        till = RuleBaseKeeper.start(RuleRegistry.builtIn(), SqliteRuleBaseCache.open(tempDir, Clock.systemUTC()), true,
                connections, RuleBaseKeys.DEFAULT, Duration.ofHours(1), Clock.systemUTC(), TestOwner.OWNER.trust());
        HttpResponse<String> published = TestOwner.OWNER.publish(hub.baseUri(), RuleBaseKeeper.defaultsJson(), "corpus");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        good = Long.parseLong(published.body().replaceAll("(?s).*\"version\"\\s*:\\s*(\\d+).*", "$1"));
        await("version " + good + " in force").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> till.current().version() == good);
        // the till puts a version in force, then writes it to its SQLite cache: wait for both
        await("version " + good + " in the SQLite cache").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
            try {
                return cachedSha().startsWith(good + ":");
            } catch (SQLException e) {
                throw new AssertionError("cannot read the till's rule cache", e);
            }
        });
    }

    @AfterAll
    void stop() {
        if (till != null) {
            till.close();
        }
        if (hub != null) {
            hub.stop();
        }
        if (connections != null) {
            connections.close();
        }
    }

    Iterable<org.junit.jupiter.params.provider.Arguments> cases() {
        return RuleBaseJsonTest.brokenRuleData().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedByTheHubAndByTheTill(String name, String json, String expected) throws Exception {
        long rowsBefore = mariaDbVersions();
        Object redisBefore = redis.call("GET", "pos:rules:current");
        String signatureBefore = (String) redis.call("GET", "pos:rules:signature");
        String cacheBefore = cachedSha();

        HttpResponse<String> answer = put(json);
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 413, 422);
        assertThat(answer.body()).contains("refused").doesNotContain("com.fasterxml").doesNotContain("Exception");
        assertThat(mariaDbVersions()).as("nothing written to MariaDB").isEqualTo(rowsBefore);
        assertThat(redis.call("GET", "pos:rules:current")).as("nothing written to Redis").isEqualTo(redisBefore);

        // the same data straight into Redis, as a damaged or hostile writer would leave it
        Instant refusedBefore = till.status().refusedAt();
        // signed by the owner, so the till's own reading of the data is what refuses it
        redis.call("SET", "pos:rules:current", json);
        redis.call("SET", "pos:rules:version", Long.toString(fakeVersion.incrementAndGet()));
        redis.call("SET", "pos:rules:signature", RuleBaseSignature.sign(TestOwner.OWNER.keys.getPrivate(), TestOwner.STORE,
                fakeVersion.get(), json));
        redis.call("PUBLISH", "pos:rules:changed", Long.toString(fakeVersion.get()));
        await("a new refusal").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> till.status().refusedAt() != null && !till.status().refusedAt().equals(refusedBefore));
        assertThat(till.status().lastRefusal()).startsWith("rule data refused").doesNotContain("com.fasterxml")
                .doesNotContain("\n").hasSizeLessThan(2_000);
        assertThat(till.current().version()).as("the last good version stays in force").isEqualTo(good);
        assertThat(cachedSha()).as("the till's SQLite cache is unchanged").isEqualTo(cacheBefore);

        // put the good copy back, as the hub would within 5 s
        redis.call("SET", "pos:rules:current", (String) redisBefore);
        redis.call("SET", "pos:rules:version", Long.toString(good));
        redis.call("SET", "pos:rules:signature", signatureBefore);
    }

    private long mariaDbVersions() throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM rule_base_versions")) {
            r.next();
            return r.getLong(1);
        }
    }

    private String cachedSha() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tempDir.resolve("journal.db"));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version, sha256 FROM rule_base_cache")) {
            return r.next() ? r.getLong(1) + ":" + r.getString(2) : "none";
        }
    }

    /** Signed by the owner as the next version (exactly as given when it is not rule data), so the data is what is judged. */
    private HttpResponse<String> put(String body) {
        long next = TestOwner.OWNER.nextVersion(hub.baseUri());
        return TestOwner.OWNER.put(hub.baseUri(), new RuleBaseSignature.Signed(next, body,
                RuleBaseSignature.sign(TestOwner.OWNER.keys.getPrivate(), TestOwner.STORE, next, body)), "corpus");
    }

}
