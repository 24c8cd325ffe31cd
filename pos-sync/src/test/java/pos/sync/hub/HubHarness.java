package pos.sync.hub;

import pos.gateway.sandboxapi.NotificationVerifier;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import pos.core.money.Money;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.QrOrder;
import pos.core.pay.RefundAnswer;
import pos.core.sale.TransactionId;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.hub.archive.ArchiverSettings;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.contract.pay.PaymentKeys;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.TestSales;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * What a store hub test needs: the sandbox gateway server in-process on a real socket, a gateway
 * client that counts its calls, Redis helpers, HTTP helpers and hubs started on free ports (all
 * stopped on close). Not thread-safe except {@link CountingGateway}.
 */
final class HubHarness implements AutoCloseable {

    private static final AtomicLong RUNS = new AtomicLong(System.nanoTime());

    final SandboxGateway sandbox;
    final CountingGateway gateway;
    final RedisConnections connections;
    final StatefulRedisConnection<String, String> connection;
    final RedisCommands<String, String> redis;
    final RedisPendingPayments pending;
    final RedisResultBoard board;
    /** The store's hub key: every hub of a store signs results with the same one, so each can check the others'. */
    final java.security.KeyPair hubKeys = pos.contract.auth.Ed25519.generate();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final RedisProcess redisProcess;
    private final TestDatabase database;
    private final long run = RUNS.incrementAndGet();
    private final AtomicInteger nextSale = new AtomicInteger();
    private final List<StoreHub> hubs = new ArrayList<>();

    HubHarness(RedisProcess redisProcess, TestDatabase database, Path sandboxDir) {
        this(redisProcess, database, sandboxDir, Duration.ofSeconds(2));
    }

    HubHarness(RedisProcess redisProcess, TestDatabase database, Path sandboxDir, Duration gatewayTimeout) {
        this.redisProcess = redisProcess;
        this.database = database;
        this.sandbox = SandboxGateway.builder().dataDir(sandboxDir).fastRetries(200).build().start();
        this.gateway = new CountingGateway(new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(1), gatewayTimeout,
                Duration.ofMinutes(2), null));
        this.connections = RedisConnections.create(redisProcess.uri());
        this.connection = connections.connect();
        this.redis = connection.sync();
        this.pending = new RedisPendingPayments(connections);
        this.board = new RedisResultBoard(connections);
    }

    /** Settings for a hub on a free port with quick periods; tests change what they test. */
    HubSettings.Builder settings(String consumer) {
        return HubSettings.builder().tillKeys(pos.sync.testing.TestTills.KEYS)
                .redis(redisProcess.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .reconcileEvery(Duration.ofMillis(300))
                .monitorEvery(Duration.ofMillis(200))
                .queryWait(Duration.ofSeconds(3))
                .resultKey(hubKeys.getPrivate())
                .archiver(ArchiverSettings.defaults(consumer).withPeriod(Duration.ofMillis(200))
                        .withClaimMinIdle(Duration.ofSeconds(2)));
    }

    StoreHub startHub(HubSettings settings) {
        StoreHub hub = new StoreHub(settings, gateway, Clock.systemUTC());
        hubs.add(hub);
        hub.start();
        return hub;
    }

    /** A hub that reaches the sandbox through {@code through} and keeps time by {@code clock} (a test's own). */
    StoreHub startHub(HubSettings settings, PaymentGateway through, Clock clock) {
        StoreHub hub = new StoreHub(settings, through, clock);
        hubs.add(hub);
        hub.start();
        return hub;
    }

    StoreHub startHub(UnaryOperator<HubSettings.Builder> change) {
        return startHub(change.apply(settings("hub-" + (hubs.size() + 1))).build());
    }

    /** A QR order of 12.50 EUR first tried {@code age} ago, with a fresh transaction id. */
    PaymentOrder newOrder(Duration age) {
        return new PaymentOrder(new TransactionId(TestSales.transactionId(run, nextSale.incrementAndGet())), "till-1",
                PaymentMethod.QR_SHOWN, Money.ofMinor(1250, "EUR"), "Store 12 · 2 items", Instant.now().minus(age));
    }

    /** What a till does for a QR payment: pending queue first (R7), then the order at the gateway, notifying {@code hub}. */
    QrOrder openQrOrder(PaymentOrder order, StoreHub hub) {
        pending.add(order, null);
        QrOrder qr = gateway.createQrOrder(order, notifyUrl(hub));
        pending.add(order, qr.codeUrl());
        return qr;
    }

    static String notifyUrl(StoreHub hub) {
        return hub.baseUri().resolve("notify/sandbox").toString();
    }

    /** The customer scans the code and pays (the sandbox's test control). */
    void customerPays(QrOrder qr) {
        HttpResponse<String> paid = send(HttpRequest.newBuilder(sandbox.baseUri().resolve("sandbox/pay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code_url\":\"" + qr.codeUrl() + "\"}")).build());
        if (paid.statusCode() != 200) {
            throw new IllegalStateException("the sandbox refused the payment of " + qr.outTradeNo() + ": " + paid.body());
        }
    }

    void knobs(UnaryOperator<Knobs> change) {
        sandbox.updateKnobs(change);
    }

    HttpResponse<String> get(StoreHub hub, String path) {
        return send(HttpRequest.newBuilder(hub.baseUri().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** POSTs a notification body signed now with the sandbox's key, or with the given headers changed. */
    HttpResponse<String> notify(StoreHub hub, String body, UnaryOperator<Map<String, String>> tamper) {
        return notify(hub, body, body, tamper);
    }

    /** POSTs {@code sentBody} with the headers of {@code signedBody}: a body changed after signing. */
    HttpResponse<String> notify(StoreHub hub, String signedBody, String sentBody, UnaryOperator<Map<String, String>> tamper) {
        String body = signedBody;
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "n" + System.nanoTime();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(NotificationVerifier.KEY_ID_HEADER, SandboxGateway.DEFAULT_KEY_ID);
        headers.put(NotificationVerifier.TIMESTAMP_HEADER, timestamp);
        headers.put(NotificationVerifier.NONCE_HEADER, nonce);
        headers.put(NotificationVerifier.SIGNATURE_HEADER,
                NotificationVerifier.signature(SandboxGateway.DEFAULT_SECRET, timestamp, nonce, bytes));
        headers = tamper.apply(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.baseUri().resolve("notify/sandbox"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sentBody.getBytes(StandardCharsets.UTF_8)));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A TRANSACTION.SUCCESS notification body like the sandbox's. */
    static String successBody(PaymentOrder order) {
        return "{\"id\":\"evt-" + order.outTradeNo() + "\",\"event_type\":\"TRANSACTION.SUCCESS\",\"out_trade_no\":\""
                + order.outTradeNo() + "\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":"
                + order.amount().minorUnits() + ",\"currency\":\"EUR\"},\"transaction_id\":\"4200001\","
                + "\"success_time\":\"2026-11-22T08:00:00Z\"}";
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The board's status of {@code order}, or "NONE". */
    String status(PaymentOrder order) {
        return board.get(order.outTradeNo()).map(r -> r.status().name()).orElse("NONE");
    }

    boolean isPending(PaymentOrder order) {
        return pending.contains(order.outTradeNo());
    }

    static PaymentKeys keys() {
        return PaymentKeys.DEFAULT;
    }

    @Override
    public void close() {
        for (StoreHub hub : hubs) {
            hub.stop();
        }
        board.close();
        pending.close();
        connection.close();
        connections.close();
        sandbox.close();
    }

    /** A gateway client that counts its calls and can hold query answers back; calls the real sandbox server. */
    static final class CountingGateway implements PaymentGateway {
        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger reverses = new AtomicInteger();
        private final PaymentGateway real;
        private volatile CountDownLatch holdQueryAnswers;

        CountingGateway(PaymentGateway real) {
            this.real = real;
        }

        /** Query answers wait (after the real query was answered) until the returned latch is counted down. */
        CountDownLatch holdQueryAnswers() {
            CountDownLatch latch = new CountDownLatch(1);
            holdQueryAnswers = latch;
            return latch;
        }

        @Override
        public QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
            return real.createQrOrder(order, notifyUrl);
        }

        @Override
        public GatewayAnswer payByCode(PaymentOrder order, String authCode) {
            return real.payByCode(order, authCode);
        }

        @Override
        public GatewayAnswer payByCard(PaymentOrder order, pos.core.pay.CardCharge charge) {
            return real.payByCard(order, charge);
        }

        @Override
        public GatewayAnswer query(String outTradeNo) {
            queries.incrementAndGet();
            GatewayAnswer answer = real.query(outTradeNo);
            CountDownLatch hold = holdQueryAnswers;
            if (hold != null) {
                try {
                    hold.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return answer;
        }

        @Override
        public GatewayAnswer close(String outTradeNo) {
            closes.incrementAndGet();
            return real.close(outTradeNo);
        }

        @Override
        public GatewayAnswer reverse(String outTradeNo) {
            reverses.incrementAndGet();
            return real.reverse(outTradeNo);
        }

        @Override
        public RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason) {
            return real.refund(outTradeNo, refundNo, refund, total, reason);
        }
    }
}
