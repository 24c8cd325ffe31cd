package pos.sync.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import pos.contract.auth.Ed25519;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.rules.RedisRuleBaseBoard;
import pos.contract.rules.RuleBaseJson;
import pos.contract.rules.RuleBaseKeys;
import pos.contract.rules.RuleBaseSignature;
import pos.core.rules.RuleRegistry;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.hub.rules.MariaDbRuleBaseStore;
import pos.hub.rules.RuleBasePublisher;
import pos.hub.rules.RuleSigning;
import pos.sync.rules.RuleBaseStatus.Source;
import pos.testkit.junit.RealServicesExtension;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 10's attacks on the rule base, against a store hub in-process on the real Redis and MariaDB
 * and tills ({@link RuleBaseKeeper}) on real SQLite files: only what the store owner signed, as the
 * hub's next version, is ever in force; a forged version never locks the tills or the hub. The
 * tests run in order and share the hub; each works relative to the version in force when it starts.
 */
@WithRedis
@WithMariaDb
@ResourceLock(RealServicesExtension.REDIS_RESOURCE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("SEC-3xx rule bases signed by the store owner, verified by the hub and every till (issue 10, R14)")
class SignedRuleBaseSecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestOwner OWNER = TestOwner.OWNER;
    private static final String CURRENT = "pos:rules:current";
    private static final String VERSION = "pos:rules:version";
    private static final String SIGNATURE = "pos:rules:signature";
    private static final String CHANGED = "pos:rules:changed";

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path tempDir;

    private RedisConnections connections;
    private StoreHub hub;
    private RuleBaseKeeper till;

    @BeforeAll
    void startHubAndTill() {
        hub = new StoreHub(settings().ruleSigning(OWNER.hubSigning()).build());
        hub.start();
        connections = RedisConnections.create(redis.uri());
        // pub/sub only: the poll is too slow to explain a change within 2 s
        till = keeper(tempDir.resolve("till-1"), connections, OWNER.trust());
        HttpResponse<String> first = OWNER.publish(hub.baseUri(), RuleBaseKeeper.defaultsJson(), "owner");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        await("version 1 in force").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.current().version() == 1);
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
    @DisplayName("SEC-301 R14 SET of a rule base with version Long.MAX_VALUE and no rules: the till keeps its last good"
            + " base and says the update was refused; the hub puts the signed one back with an alert; the next owner-signed"
            + " publish reaches the till within 2 s")
    void aForgedHugeVersionLocksNobody() {
        long good = till.current().version();
        String empty = "{\"version\": " + Long.MAX_VALUE + ", \"rules\": []}";
        redis.call("SET", CURRENT, empty);
        redis.call("SET", VERSION, Long.toString(Long.MAX_VALUE));
        redis.call("PUBLISH", CHANGED, Long.toString(Long.MAX_VALUE));

        await("the refusal").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.status().lastRefusal() != null);
        assertThat(till.status().lastRefusal())
                .startsWith("update refused: version 9223372036854775807 is not signed by the store owner")
                .contains("version " + good + " stays in force");
        // issue 14.3: the reason and values the till says it from, in its own language
        assertThat(till.status().refusal()).isEqualTo(new RuleRefusal(RuleRefusal.Reason.NOT_SIGNED,
                java.util.List.of("9223372036854775807", good)));
        assertThat(till.current().version()).isEqualTo(good);
        assertThat(till.current().keywords()).contains("card-number");

        // the owner publishes the next version through the hub at once (before the hub's 5 s repair round)
        long started = System.nanoTime();
        HttpResponse<String> answer = OWNER.publish(hub.baseUri(),
                RuleBaseKeeper.defaultsJson().replace("\"limit\": 500000", "\"limit\": 444400"), "owner");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(json(answer).path("version").asLong()).isEqualTo(good + 1);
        await("version " + (good + 1) + " in force").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.current().version() == good + 1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("forged-over to till").isLessThan(Duration.ofSeconds(2));

        assertThat(redis.call("GET", VERSION)).isEqualTo(Long.toString(good + 1));
        assertThat(String.valueOf(redis.call("GET", CURRENT))).contains("444400");
        assertThat(hub.alerts()).anySatisfy(alert -> {
            assertThat(alert.name()).isEqualTo(StoreHub.RULES_FORGED_ALERT);
            assertThat(alert.message()).contains("9223372036854775807").contains("behind the hub's back")
                    .contains("signed version " + (good + 1));
        });
        assertThat(till.status().source()).isEqualTo(Source.HUB);
    }

    @Test
    @Order(2)
    @DisplayName("SEC-302 R14 the hub's own repair round overwrites a forged huge version in Redis with MariaDB's signed"
            + " newest, and raises an alert saying someone wrote Redis behind its back")
    void theHubsRepairRoundIsNotLockedByAForgedVersion() {
        long good = till.current().version();
        long forged = Long.MAX_VALUE - 1; // another number than SEC-301's, so the alert below is this round's
        redis.call("SET", CURRENT, "{\"version\": " + forged + ", \"rules\": []}");
        redis.call("SET", VERSION, Long.toString(forged));
        redis.call("DEL", SIGNATURE);

        // the hub checks every 5 s
        await("Redis holds version " + good).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(10))
                .until(() -> Long.toString(good).equals(redis.call("GET", VERSION)));
        assertThat(String.valueOf(redis.call("GET", CURRENT))).contains("\"version\" : " + good);
        assertThat(RuleBaseSignature.verify(OWNER.keys.getPublic(), TestOwner.STORE, good,
                (String) redis.call("GET", CURRENT), (String) redis.call("GET", SIGNATURE))).isTrue();
        assertThat(hub.alerts()).anySatisfy(alert -> {
            assertThat(alert.name()).isEqualTo(StoreHub.RULES_FORGED_ALERT);
            assertThat(alert.message()).contains(Long.toString(forged)).contains("signed version " + good + " back");
        });
        assertThat(till.current().version()).isEqualTo(good);
    }

    @Test
    @Order(3)
    @DisplayName("SEC-303 R14 a rule base signed by another key is refused by the hub (403, nothing stored) and, written"
            + " straight into Redis with that key's signature, by the till")
    void anotherKeyIsRefusedByHubAndTill() throws SQLException {
        long good = till.current().version();
        KeyPair stranger = Ed25519.generate();
        String noChecks = "{\"rules\": [{\"keyword\": \"card-number\", \"type\": \"max_amount\", \"params\": {\"limit\": "
                + Long.MAX_VALUE + "}}]}";
        long next = OWNER.nextVersion(hub.baseUri());
        RuleBaseSignature.Signed forged = RuleBaseSignature.sign(stranger.getPrivate(), TestOwner.STORE, next,
                RuleBaseJson.read(noChecks));
        long rowsBefore = rowCount();
        Object redisBefore = redis.call("GET", CURRENT);

        HttpResponse<String> answer = OWNER.put(hub.baseUri(), forged, "mallory");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(json(answer).path("error").asText()).isEqualTo("not_signed");
        assertThat(json(answer).path("message").asText()).contains("not signed by the store owner's key")
                .contains("nothing was stored");
        assertThat(rowCount()).isEqualTo(rowsBefore);
        assertThat(redis.call("GET", CURRENT)).isEqualTo(redisBefore);

        writeIntoRedis(forged);
        await("the refusal of version " + next).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> String.valueOf(till.status().lastRefusal()).contains("version " + next + " is not signed"));
        assertThat(till.current().version()).isEqualTo(good);
        assertThat(cachedVersion(tempDir.resolve("till-1"))).isEqualTo(good);
    }

    @Test
    @Order(4)
    @DisplayName("SEC-304 R14 a replay of an older owner-signed rule base is ignored: the hub answers 409, a till that"
            + " finds it in Redis keeps the newer one")
    void aReplayOfAnOlderSignedBaseIsIgnored() throws SQLException {
        long good = till.current().version();
        RuleBaseSignature.Signed older = OWNER.sign(RuleBaseKeeper.defaultsJson(), good - 1);
        long rowsBefore = rowCount();

        HttpResponse<String> answer = OWNER.put(hub.baseUri(), older, "replay");
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(rowCount()).isEqualTo(rowsBefore);

        String refusalBefore = till.status().lastRefusal();
        writeIntoRedis(older);
        sleep(700);
        assertThat(till.current().version()).isEqualTo(good);
        assertThat(till.status().lastRefusal()).as("ignored, not refused").isEqualTo(refusalBefore);
        // the hub puts its newest back over the older copy
        await("Redis holds version " + good).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(10))
                .until(() -> Long.toString(good).equals(redis.call("GET", VERSION)));
    }

    @Test
    @Order(5)
    @DisplayName("SEC-305 R14 a rule base signed for a version that is not the next one is refused with 409 and the"
            + " version to sign; signed as that version it is taken")
    void publishWithoutTheNextVersionIs409() throws SQLException {
        long next = OWNER.nextVersion(hub.baseUri());
        long rowsBefore = rowCount();

        HttpResponse<String> ahead = OWNER.put(hub.baseUri(), OWNER.sign(RuleBaseKeeper.defaultsJson(), next + 5), "owner");

        assertThat(ahead.statusCode()).isEqualTo(409);
        assertThat(json(ahead).path("error").asText()).isEqualTo("version_conflict");
        assertThat(json(ahead).path("expectedVersion").asLong()).isEqualTo(next);
        assertThat(json(ahead).path("message").asText()).contains("only version " + next + " can be published next");
        assertThat(rowCount()).isEqualTo(rowsBefore);

        HttpResponse<String> taken = OWNER.put(hub.baseUri(), OWNER.sign(RuleBaseKeeper.defaultsJson(), next), "owner");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        await("version " + next + " in force").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.current().version() == next);
    }

    @Test
    @Order(6)
    @DisplayName("SEC-306 R14 a body changed after signing (the limits raised) is refused by the hub (403) and by the till")
    void aBodyChangedAfterSigningIsRefused() throws SQLException {
        long good = till.current().version();
        long next = OWNER.nextVersion(hub.baseUri());
        RuleBaseSignature.Signed signed = OWNER.sign(RuleBaseKeeper.defaultsJson(), next);
        RuleBaseSignature.Signed changed = new RuleBaseSignature.Signed(next,
                signed.body().replace("500000", "999999999"), signed.signature());
        assertThat(changed.body()).isNotEqualTo(signed.body());
        long rowsBefore = rowCount();

        HttpResponse<String> answer = OWNER.put(hub.baseUri(), changed, "mallory");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(rowCount()).isEqualTo(rowsBefore);

        writeIntoRedis(changed);
        await("the refusal of version " + next).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> String.valueOf(till.status().lastRefusal()).contains("version " + next + " is not signed"));
        assertThat(till.current().version()).isEqualTo(good);

        // a signed body whose own "version" differs from the number signed is refused too
        String other = RuleBaseJson.write(RuleBaseJson.read(RuleBaseKeeper.defaultsJson()).withVersion(next + 1));
        HttpResponse<String> mismatch = OWNER.put(hub.baseUri(), new RuleBaseSignature.Signed(next, other,
                RuleBaseSignature.sign(OWNER.keys.getPrivate(), TestOwner.STORE, next, other)), "owner");
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(json(mismatch).path("message").asText()).contains("but was signed as version " + next);
        assertThat(rowCount()).isEqualTo(rowsBefore);
    }

    @Test
    @Order(7)
    @DisplayName("SEC-307 R14 rule data over 8 MiB is refused at publish (413) even when signed, and nothing is stored")
    void overEightMebibytesIsRefusedAtPublish() throws SQLException {
        long next = OWNER.nextVersion(hub.baseUri());
        String huge = "{\"rules\": [], \"pad\": \"" + "x".repeat(RuleBaseJson.MAX_BYTES) + "\"}";
        long rowsBefore = rowCount();
        Object redisBefore = redis.call("GET", CURRENT);

        HttpResponse<String> answer = OWNER.put(hub.baseUri(), new RuleBaseSignature.Signed(next, huge,
                RuleBaseSignature.sign(OWNER.keys.getPrivate(), TestOwner.STORE, next, huge)), "owner");

        assertThat(answer.statusCode()).isIn(413, 422);
        assertThat(json(answer).path("message").asText()).contains(Integer.toString(RuleBaseJson.MAX_BYTES));
        assertThat(rowCount()).isEqualTo(rowsBefore);
        assertThat(redis.call("GET", CURRENT)).isEqualTo(redisBefore);
    }

    @Test
    @Order(8)
    @DisplayName("SEC-308 R14 history cleanup deletes versions older than the history kept but never the one in force")
    void historyCleanupKeepsTheOneInForce() throws SQLException {
        long newest = rowMax();
        assertThat(rowCount()).isGreaterThanOrEqualTo(3);
        execute("UPDATE rule_base_versions SET published_at = UTC_TIMESTAMP(3) - INTERVAL 400 DAY");
        execute("UPDATE rule_base_versions SET published_at = UTC_TIMESTAMP(3) - INTERVAL 10 DAY WHERE version = "
                + (newest - 1));
        try (RedisConnections own = RedisConnections.create(redis.uri());
             RedisLink link = new RedisLink(own, "history test");
             MariaDbRuleBaseStore store = MariaDbRuleBaseStore.create(database.jdbcUrl(), database.user(),
                     database.password(), Clock.systemUTC())) {
            RuleBasePublisher publisher = new RuleBasePublisher(RuleRegistry.builtIn(), store,
                    new RedisRuleBaseBoard(link, RuleBaseKeys.DEFAULT),
                    new RuleSigning(OWNER.keys.getPublic(), TestOwner.STORE, Duration.ofDays(365)),
                    RuleBasePublisher.Alarm.LOG_ONLY, Clock.systemUTC());

            int deleted = publisher.cleanUpHistory();

            assertThat(deleted).isEqualTo((int) (newest - 2));
            assertThat(versions()).containsExactly(newest - 1, newest);
            assertThat(publisher.cleanUpHistory()).isZero();
        }
        // the one in force is kept even when it is older than the history
        execute("UPDATE rule_base_versions SET published_at = UTC_TIMESTAMP(3) - INTERVAL 800 DAY");
        try (MariaDbRuleBaseStore store = MariaDbRuleBaseStore.create(database.jdbcUrl(), database.user(),
                database.password(), Clock.systemUTC())) {
            assertThat(store.deletePublishedBefore(java.time.Instant.now().minus(Duration.ofDays(365)))).isEqualTo(1);
        }
        assertThat(versions()).containsExactly(newest);
        assertThat(OWNER.nextVersion(hub.baseUri())).isEqualTo(newest + 1);
    }

    @Test
    @Order(9)
    @DisplayName("SEC-309 R14 a till without the owner's public key keeps its cache or defaults, refuses every update and"
            + " says rule updates are off")
    void aTillWithoutTheOwnerKeyTakesNoUpdates() {
        try (RuleBaseKeeper keyless = keeper(tempDir.resolve("keyless"), connections, RuleBaseTrust.none(TestOwner.STORE))) {
            sleep(700);
            assertThat(keyless.status().source()).isEqualTo(Source.DEFAULTS);
            assertThat(keyless.current().version()).isZero();
            assertThat(keyless.status().lastRefusal()).isEqualTo(
                    "rule updates off: no store owner key configured (pos.rules.ownerPublicKey)");
            assertThat(keyless.status().refusedAt()).isEqualTo(keyless.status().since());
            assertThat(keyless.status().refusal().reason()).isEqualTo(RuleRefusal.Reason.UPDATES_OFF);
        }
        // the documented demo setting takes unsigned updates
        try (RuleBaseKeeper demo = keeper(tempDir.resolve("demo"), connections, RuleBaseTrust.unsignedForDemo())) {
            long inRedis = Long.parseLong((String) redis.call("GET", VERSION));
            await("the demo till has Redis's version " + inRedis).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
                    .until(() -> demo.current().version() == inRedis);
        }
    }

    @Test
    @Order(10)
    @DisplayName("SEC-310 R14 a cached rule base is verified again at start: one edited on disk (unsigned) is refused and"
            + " the defaults are used; the owner-signed cache is used")
    void theCacheIsVerifiedAtStart() {
        Path dir = tempDir.resolve("edited-cache");
        String noLimits = RuleBaseJson.write(RuleBaseJson.read("{\"rules\": []}").withVersion(77));
        try (SqliteRuleBaseCache cache = SqliteRuleBaseCache.open(dir, Clock.systemUTC())) {
            cache.store(77, noLimits, null);
        }
        try (RuleBaseKeeper keeper = keeper(dir, null, OWNER.trust())) {
            assertThat(keeper.status().source()).isEqualTo(Source.DEFAULTS);
            assertThat(keeper.current().version()).isZero();
            assertThat(keeper.status().lastRefusal()).contains("cached rule base version 77 was refused")
                    .contains("not signed by the store owner");
            assertThat(keeper.status().refusal().reason()).isEqualTo(RuleRefusal.Reason.CACHE_REFUSED);
            assertThat(keeper.status().refusal().values()).first().isEqualTo(77L);
        }
        try (SqliteRuleBaseCache cache = SqliteRuleBaseCache.open(dir, Clock.systemUTC())) {
            cache.store(77, noLimits, OWNER.sign(noLimits, 77).signature());
        }
        try (RuleBaseKeeper keeper = keeper(dir, null, OWNER.trust())) {
            assertThat(keeper.status().source()).isEqualTo(Source.CACHE);
            assertThat(keeper.current().version()).isEqualTo(77);
        }
    }

    @Test
    @Order(11)
    @DisplayName("SEC-311 R14 a hub started without the owner's public key refuses every rule base (403) and says which"
            + " option to set")
    void aHubWithoutTheOwnerKeyRefusesPublishing() throws SQLException {
        StoreHub keyless = new StoreHub(settings().build());
        keyless.start();
        try {
            long rowsBefore = rowCount();
            HttpResponse<String> answer = OWNER.publish(keyless.baseUri(), RuleBaseKeeper.defaultsJson(), "owner");
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(json(answer).path("message").asText()).contains("--owner-public-key");
            assertThat(rowCount()).isEqualTo(rowsBefore);
        } finally {
            keyless.stop();
        }
    }

    @Test
    @Order(12)
    @DisplayName("SEC-316 R14 a genuine owner-signed body put under a forged huge version number is refused as a version"
            + " the owner did not sign, and the owner's next version is still taken")
    void aSignedBodyUnderAnotherVersionNumberIsRefused() {
        long good = till.current().version();
        RuleBaseSignature.Signed older = OWNER.sign(RuleBaseKeeper.defaultsJson(), good - 1);
        redis.call("SET", CURRENT, older.body());
        redis.call("SET", SIGNATURE, older.signature());
        redis.call("SET", VERSION, Long.toString(Long.MAX_VALUE));
        redis.call("PUBLISH", CHANGED, Long.toString(Long.MAX_VALUE));

        await("the refusal of the forged version").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> String.valueOf(till.status().lastRefusal()).contains("9223372036854775807 (the data says "
                + (good - 1) + ") is not signed by the store owner"));
        assertThat(till.current().version()).isEqualTo(good);

        HttpResponse<String> next = OWNER.publish(hub.baseUri(), RuleBaseKeeper.defaultsJson(), "owner");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
        await("version " + (good + 1) + " in force").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> till.current().version() == good + 1);
    }

    @Test
    @Order(13)
    @DisplayName("SEC-317 R14 ./pos hub rules publish signs the version the hub says is next; when another publisher"
            + " takes it first (409) it signs the hub's expected version once more and succeeds")
    void theCommandLineRetriesOnceOnAVersionConflict() throws Exception {
        long before = rowMax();
        // a real HTTP relay in front of the real hub: after answering the first GET /rules/version it lets
        // another publisher take that version, so the command's PUT meets a 409
        com.sun.net.httpserver.HttpServer relay = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        List<Integer> putStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        relay.createContext("/", exchange -> {
            java.net.http.HttpRequest.Builder forward = java.net.http.HttpRequest.newBuilder(
                    hub.baseUri().resolve(exchange.getRequestURI().getPath().substring(1)));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (name.startsWith("X-") || name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Authorization")) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            byte[] body = exchange.getRequestBody().readAllBytes();
            forward.method(exchange.getRequestMethod(), body.length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<String> answer = OWNER.send(forward.build());
            if (exchange.getRequestMethod().equals("GET") && raced.compareAndSet(false, true)) {
                assertThat(OWNER.publish(hub.baseUri(), RuleBaseKeeper.defaultsJson(), "the other publisher").statusCode())
                        .isEqualTo(201);
            }
            if (exchange.getRequestMethod().equals("PUT")) {
                putStatuses.add(answer.statusCode());
            }
            byte[] out = answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        relay.start();
        try {
            Path file = tempDir.resolve("retry-rules.json");
            java.nio.file.Files.writeString(file, RuleBaseKeeper.defaultsJson().replace("\"limit\": 500000", "\"limit\": 321000"));
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int exit = new picocli.CommandLine(new pos.hub.rules.RuleBaseMain()).setOut(new java.io.PrintWriter(out))
                    .setErr(new java.io.PrintWriter(err)).execute("publish", file.toString(), "--hub",
                            "http://127.0.0.1:" + relay.getAddress().getPort() + "/", "--key",
                            OWNER.writePrivateKey(tempDir).toString());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(putStatuses).containsExactly(409, 201);
            assertThat(err.toString()).contains("version " + (before + 1) + " was taken meanwhile; signing version "
                    + (before + 2) + " instead");
            assertThat(out.toString()).contains("published rule base version " + (before + 2));
            assertThat(rowMax()).isEqualTo(before + 2);
            await("version " + (before + 2) + " in force").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> till.current().version() == before + 2);
            assertThat(String.valueOf(redis.call("GET", CURRENT))).contains("321000");
        } finally {
            relay.stop(0);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    private HubSettings.Builder settings() {
        return HubSettings.builder()
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(URI.create("http://127.0.0.1:9/"))
                .notifyKeys(Map.of("k1", "s1"));
    }

    private static RuleBaseKeeper keeper(Path dataDir, RedisConnections redisOrNull, RuleBaseTrust trust) {
        return RuleBaseKeeper.start(RuleRegistry.builtIn(), SqliteRuleBaseCache.open(dataDir, Clock.systemUTC()), true,
                redisOrNull, RuleBaseKeys.DEFAULT, Duration.ofHours(1), Clock.systemUTC(), trust);
    }

    /** What someone with access to the store's Redis (but not to the owner's key) can do. */
    private void writeIntoRedis(RuleBaseSignature.Signed signed) {
        redis.call("SET", CURRENT, signed.body());
        redis.call("SET", VERSION, Long.toString(signed.version()));
        redis.call("SET", SIGNATURE, signed.signature());
        redis.call("PUBLISH", CHANGED, Long.toString(signed.version()));
    }

    private long cachedVersion(Path dataDir) {
        try (SqliteRuleBaseCache cache = SqliteRuleBaseCache.open(dataDir, Clock.systemUTC())) {
            return cache.load().map(SqliteRuleBaseCache.Cached::version).orElse(-1L);
        }
    }

    private long rowCount() throws SQLException {
        return scalar("SELECT COUNT(*) FROM rule_base_versions");
    }

    private long rowMax() throws SQLException {
        return scalar("SELECT COALESCE(MAX(version), 0) FROM rule_base_versions");
    }

    private List<Long> versions() throws SQLException {
        List<Long> versions = new ArrayList<>();
        try (Connection c = database.openConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM rule_base_versions ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getLong(1));
            }
        }
        return versions;
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = database.openConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.openConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
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
