package pos.sync.voucher;

import pos.contract.voucher.RedisVoucherRedemption;
import pos.contract.voucher.VoucherRedisKeys;
import pos.hub.voucher.IssuedVoucher;
import pos.hub.voucher.MariaDbVoucherStore;
import pos.hub.voucher.VoucherIssuer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pos.core.money.Money;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherCodec;
import pos.core.voucher.VoucherKeys;
import pos.hub.archive.ArchiverSettings;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.contract.redis.RedisConnections;

/**
 * What a voucher test needs: Redis connections, the MariaDB voucher store, an issuer with the
 * sandbox key, a store hub started in-process on a free port (its archiver moves successes into
 * MariaDB), and HTTP helpers. Everything is closed by {@link #close()}. Not thread-safe except
 * {@link #query} and the Redis connections.
 */
final class VoucherFixture implements AutoCloseable {

    static final String STORE = "store-1";
    static final Instant EXPIRY = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static final VoucherBenefit TEN_EUR = new VoucherBenefit.AmountOff(Money.ofMinor(1000, "EUR"));
    private static final ObjectMapper JSON = new ObjectMapper();

    final RedisConnections connections;
    final StatefulRedisConnection<String, String> connection;
    final RedisCommands<String, String> redis;
    final MariaDbVoucherStore store;
    final VoucherIssuer issuer;
    final VoucherCodec codec = new VoucherCodec(VoucherKeys.sandbox());
    final StoreHub hub;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    VoucherFixture(String redisUri, String jdbcUrl, String user, String password) {
        connections = RedisConnections.create(redisUri);
        connection = connections.connect();
        redis = connection.sync();
        store = MariaDbVoucherStore.create(jdbcUrl, user, password, 4, Clock.systemUTC());
        issuer = new VoucherIssuer(VoucherKeys.sandbox(), store, connections, VoucherRedisKeys.DEFAULT, Clock.systemUTC());
        hub = new StoreHub(HubSettings.builder().tillKeys(pos.sync.testing.TestTills.KEYS)
                .redis(redisUri)
                .mariaDb(jdbcUrl, user, password)
                .listen("127.0.0.1", 0)
                .gateway(URI.create("http://127.0.0.1:9/"))
                .notifyKeys(Map.of("unused-key", "unused-secret"))
                .reconcileEvery(Duration.ofHours(1))
                .monitorEvery(Duration.ofSeconds(5))
                .archiver(ArchiverSettings.defaults("voucher-hub").withPeriod(Duration.ofMillis(100)))
                .build());
        hub.start();
        // The hub's voucher archiver creates its stream (and group) in the background as it starts: wait for it, so
        // that a snapshot taken next is not changed by the hub's own start-up under a busy machine.
        pos.sync.testing.Await.await("the hub's voucher archiver has created its stream").atMost(Duration.ofSeconds(30))
                .until(() -> redis.exists(VoucherRedisKeys.DEFAULT.redeemedStream()) == 1L);
    }

    List<IssuedVoucher> issue(int count, String storeId) {
        return issuer.issue(count, TEN_EUR, "cust-", EXPIRY, storeId);
    }

    RedisVoucherRedemption redemption(String storeId) {
        return new RedisVoucherRedemption(connections, storeId);
    }

    /** GET /vouchers/{id} at the hub: status code and JSON body. */
    Answer query(String voucherId) {
        URI uri = hub.baseUri().resolve("vouchers/" + URLEncoder.encode(voucherId, StandardCharsets.UTF_8).replace("+", "%20"));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    record Answer(int status, JsonNode body) {
    }

    /** Every key in Redis with its type and content, to prove that something changed nothing. */
    Map<String, String> redisSnapshot() {
        Map<String, String> snapshot = new TreeMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.limit(1000));
            for (String key : page.getKeys()) {
                if (!key.startsWith("pos:voucher")) {
                    continue; // the hub's own keys (alerts, metrics) change by themselves
                }
                String type = redis.type(key);
                String content = switch (type) {
                    case "hash" -> new TreeMap<>(redis.hgetall(key)).toString();
                    case "string" -> redis.get(key);
                    case "stream" -> "xlen " + redis.xlen(key);
                    default -> type;
                };
                snapshot.put(key, type + " " + content);
            }
            cursor = page;
        } while (!cursor.isFinished());
        return snapshot;
    }

    @Override
    public void close() {
        hub.stop();
        store.close();
        connection.close();
        connections.close();
    }
}
