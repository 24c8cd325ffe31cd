package pos.bench.hub;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.bench.Comparison;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisConnections;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.sale.TransactionId;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.NotificationVerifier;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.hub.archive.ArchiverSettings;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The store hub's two hot HTTP paths against a bare Javalin endpoint in the same run (DESIGN §5:
 * ratios, not absolute figures):
 * <ol>
 *   <li>payment-status answers/s: {@code GET /payments/{tx}} of settled payments (the tills' 2 s
 *       poll and the customer's page, R22), next to a bare Javalin route answering a constant JSON;</li>
 *   <li>signed notifications/s end to end: {@code POST /notify/sandbox} with the gateway's
 *       HMAC-signed body, each for an open order of its own, answered only after the signature was
 *       checked, the result moved forward in Redis by the compare-and-set script and published; next
 *       to a bare Javalin route that reads the same body and answers 200. After each round every
 *       notified payment is checked PAID in Redis, or the run fails.</li>
 * </ol>
 * Both sides are driven by the same client threads (java.net.http, HTTP/1.1 keep-alive), on
 * loopback, after a warm-up round; each figure is the median of the rounds. Not thread-safe (a
 * command-line program).
 *
 * <pre>
 * ./pos bench hub [--threads 16] [--requests 20000] [--rounds 5]
 * </pre>
 */
public final class HubBench {

    private static final Logger log = LoggerFactory.getLogger(HubBench.class);
    private static final String CONSTANT = "{\"transactionId\":\"01JDBENCH00000000000000000\",\"status\":\"PAID\"}";

    /** The figures of one run. */
    public record Result(Comparison status, Comparison notifications, long notifiedAndPaid) {
    }

    private HubBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = intOption(args, "--threads", 16);
        int requests = intOption(args, "--requests", 20_000);
        int rounds = intOption(args, "--rounds", 5);
        long started = System.nanoTime();
        Result result = measure(threads, requests, rounds);
        print(System.out, threads, requests, rounds, result, (System.nanoTime() - started) / 1_000_000_000L);
        System.exit(0);
    }

    /** Prints the figures as a small table. */
    public static void print(PrintStream out, int threads, int requests, int rounds, Result r, long seconds) {
        out.println();
        out.printf(Locale.ROOT, "Store hub vs. a bare Javalin endpoint (median of %d rounds after a warm-up; %d client threads;"
                + " %d requests a round; loopback; run took %d s)%n", rounds, threads, requests, seconds);
        out.println("Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        String rule = "-".repeat(104);
        out.println(rule);
        out.printf(Locale.ROOT, "%-64s %14s %10s   %s%n", "measurement", "per second", "ours/raw", "min .. max");
        out.println(rule);
        row(out, "GET /payments/{tx} (settled payments, from Redis)", "bare Javalin GET answering a constant", r.status());
        row(out, "POST /notify/sandbox (signature checked, CAS in Redis, published)", "bare Javalin POST reading the body",
                r.notifications());
        out.println(rule);
        out.printf(Locale.ROOT, "notified payments found PAID in Redis after the rounds: %d%n", r.notifiedAndPaid());
    }

    private static void row(PrintStream out, String ours, String raw, Comparison c) {
        out.printf(Locale.ROOT, "%-64s %14s %10s   %s%n", ours, Comparison.perSecond(c.ours()), "", c.oursRange());
        out.printf(Locale.ROOT, "%-64s %14s %10s   %s%n", "    " + raw, Comparison.perSecond(c.raw()), "", c.rawRange());
        out.printf(Locale.ROOT, "%-64s %14s %10.2f   %s%n", "    ratio (median of the rounds' ratios)", "", c.ratio(),
                c.ratioRange());
    }

    /** Starts Redis, MariaDB, the sandbox gateway, a hub and a bare Javalin app, and measures both paths. */
    public static Result measure(int threads, int requests, int rounds) throws Exception {
        Path work = Files.createTempDirectory("pos-hub-bench");
        log.info("Starting redis-server, mariadbd (pos-testkit), the sandbox gateway, a store hub and a bare Javalin app");
        try (RedisProcess redis = new RedisProcess().start();
                MariaDbProcess mariadb = new MariaDbProcess().start();
                SandboxGateway sandbox = SandboxGateway.builder().dataDir(work.resolve("sandbox")).build().start();
                RedisConnections connections = RedisConnections.create(redis.uri());
                RedisPendingPayments pending = new RedisPendingPayments(connections);
                RedisResultBoard board = new RedisResultBoard(connections)) {
            TestDatabase db = mariadb.createTestDatabase();
            HubSettings settings = HubSettings.builder()
                    .redis(redis.uri())
                    .mariaDb(db.jdbcUrl(), db.user(), db.password())
                    .listen("127.0.0.1", 0)
                    .gateway(sandbox.baseUri())
                    .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                    .queryAfter(Duration.ofHours(1)) // the status path measured is the read, never a gateway query
                    .reconcileEvery(Duration.ofHours(1)) // the bench's orders exist only in Redis: no reconciler queries
                    .pendingThreshold(Duration.ofHours(1))
                    .archiver(ArchiverSettings.defaults("bench-hub"))
                    .build();
            StoreHub hub = new StoreHub(settings, new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(2),
                    Duration.ofSeconds(5), Duration.ofMinutes(2), null), Clock.systemUTC());
            Javalin bare = Javalin.create(config -> config.showJavalinBanner = false)
                    .get("/const/{tx}", ctx -> ctx.contentType("application/json").result(CONSTANT))
                    .post("/const", ctx -> {
                        ctx.bodyAsBytes();
                        ctx.contentType("application/json").result("{\"code\":\"SUCCESS\"}");
                    })
                    .start("127.0.0.1", 0);
            hub.start();
            try {
                URI hubUri = hub.baseUri();
                URI bareUri = URI.create("http://127.0.0.1:" + bare.port() + "/");
                TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());
                HttpClient[] clients = clients(threads);

                // settled payments for the status path: notified once through the hub itself
                List<PaymentOrder> settled = orders(ids, Math.min(requests, 2_000), pending);
                double warm = send(clients, settled.size(), i -> notification(hubUri, settled.get(i)), 200);
                log.info("Settled {} payments for the status rounds ({} notifications/s while warming up)", settled.size(),
                        Comparison.perSecond(warm));
                for (PaymentOrder order : settled) {
                    if (board.get(order.outTradeNo()).map(r -> r.status() != PaymentStatus.SUCCESS).orElse(true)) {
                        throw new IllegalStateException("the hub did not settle " + order.outTradeNo() + " in the warm-up");
                    }
                }
                send(clients, requests / 4, i -> statusRequest(hubUri, settled.get(i % settled.size())), 200);
                send(clients, requests / 4, i -> HttpRequest.newBuilder(bareUri.resolve("const/x" + i)).GET().build(), 200);

                double[] statusOurs = new double[rounds];
                double[] statusRaw = new double[rounds];
                double[] notifyOurs = new double[rounds];
                double[] notifyRaw = new double[rounds];
                long paid = 0;
                for (int r = 0; r < rounds; r++) {
                    List<PaymentOrder> open = orders(ids, requests, pending);
                    List<HttpRequest> signed = new ArrayList<>(requests);
                    for (PaymentOrder order : open) {
                        signed.add(notification(hubUri, order));
                    }
                    List<HttpRequest> bareNotify = new ArrayList<>(requests);
                    for (HttpRequest request : signed) {
                        bareNotify.add(HttpRequest.newBuilder(bareUri.resolve("const")).header("Content-Type", "application/json")
                                .POST(request.bodyPublisher().orElseThrow()).build());
                    }
                    boolean oursFirst = r % 2 == 0;
                    if (oursFirst) {
                        statusOurs[r] = send(clients, requests, i -> statusRequest(hubUri, settled.get(i % settled.size())), 200);
                        statusRaw[r] = send(clients, requests, i -> HttpRequest.newBuilder(bareUri.resolve("const/t" + i)).GET().build(), 200);
                        notifyOurs[r] = send(clients, requests, signed::get, 200);
                        notifyRaw[r] = send(clients, requests, bareNotify::get, 200);
                    } else {
                        statusRaw[r] = send(clients, requests, i -> HttpRequest.newBuilder(bareUri.resolve("const/t" + i)).GET().build(), 200);
                        statusOurs[r] = send(clients, requests, i -> statusRequest(hubUri, settled.get(i % settled.size())), 200);
                        notifyRaw[r] = send(clients, requests, bareNotify::get, 200);
                        notifyOurs[r] = send(clients, requests, signed::get, 200);
                    }
                    for (PaymentOrder order : open) {
                        if (board.get(order.outTradeNo()).map(x -> x.status() == PaymentStatus.SUCCESS).orElse(false)) {
                            paid++;
                        } else {
                            throw new IllegalStateException("a notified payment is not PAID in Redis: " + order.outTradeNo());
                        }
                    }
                    log.info("Round {}: status {}/s vs {}/s, notifications {}/s vs {}/s", r, Comparison.perSecond(statusOurs[r]),
                            Comparison.perSecond(statusRaw[r]), Comparison.perSecond(notifyOurs[r]),
                            Comparison.perSecond(notifyRaw[r]));
                }
                return new Result(new Comparison(statusOurs, statusRaw, 1), new Comparison(notifyOurs, notifyRaw, 1), paid);
            } finally {
                hub.stop();
                bare.stop();
            }
        }
    }

    /** {@code count} open QR orders, each in the pending queue with its order hash (what a till writes first, R7). */
    private static List<PaymentOrder> orders(TransactionId.Generator ids, int count, RedisPendingPayments pending) {
        List<PaymentOrder> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TransactionId id = ids.next();
            PaymentOrder order = new PaymentOrder(id, "till-" + (i % 8), PaymentMethod.QR_SHOWN,
                    Money.ofMinor(100 + i % 5_000, "EUR"), "bench", Instant.now());
            pending.add(order, "weixin://wxpay/bench/" + id.value());
            orders.add(order);
        }
        return orders;
    }

    private static HttpRequest statusRequest(URI hub, PaymentOrder order) {
        return HttpRequest.newBuilder(hub.resolve("payments/" + order.outTradeNo())).GET().build();
    }

    /** The sandbox gateway's TRANSACTION.SUCCESS notification of {@code order}, signed now with its key. */
    private static HttpRequest notification(URI hub, PaymentOrder order) {
        String body = "{\"id\":\"evt-" + order.outTradeNo() + "\",\"event_type\":\"TRANSACTION.SUCCESS\",\"out_trade_no\":\""
                + order.outTradeNo() + "\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":" + order.amount().minorUnits()
                + ",\"currency\":\"EUR\"},\"transaction_id\":\"42" + order.outTradeNo() + "\",\"success_time\":\""
                + Instant.now() + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "n" + order.outTradeNo();
        return HttpRequest.newBuilder(hub.resolve("notify/sandbox"))
                .header("Content-Type", "application/json")
                .header(NotificationVerifier.KEY_ID_HEADER, SandboxGateway.DEFAULT_KEY_ID)
                .header(NotificationVerifier.TIMESTAMP_HEADER, timestamp)
                .header(NotificationVerifier.NONCE_HEADER, nonce)
                .header(NotificationVerifier.SIGNATURE_HEADER,
                        NotificationVerifier.signature(SandboxGateway.DEFAULT_SECRET, timestamp, nonce, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
    }

    private static HttpClient[] clients(int threads) {
        HttpClient[] clients = new HttpClient[threads];
        for (int t = 0; t < threads; t++) {
            clients[t] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        }
        return clients;
    }

    /**
     * Sends {@code count} requests ({@code request.apply(i)}) from one thread per client, each
     * thread taking every n-th index, and returns answers/s; any answer other than {@code expected}
     * fails the run with what came back.
     */
    private static double send(HttpClient[] clients, int count, IntFunction<HttpRequest> request, int expected) throws Exception {
        int threads = clients.length;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong answered = new AtomicLong();
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Void> work = () -> {
                    ready.countDown();
                    go.await();
                    for (int i = thread; i < count; i += threads) {
                        HttpResponse<String> answer = sendOne(clients[thread], request.apply(i));
                        if (answer.statusCode() != expected) {
                            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + " answered "
                                    + answer.statusCode() + ": " + answer.body());
                        }
                        answered.incrementAndGet();
                    }
                    return null;
                };
                futures.add(pool.submit(work));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Future<Void> future : futures) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return answered.get() / seconds;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> sendOne(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
