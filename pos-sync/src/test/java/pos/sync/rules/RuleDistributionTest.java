package pos.sync.rules;

import pos.contract.rules.RuleBaseJson;
import pos.contract.rules.RuleBaseKeys;
import pos.contract.rules.RuleBaseSignature;
import pos.hub.rules.RuleBaseMain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;
import pos.core.rules.RuleRegistry;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.contract.redis.RedisConnections;
import pos.sync.rules.RuleBaseStatus.Source;
import pos.testkit.junit.RealServicesExtension;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Rule-base distribution end to end (R14): a store hub in-process on the real Redis and MariaDB,
 * tills ({@link RuleBaseKeeper}) on real SQLite files. The tests run in order and share the hub;
 * each says which versions it expects relative to what came before.
 */
@WithRedis
@WithMariaDb
@ResourceLock(RealServicesExtension.REDIS_RESOURCE) // stops and restarts Redis
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Rule-base distribution: hub → MariaDB → Redis → tills")
class RuleDistributionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleRegistry REGISTRY = RuleRegistry.builtIn();

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path tempDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RedisConnections connections;
    private StoreHub hub;
    private Path tillDir;
    private RuleBaseKeeper till;
    private final List<RuleBaseStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<Long> changes = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startHubAndTill() {
        hub = startHub();
        connections = RedisConnections.create(redis.uri());
        tillDir = tempDir.resolve("till-1");
        // Pub/sub only: the poll (a fallback) is too slow to explain a change within 2 s.
        till = startKeeper(tillDir, connections, Duration.ofHours(1));
        till.onStatus(statuses::add);
        till.onChange(base -> changes.add(base.version()));
    }

    @AfterAll
    void stopAll() {
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

    @Test
    @Order(1)
    @DisplayName("R14 a fresh till with nothing cached runs on the bundled defaults, and GET /rules says none is published")
    void aFreshTillRunsOnTheDefaults() {
        await("the hub reachable").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.status().hubReachable());
        assertThat(till.status().source()).isEqualTo(Source.DEFAULTS);
        assertThat(till.current().version()).isZero();
        assertThat(till.current().keywords()).contains("card-number", "alcohol-hours", "alcohol-age");
        HttpResponse<String> none = get("rules");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).path("message").asText()).contains("no rule base has been published");
    }

    @Test
    @Order(2)
    @DisplayName("R14 a rule change published through the hub reaches a running till within 2 s, and is a row in MariaDB")
    void aChangeReachesARunningTillWithinTwoSeconds() throws Exception {
        long before = till.current().version();
        String changed = RuleBaseKeeper.defaultsJson().replace("\"limit\": 500000", "\"limit\": 123400");

        long started = System.nanoTime();
        HttpResponse<String> answer = put(changed, "owner");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        long version = json(answer).path("version").asLong();
        await("version " + version + " in force").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.current().version() == version);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("publish to till").isLessThan(Duration.ofSeconds(2));
        assertThat(version).isGreaterThan(before).isEqualTo(1);
        assertThat(json(answer).path("inRedis").asBoolean()).isTrue();
        assertThat(till.status().source()).isEqualTo(Source.HUB);
        assertThat(till.status().label()).isEqualTo("rules v1 (hub)");
        await("the change listener called").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> !changes.isEmpty()); // listeners run right after the swap
        assertThat(changes).containsExactly(1L);
        assertThat(statuses).last().satisfies(s -> assertThat(s.version()).isEqualTo(1));

        Map<String, Object> row = row(version);
        assertThat(row.get("body").toString()).contains("123400").contains("\"version\" : 1");
        assertThat(row.get("sha256")).isEqualTo(RuleBaseJson.sha256(row.get("body").toString()));
        assertThat(row.get("published_by").toString()).contains("owner").contains("127.0.0.1");
        assertThat(row.get("rule_count")).isEqualTo(10);
        assertThat(redis.call("GET", "pos:rules:version")).isEqualTo("1");
        assertThat(redis.call("GET", "pos:rules:current")).isEqualTo(row.get("body"));

        HttpResponse<String> current = get("rules");
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(current.headers().firstValue("X-Rule-Base-Version")).hasValue("1");
        assertThat(current.body()).isEqualTo(row.get("body"));
    }

    @Test
    @Order(3)
    @DisplayName("R14 broken rule data sent to the hub is refused with every problem and changes nothing anywhere")
    void brokenRuleDataThroughTheHubChangesNothing() throws Exception {
        long rowsBefore = rowCount();
        Object redisBefore = redis.call("GET", "pos:rules:current");
        long tillBefore = till.current().version();
        String broken = RuleBaseKeeper.defaultsJson()
                .replace("\"limit\": 500000", "\"limit\": 5000.5")
                .replace("\"type\": \"card_daily_limit\"", "\"type\": \"card_dayly_limit\"");

        HttpResponse<String> answer = put(broken, "owner");

        assertThat(answer.statusCode()).isEqualTo(422);
        JsonNode refused = json(answer);
        assertThat(refused.path("error").asText()).isEqualTo("rules_refused");
        assertThat(refused.path("message").asText()).startsWith("rule data refused (2 problems)");
        assertThat(refused.path("problems")).extracting(JsonNode::asText).anySatisfy(p -> assertThat(p)
                .contains("rule 'max-sale-amount'").contains("whole number of minor units, got 5000.5"));
        assertThat(refused.path("problems")).extracting(JsonNode::asText).anySatisfy(p -> assertThat(p)
                .contains("unknown type 'card_dayly_limit'"));

        HttpResponse<String> notJson = put("{\"rules\": [", "owner");
        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(json(notJson).path("message").asText()).contains("line 1, column").contains("ends too early");

        Thread.sleep(300);
        assertThat(rowCount()).isEqualTo(rowsBefore);
        assertThat(redis.call("GET", "pos:rules:current")).isEqualTo(redisBefore);
        assertThat(till.current().version()).isEqualTo(tillBefore);
        assertThat(till.status().lastRefusal()).isNull();
    }

    @Test
    @Order(4)
    @DisplayName("R14 broken data written straight into Redis is refused by the till, reported, and the last good stays;"
            + " the hub repairs Redis from MariaDB")
    void brokenDataInRedisIsRefusedByTheTill() {
        long good = till.current().version();
        statuses.clear();

        // Owner-signed but broken (as version `good`, the number in Redis): the signature verifies, the data does not compile.
        String nan = "{\"version\": 99, \"rules\": [{\"keyword\": \"x\", \"type\": \"max_amount\","
                + " \"params\": {\"limit\": NaN}}]}";
        redis.call("SET", "pos:rules:current", nan);
        redis.call("SET", "pos:rules:signature", TestOwner.OWNER.sign(nan, good).signature());
        redis.call("PUBLISH", "pos:rules:changed", "99");

        await("the refusal").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.status().lastRefusal() != null);
        assertThat(till.status().lastRefusal()).startsWith("rule data refused: line 1, column")
                .contains("NaN and Infinity are not numbers").contains("version " + good + " stays in force");
        assertThat(till.status().refusedAt()).isNotNull();
        // issue 14.3: the reason and values the till says it from (the compiler's sentence is only its detail)
        assertThat(till.status().refusal().reason()).isEqualTo(RuleRefusal.Reason.BROKEN_DATA);
        assertThat(till.status().refusal().values()).last().isEqualTo(good);
        assertThat(till.current().version()).isEqualTo(good);
        assertThat(till.status().source()).isEqualTo(Source.HUB);
        assertThat(statuses).anySatisfy(s -> assertThat(s.lastRefusal()).contains("NaN"));

        // A well-formed, owner-signed but older version is ignored, not refused.
        RuleBaseSignature.Signed older = TestOwner.OWNER.sign(RuleBaseKeeper.defaultsJson(), good - 1);
        redis.call("SET", "pos:rules:current", older.body());
        redis.call("SET", "pos:rules:version", Long.toString(good - 1));
        redis.call("SET", "pos:rules:signature", older.signature());
        redis.call("PUBLISH", "pos:rules:changed", Long.toString(good - 1));
        await("the refusal").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.status().lastRefusal() != null);
        sleep(500);
        assertThat(till.current().version()).isEqualTo(good);
        assertThat(till.status().lastRefusal()).contains("NaN");

        // MariaDB is the truth: the hub puts the newest version back (it checks every 5 s).
        await("Redis holds version " + good).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(10))
                .until(() -> String.valueOf(redis.call("GET", "pos:rules:current")).contains("\"version\" : " + good));
        assertThat(till.current().version()).isEqualTo(good);
    }

    @Test
    @Order(5)
    @DisplayName("R14 with Redis stopped the till keeps its last good rules and answers at once; after Redis is back"
            + " the hub republishes and the next change arrives")
    void redisDownTheTillKeepsItsRules() throws Exception {
        long good = till.current().version();
        try (RuleBaseKeeper polling = startKeeper(tempDir.resolve("till-2"), connections, Duration.ofMillis(300))) {
            await("the polling till has version " + good).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> polling.current().version() == good);

            redis.stop();
            await("the polling till sees the hub gone").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !polling.status().hubReachable());
            assertThat(polling.status().hubProblem()).isNotBlank();

            long slowest = 0;
            long started = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                long t = System.nanoTime();
                long a = till.current().version();
                long b = polling.current().version();
                polling.refreshSoon(); // asks a dead Redis: must not throw or block the caller
                slowest = Math.max(slowest, System.nanoTime() - t);
                assertThat(a).isEqualTo(good);
                assertThat(b).isEqualTo(good);
            }
            // Far below Redis's 2 s command timeout: nothing waited for Redis (a GC pause may take a few ms).
            assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(500));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(polling.status().version()).isEqualTo(good);

            redis.start();
            // Redis came back empty: the hub copies the newest version from MariaDB back (start and every 5 s).
            await("Redis holds version " + good + " again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> String.valueOf(redis.call("GET", "pos:rules:version")).equals(Long.toString(good)));
            await("the polling till reaches the hub again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> polling.status().hubReachable());

            HttpResponse<String> answer = put(RuleBaseKeeper.defaultsJson().replace("\"min_age\": 18", "\"min_age\": 21"),
                    "owner");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            long next = json(answer).path("version").asLong();
            assertThat(next).isEqualTo(good + 1);
            await("the polling till has version " + next).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> polling.current().version() == next);
            // the long-poll till relies on pub/sub, which Lettuce subscribed again after the reconnect
            await("the long-poll till has version " + next).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> till.current().version() == next);
        }
    }

    @Test
    @Order(6)
    @DisplayName("R14 a till started offline comes up with its cached version; a fresh data directory offline with the defaults")
    void aTillStartedOfflineUsesItsCache() {
        long cachedVersion = till.current().version();
        till.close();
        till = null;
        try (RuleBaseKeeper offline = startKeeper(tillDir, null, Duration.ofSeconds(1))) {
            assertThat(offline.status().source()).isEqualTo(Source.CACHE);
            assertThat(offline.current().version()).isEqualTo(cachedVersion);
            assertThat(offline.current().keywords()).contains("alcohol-age");
            assertThat(offline.status().hubReachable()).isFalse();
            assertThat(offline.status().hubProblem()).contains("no store Redis");
        }
        try (RuleBaseKeeper fresh = RuleBaseKeeper.start(tempDir.resolve("never-online"), null, TestOwner.OWNER.trust())) {
            assertThat(fresh.status().source()).isEqualTo(Source.DEFAULTS);
            assertThat(fresh.current().version()).isZero();
        }
    }

    @Test
    @Order(7)
    @DisplayName("R14 a damaged cache is refused at start: the till says so and uses the defaults")
    void aDamagedCacheFallsBackToTheDefaults() throws Exception {
        Path dir = tempDir.resolve("damaged");
        try (SqliteRuleBaseCache cache = SqliteRuleBaseCache.open(dir, Clock.systemUTC())) {
            String nope = "{\"version\": 5, \"rules\": [{\"keyword\": \"x\", \"type\": \"nope\"}]}";
            cache.store(5, nope, TestOwner.OWNER.signatureOf(nope, 5));
        }
        try (RuleBaseKeeper keeper = startKeeper(dir, null, Duration.ofSeconds(1))) {
            assertThat(keeper.status().source()).isEqualTo(Source.DEFAULTS);
            assertThat(keeper.status().lastRefusal()).contains("cached rule base version 5 was refused")
                    .contains("unknown type 'nope'");
        }
    }

    @Test
    @Order(8)
    @DisplayName("R14 a hub started while Redis lost the rule base puts MariaDB's newest version back")
    void aHubStartingRepublishesTheNewestVersion() {
        hub.stop();
        redis.call("DEL", "pos:rules:current", "pos:rules:version");
        long newest = rowMax();
        hub = startHub();
        await("Redis holds version " + newest).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> String.valueOf(redis.call("GET", "pos:rules:version")).equals(Long.toString(newest)));
        assertThat(redis.call("GET", "pos:rules:current")).isEqualTo(row(newest).get("body"));
    }

    @Test
    @Order(9)
    @DisplayName("R14 ./pos hub rules: check and publish a file through the hub; a broken file is refused before it is sent")
    void theCommandLinePublishesThroughTheHub() throws Exception {
        Path good = tempDir.resolve("store-rules.json");
        Files.writeString(good, RuleBaseKeeper.defaultsJson().replace("\"limit\": 300000", "\"limit\": 250000"));
        Path broken = tempDir.resolve("broken-rules.json");
        Files.writeString(broken, "{\"rules\": [{\"keyword\": \"Max\", \"type\": \"max_amount\"}], \"extra\": 1}");
        long before = rowMax();

        Run check = cli("check", good.toString());
        assertThat(check.exit).as(check.err).isZero();
        assertThat(check.out).contains("good, 10 rules");

        Run refused = cli("publish", broken.toString(), "--hub", hub.baseUri().toString(), "--key",
                TestOwner.OWNER.writePrivateKey(tempDir).toString());
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.err).contains("unknown field \"extra\"").contains("nothing was sent to the hub");
        assertThat(rowMax()).isEqualTo(before);

        Path key = TestOwner.OWNER.writePrivateKey(tempDir);
        Run published = cli("publish", good.toString(), "--hub", hub.baseUri().toString(), "--by", "store-owner",
                "--key", key.toString());
        assertThat(published.exit).as(published.err).isZero();
        assertThat(published.out).contains("published rule base version " + (before + 1));
        assertThat(row(before + 1).get("body").toString()).contains("250000");
        assertThat(row(before + 1).get("published_by").toString()).contains("store-owner");

        Run show = cli("show", "--hub", hub.baseUri().toString());
        assertThat(show.exit).isZero();
        assertThat(show.out).contains("250000").contains("\"version\" : " + (before + 1));

        Run unreachable = cli("show", "--hub", "http://127.0.0.1:9/");
        assertThat(unreachable.exit).isEqualTo(1);
        assertThat(unreachable.err).contains("cannot reach the hub");
    }

    @Test
    @Order(10)
    @DisplayName("R14 a large store rule base (over the hub's usual 64 KiB body limit) is accepted; over 8 MiB is refused")
    void largeRuleBasesAreAcceptedUpToTheLimit() {
        StringBuilder rules = new StringBuilder();
        StringBuilder banks = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            String code = "BANK" + i;
            banks.append(i == 0 ? "" : ",").append("{\"code\": \"").append(code).append("\", \"name\": \"Bank ").append(i)
                    .append("\", \"bins\": [\"").append(70_000_000 + i).append("\"]}");
            rules.append(i == 0 ? "" : ",").append("{\"keyword\": \"single-").append(i)
                    .append("\", \"type\": \"bank_single_limit\", \"params\": {\"bank\": \"").append(code)
                    .append("\", \"limit\": ").append(100_000 + i).append("}}");
        }
        String large = "{\"banks\": [" + banks + "], \"rules\": [" + rules + "]}";
        assertThat(large.length()).isGreaterThan(200_000);
        long before = rowMax();
        HttpResponse<String> answer = put(large, "owner");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(json(answer).path("rules").asInt()).isEqualTo(1_500);
        assertThat(rowMax()).isEqualTo(before + 1);

        HttpResponse<String> tooLarge = put("{\"rules\": [], \"pad\": \"" + "x".repeat(RuleBaseJson.MAX_BYTES) + "\"}", "owner");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).path("message").asText()).contains("limited to " + RuleBaseJson.MAX_BYTES + " bytes");
        assertThat(rowMax()).isEqualTo(before + 1);
    }

    @Test
    @Order(11)
    @DisplayName("R14 SEC-110 a hub with a rules (owner) token refuses rule data without it (401, nothing changed) and takes it with it")
    void aHubWithARulesTokenRefusesPublishersWithoutIt() throws Exception {
        StoreHub guarded = new StoreHub(settings().rulesToken("s3cret-rules").build());
        guarded.start();
        try {
            long before = rowMax();
            String rules = RuleBaseKeeper.defaultsJson();
            HttpResponse<String> without = send(HttpRequest.newBuilder(guarded.baseUri().resolve("rules"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(rules)).build());
            HttpResponse<String> wrong = send(HttpRequest.newBuilder(guarded.baseUri().resolve("rules"))
                    .header("Authorization", "Bearer guess").header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(rules)).build());
            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(json(wrong).path("message").asText()).contains("neither a till's nor the owner's");
            assertThat(rowMax()).isEqualTo(before);

            Path file = tempDir.resolve("token-rules.json");
            Files.writeString(file, rules);
            String key = TestOwner.OWNER.writePrivateKey(tempDir).toString();
            Run refused = cli("publish", file.toString(), "--hub", guarded.baseUri().toString(), "--key", key);
            assertThat(refused.exit).isEqualTo(1);
            assertThat(refused.err).contains("HTTP 401").contains("owner's token");
            Run published = cli("publish", file.toString(), "--hub", guarded.baseUri().toString(), "--token", "s3cret-rules",
                    "--key", key);
            assertThat(published.exit).as(published.err).isZero();
            assertThat(rowMax()).isEqualTo(before + 1);
            assertThat(send(HttpRequest.newBuilder(guarded.baseUri().resolve("rules")).GET().build()).statusCode())
                    .as("reading needs a till's credential or the owner's token (issue 10)").isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(guarded.baseUri().resolve("rules")).header("Authorization",
                    "Bearer s3cret-rules").GET().build()).statusCode()).isEqualTo(200);
        } finally {
            guarded.stop();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    private StoreHub startHub() {
        StoreHub started = new StoreHub(settings().build());
        started.start();
        return started;
    }

    private HubSettings.Builder settings() {
        return HubSettings.builder().tillKeys(pos.sync.testing.TestTills.KEYS)
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(URI.create("http://127.0.0.1:9/")) // never asked: no payments in these tests
                .notifyKeys(Map.of("k1", "s1"))
                .ruleSigning(TestOwner.OWNER.hubSigning());
    }

    private static RuleBaseKeeper startKeeper(Path dataDir, RedisConnections redisOrNull, Duration poll) {
        return RuleBaseKeeper.start(REGISTRY, SqliteRuleBaseCache.open(dataDir, Clock.systemUTC()), true, redisOrNull,
                RuleBaseKeys.DEFAULT, poll, Clock.systemUTC(), TestOwner.OWNER.trust());
    }

    /** Signed by the test owner as the hub's next version, as ./pos hub rules publish does. */
    private HttpResponse<String> put(String body, String by) {
        return TestOwner.OWNER.publish(hub.baseUri(), body, by);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(hub.baseUri().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private long rowCount() throws SQLException {
        try (Connection c = database.openConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM rule_base_versions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long rowMax() {
        try (Connection c = database.openConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM rule_base_versions")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> row(long version) {
        try (Connection c = database.openConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT body, sha256, published_by, rule_count FROM rule_base_versions"
                     + " WHERE version = " + version)) {
            assertThat(rs.next()).as("row for version " + version).isTrue();
            return Map.of("body", rs.getString(1), "sha256", rs.getString(2), "published_by", rs.getString(3),
                    "rule_count", rs.getInt(4));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RuleBaseMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
