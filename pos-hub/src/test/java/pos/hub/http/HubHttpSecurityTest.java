package pos.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pos.contract.auth.TillCredential;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.redis.RedisConnections;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.sale.TransactionId;
import pos.hub.HubMain;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.hub.tills.MariaDbTillRegistry;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The hub's HTTP surface as the attacker on the store network of issue 10 sees it: one test per
 * attack, against a real hub on a loopback port with real Redis and MariaDB.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Hub HTTP: the trust boundary against hostile callers (issue 10)")
class HubHttpSecurityTest {

    static final String OWNER_TOKEN = "owner-token-0123456789-abcdefghij";
    static final String SHOP_ORIGIN = "https://pay.shop.example";

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    Path dir;

    private StoreHub hub;
    private MariaDbTillRegistry registry;
    private TillCredential till;
    private RedisConnections connections;
    private RedisPendingPayments pending;
    private final TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void startHub() {
        registry = MariaDbTillRegistry.create(database.jdbcUrl(), database.user(), database.password(), Clock.systemUTC(),
                Duration.ofMillis(500));
        till = registry.issue("till-7");
        hub = new StoreHub(settings(HttpSecurity.DEFAULTS.withOwnerToken(OWNER_TOKEN).withAllowedOrigins(Set.of(SHOP_ORIGIN))
                .withTillRefresh(Duration.ofMillis(500)).withCustomerRate(1_000, 1_000)));
        hub.start();
        connections = RedisConnections.create(redis.uri());
        pending = new RedisPendingPayments(connections);
    }

    /** The store owner's rule-signing key: the hub knows its public half. */
    static final java.security.KeyPair OWNER_KEY = pos.contract.auth.Ed25519.generate();

    HubSettings settings(HttpSecurity security) {
        return HubSettings.builder()
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(URI.create("http://127.0.0.1:9/"))
                .notifyKeys(Map.of("key-1", "secret-1"))
                .reconcileEvery(Duration.ofHours(1))
                .ruleSigning(pos.hub.rules.RuleSigning.NONE.withOwnerPublicKey(OWNER_KEY.getPublic()))
                .http(security)
                .build();
    }

    @AfterAll
    void stopHub() {
        if (hub != null) {
            hub.stop();
        }
        if (pending != null) {
            pending.close();
        }
        if (connections != null) {
            connections.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @DisplayName("SEC-101 GET /people without a till credential answers 401 and no PIN hash; a till gets the people")
    void peopleNeedATillCredential() throws Exception {
        HttpResponse<String> anonymous = get("people", null);
        HttpResponse<String> owner = get("people", OWNER_TOKEN);
        HttpResponse<String> withTill = get("people", till.text());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContainIgnoringCase("pinHash").doesNotContain("clerks")
                .contains("a till's credential");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(owner.statusCode()).as("the owner is not a till").isEqualTo(403);
        assertThat(withTill.statusCode()).as(withTill.body()).isEqualTo(200);
        assertThat(withTill.body()).contains("\"clerks\"");
    }

    @Test
    @DisplayName("SEC-102 a revoked till credential is refused (401) within a few seconds of ./pos hub tills revoke")
    void revokedTillIsRefusedWithinSeconds() throws Exception {
        TillCredential doomed = registry.issue("till-doomed");
        awaitStatus("people", doomed.text(), 200, Duration.ofSeconds(5));

        assertThat(registry.revoke("till-doomed")).isTrue();
        long revokedAt = System.nanoTime();
        HttpResponse<String> refused = awaitStatus("people", doomed.text(), 401, Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(refused.body()).contains("till-doomed").contains("revoked").doesNotContain(doomed.text());
        assertThat(registry.list()).anySatisfy(t -> {
            assertThat(t.tillId()).isEqualTo("till-doomed");
            assertThat(t.revokedAt()).isNotNull();
        });
        assertThat(get("people", till.text()).statusCode()).as("the other till still works").isEqualTo(200);
    }

    @Test
    @DisplayName("SEC-103 R14 rule data as a browser's text/plain POST is refused (415), so is any without the owner's token"
            + " (401); nothing is published")
    void textPlainRulePublishingIsRefused() throws Exception {
        long before = publishedVersions();
        String rules = "{\"rules\": []}";

        HttpResponse<String> textPlainOwner = send(HttpRequest.newBuilder(hub.baseUri().resolve("rules"))
                .header("Authorization", "Bearer " + OWNER_TOKEN).header("Content-Type", "text/plain")
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(rules)).build());
        HttpResponse<String> textPlainAnonymous = send(HttpRequest.newBuilder(hub.baseUri().resolve("rules"))
                .header("Content-Type", "text/plain").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(rules)).build());
        HttpResponse<String> jsonByTill = send(HttpRequest.newBuilder(hub.baseUri().resolve("rules"))
                .header("Authorization", "Bearer " + till.text()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(rules)).build());

        assertThat(textPlainOwner.statusCode()).isEqualTo(415);
        assertThat(textPlainOwner.body()).contains("application/json").contains("nothing was changed");
        assertThat(textPlainAnonymous.statusCode()).isEqualTo(401);
        assertThat(jsonByTill.statusCode()).as("a till may not publish rules").isEqualTo(403);
        assertThat(publishedVersions()).isEqualTo(before);

        // the owner's token lets the request in; the owner's signature makes it the store's rule base (SEC-3xx)
        pos.contract.rules.RuleBaseSignature.Signed signed = pos.contract.rules.RuleBaseSignature.sign(OWNER_KEY.getPrivate(),
                pos.hub.rules.RuleSigning.DEFAULT_STORE_ID, before + 1, pos.contract.rules.RuleBaseJson.read(rules));
        HttpResponse<String> byOwner = send(HttpRequest.newBuilder(hub.baseUri().resolve("rules"))
                .header("Authorization", "Bearer " + OWNER_TOKEN).header("Content-Type", "application/json")
                .header("X-Rule-Base-Version", Long.toString(signed.version()))
                .header("X-Rule-Base-Signature", signed.signature())
                .PUT(HttpRequest.BodyPublishers.ofString(signed.body())).build());
        assertThat(byOwner.statusCode()).as(byOwner.body()).isEqualTo(201);
        assertThat(publishedVersions()).isEqualTo(before + 1);
        assertThat(get("rules", till.text()).statusCode()).as("a till reads the rules").isEqualTo(200);
        assertThat(get("rules", null).statusCode()).as("anybody does not").isEqualTo(401);
    }

    @Test
    @DisplayName("SEC-104 a request from a foreign origin gets no CORS allow header and no preflight; a configured origin does")
    void corsOnlyForConfiguredOrigins() throws Exception {
        String tx = openOrder();
        HttpResponse<String> foreign = send(HttpRequest.newBuilder(hub.baseUri().resolve("payments/" + tx))
                .header("Origin", "http://evil.example").GET().build());
        HttpResponse<String> shop = send(HttpRequest.newBuilder(hub.baseUri().resolve("payments/" + tx))
                .header("Origin", SHOP_ORIGIN).GET().build());
        HttpResponse<String> foreignPreflight = send(HttpRequest.newBuilder(hub.baseUri().resolve("rules"))
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "PUT")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> shopPreflight = send(HttpRequest.newBuilder(hub.baseUri().resolve("payments/" + tx))
                .header("Origin", SHOP_ORIGIN).header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(shop.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
        assertThat(foreignPreflight.statusCode()).isEqualTo(403);
        assertThat(foreignPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreignPreflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
        assertThat(shopPreflight.statusCode()).isEqualTo(204);
        assertThat(shopPreflight.headers().firstValue("Access-Control-Allow-Methods")).isPresent();
    }

    @Test
    @DisplayName("SEC-105 a request naming another Host (DNS rebinding) is refused with 421 and never reaches a route")
    void wrongHostIsRefused() throws Exception {
        RawHttp.Answer rebound = RawHttp.exchange(hub.port(), "GET /people HTTP/1.1\r\nHost: evil.example:" + hub.port()
                + "\r\nAuthorization: Bearer " + till.text() + "\r\nConnection: close\r\n\r\n");
        RawHttp.Answer own = RawHttp.exchange(hub.port(), "GET /people HTTP/1.1\r\nHost: 127.0.0.1:" + hub.port()
                + "\r\nAuthorization: Bearer " + till.text() + "\r\nConnection: close\r\n\r\n");

        assertThat(rebound.status()).isEqualTo(421);
        assertThat(rebound.body()).contains("evil.example").doesNotContain("clerks");
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("SEC-106 R3 a customer polling /payments/{tx} too fast gets 429 with Retry-After; a till is still answered in"
            + " full, a customer only the status")
    void customersAreRateLimitedAndSeeOnlyTheStatus() throws Exception {
        StoreHub main = hub;
        hub = new StoreHub(settings(HttpSecurity.DEFAULTS.withOwnerToken(OWNER_TOKEN).withCustomerRate(5, 0.5)
                .withTillRefresh(Duration.ofMillis(500))));
        hub.start();
        try {
            customersOfThisHubAreRateLimited();
        } finally {
            hub.stop();
            hub = main;
        }
    }

    private void customersOfThisHubAreRateLimited() throws Exception {
        String tx = openOrder();
        HttpResponse<String> first = get("payments/" + tx, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"PENDING\"").doesNotContain("amountMinor").doesNotContain("till-")
                .doesNotContain("method");

        int limited = 0;
        HttpResponse<String> last = first;
        for (int i = 0; i < 20; i++) {
            last = get("payments/" + tx, null);
            if (last.statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("most of 20 quick polls beyond the burst of 5").isGreaterThanOrEqualTo(14);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());

        HttpResponse<String> tillAnswer = get("payments/" + tx, till.text());
        assertThat(tillAnswer.statusCode()).isEqualTo(200);
        assertThat(tillAnswer.body()).contains("\"amountMinor\":1250").contains("\"currency\":\"EUR\"");
    }

    @Test
    @DisplayName("SEC-107 /metrics and /health answer loopback callers and the owner; /alerts needs a till or the owner")
    void operationsRoutes() throws Exception {
        assertThat(get("health", null).statusCode()).isIn(200, 503);
        assertThat(get("metrics", null).statusCode()).isEqualTo(200);
        assertThat(get("alerts", null).statusCode()).isEqualTo(401);
        assertThat(get("alerts", till.text()).statusCode()).isEqualTo(200);
        assertThat(get("alerts", "not-a-credential-at-all").statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("SEC-108 ./pos hub --listen 0.0.0.0:0 without credentials exits non-zero naming --owner-token-file and"
            + " --tls-keystore, and opens nothing")
    void reachableAddressWithoutCredentialsRefusesToStart() {
        Run run = hubMain(Map.of(), "--listen", "0.0.0.0:0");

        assertThat(run.exit).isNotZero();
        assertThat(run.err).contains("--owner-token-file").contains("--tls-keystore").contains("0.0.0.0")
                .contains("nothing was started");
    }

    @Test
    @DisplayName("SEC-109 a group-readable owner token file is refused with the chmod that fixes it, and the token is not shown")
    void ownerTokenFileMustBeOwnerOnly() throws Exception {
        Path token = dir.resolve("owner.token");
        Files.writeString(token, OWNER_TOKEN);
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));

        Run run = hubMain(Map.of(), "--listen", "0.0.0.0:0", "--owner-token-file", token.toString(), "--plain-http");

        assertThat(run.exit).isNotZero();
        assertThat(run.err).contains("chmod 600 " + token).doesNotContain(OWNER_TOKEN);
    }

    // --- helpers ---------------------------------------------------------------------------------

    record Run(int exit, String err) {
    }

    Run hubMain(Map<String, String> environment, String... extra) {
        String[] base = {"--redis", redis.uri(), "--mariadb", database.jdbcUrl(), "--user", database.user(),
                "--gateway-url", "http://127.0.0.1:9/", "--gateway-key-id", "k", "--gateway-secret", "s"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        HubMain main = new HubMain().withEnvironment(environment);
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(main).execute(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private String openOrder() {
        TransactionId id = ids.next();
        String tx = id.value();
        pending.add(new PaymentOrder(id, "till-7", PaymentMethod.QR_SHOWN, Money.ofMinor(1250, "EUR"),
                "2 items", Instant.now()), null);
        return tx;
    }

    private long publishedVersions() throws Exception {
        try (Connection c = database.openConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM rule_base_versions")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLSyntaxErrorException e) {
            return 0; // the table is created with the first publish
        }
    }

    private HttpResponse<String> awaitStatus(String path, String bearer, int status, Duration within) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            return await("GET /" + path + " to answer " + status).atMost(within).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        last.set(get(path, bearer));
                        return last.get();
                    }, answer -> answer.statusCode() == status);
        } catch (ConditionTimeoutException e) {
            HttpResponse<String> answer = last.get();
            throw new AssertionError("GET /" + path + " did not answer " + status + " within " + within + "; last: "
                    + (answer == null ? "none" : answer.statusCode() + " " + answer.body()), e);
        }
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.baseUri().resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
