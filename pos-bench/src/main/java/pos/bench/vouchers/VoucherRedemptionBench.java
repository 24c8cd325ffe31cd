package pos.bench.vouchers;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.bench.Comparison;
import pos.bench.limits.LimitRow;
import pos.core.money.Money;
import pos.core.sale.TransactionId;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherKeys;
import pos.contract.redis.RedisConnections;
import pos.hub.voucher.IssuedVoucher;
import pos.hub.voucher.MariaDbVoucherStore;
import pos.contract.voucher.RedemptionScript;
import pos.contract.voucher.RedisVoucherRedemption;
import pos.hub.voucher.VoucherIssuer;
import pos.contract.voucher.VoucherRedisKeys;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Voucher redemptions per second through the till's path ({@link RedisVoucherRedemption#redeem}:
 * fingerprint, order number, one {@code EVALSHA} of the redemption script that checks and sets
 * the state, stores the result with its TTL, appends to the archive stream and publishes), with
 * many threads, each a till with its own Redis connections, every call a success on a voucher
 * of its own; next to the raw engine in the same run: the same threads, each with its own
 * connection, {@code EVALSHA} of a trivial {@code SET key 1 NX} script on as many fresh keys.
 * Redis runs as production should ({@code appendonly yes}, {@code appendfsync always}). Each
 * figure is the median of several rounds after a warm-up round, each round interleaving the two
 * sides in short slices ({@link #measureRounds}). {@link #limitRow} gives the row of issue 15's
 * table. Not thread-safe (a command-line program).
 *
 * <pre>
 * ./pos bench vouchers [--threads 16] [--vouchers 20000] [--rounds 5]
 * </pre>
 */
public final class VoucherRedemptionBench {

    private static final Logger log = LoggerFactory.getLogger(VoucherRedemptionBench.class);
    private static final String RAW_SCRIPT = "return redis.call('SET', KEYS[1], ARGV[1], 'NX')";
    /** Issue 15's goal for redemptions/s ÷ raw EVALSHA SET NX/s. */
    static final double GOAL = 0.8;

    private VoucherRedemptionBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = intOption(args, "--threads", 16);
        int vouchers = intOption(args, "--vouchers", 20_000);
        int rounds = intOption(args, "--rounds", 5);
        long started = System.nanoTime();
        Comparison result = measure(threads, vouchers, rounds);
        print(System.out, threads, vouchers, rounds, result, (System.nanoTime() - started) / 1_000_000_000L);
        System.exit(0);
    }

    /** Prints the figures as a small table. */
    static void print(PrintStream out, int threads, int vouchers, int rounds, Comparison c, long seconds) {
        out.println();
        out.printf(Locale.ROOT, "Voucher redemption vs. raw Redis (median of %d rounds after a warm-up; %d threads; %d vouchers a"
                + " round; appendfsync always; run took %d s)%n", rounds, threads, vouchers, seconds);
        out.println("Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        String rule = "-".repeat(100);
        out.println(rule);
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n", "measurement", "per second", "ours/raw", "min .. max");
        out.println(rule);
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n", "RedisVoucherRedemption.redeem, successes", Comparison.perSecond(c.ours()),
                "", c.oursRange());
        out.printf(Locale.ROOT, "%-62s %14s %10s   %s%n", "    raw EVALSHA of SET key 1 NX, same threads", Comparison.perSecond(c.raw()),
                "", c.rawRange());
        out.printf(Locale.ROOT, "%-62s %14s %10.2f   %s%n", "    ratio (median of the rounds' ratios)", "", c.ratio(), c.ratioRange());
        out.println(rule);
        out.printf(Locale.ROOT, "goal (issue 15): ratio >= %.1f: %s%n", GOAL, c.ratio() >= GOAL ? "met" : "NOT MET");
    }

    /**
     * Starts Redis and MariaDB, issues {@code (rounds + 1) × vouchers} vouchers through the hub's
     * issuer, and measures each round on both sides.
     */
    public static Comparison measure(int threads, int vouchers, int rounds) throws Exception {
        log.info("Starting redis-server (appendfsync always) and mariadbd (pos-testkit)");
        try (RedisProcess redis = RedisProcess.builder().appendFsync(RedisProcess.AppendFsync.ALWAYS).build().start();
                MariaDbProcess mariadb = new MariaDbProcess().start();
                RedisConnections connections = RedisConnections.create(redis.uri())) {
            TestDatabase db = mariadb.createTestDatabase();
            List<List<Voucher>> batches = new ArrayList<>();
            try (MariaDbVoucherStore store = MariaDbVoucherStore.create(db.jdbcUrl(), db.user(), db.password(), 2,
                    Clock.systemUTC())) {
                VoucherIssuer issuer = new VoucherIssuer(VoucherKeys.sandbox(), store, connections, VoucherRedisKeys.DEFAULT,
                        Clock.systemUTC());
                Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
                for (int r = 0; r <= rounds; r++) {
                    log.info("Issuing {} vouchers for round {}", vouchers, r);
                    batches.add(issuer.issue(vouchers, new VoucherBenefit.AmountOff(Money.ofMinor(500, "EUR")), "bench-",
                            expiry, Voucher.ANY_STORE).stream().map(IssuedVoucher::voucher).toList());
                }
            }
            return measureRounds(redis.uri(), threads, vouchers, batches);
        }
    }

    /**
     * The row of issue 15's engine-limits table: the same measurement on {@code redis}, without
     * MariaDB. The vouchers' Redis state is written as the hub's issuer writes it (the SEED script,
     * the same fields), which is all redemption reads. {@code redis} is switched to what the bench
     * measures, {@code appendonly yes} and {@code appendfsync always} (CONFIG SET; the raw side runs
     * on the same server, so both sides fsync alike), and keeps that setting afterwards.
     */
    public static LimitRow limitRow(RedisProcess redis, int threads, int vouchers, int rounds) throws Exception {
        redis.call("CONFIG", "SET", "appendonly", "yes");
        redis.call("CONFIG", "SET", "appendfsync", "always");
        awaitNoRewrite(redis);
        List<List<Voucher>> batches = new ArrayList<>();
        try (RedisConnections connections = RedisConnections.create(redis.uri());
                StatefulRedisConnection<String, String> connection = connections.connect()) {
            TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());
            Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            for (int r = 0; r <= rounds; r++) {
                List<Voucher> batch = new ArrayList<>(vouchers);
                List<String[]> keyLists = new ArrayList<>(vouchers);
                List<String[]> argLists = new ArrayList<>(vouchers);
                for (int n = 1; n <= vouchers; n++) {
                    Voucher v = new Voucher(ids.next().value(), new VoucherBenefit.AmountOff(Money.ofMinor(500, "EUR")),
                            String.format("bench-%04d", n), expiry, Voucher.ANY_STORE, VoucherKeys.SANDBOX_KEY_ID);
                    batch.add(v);
                    keyLists.add(new String[] {VoucherRedisKeys.DEFAULT.state(v.voucherId())});
                    argLists.add(new String[] {Long.toString(expiry.plus(VoucherIssuer.STATE_KEPT_AFTER_EXPIRY).toEpochMilli()),
                            "state", "ISSUED", "fingerprint", v.fingerprint(), "store", v.storeId(),
                            "expiresAt", Long.toString(expiry.toEpochMilli()), "customer", v.customerRef(),
                            "benefit", "500 EUR", "keyId", v.keyId()});
                }
                long written = RedemptionScript.SEED.runIntegersPipelined(connection, keyLists, argLists,
                        RedisConnections.COMMAND_TIMEOUT.multipliedBy(5)).stream().mapToLong(Long::longValue).sum();
                if (written != vouchers) {
                    throw new IllegalStateException("only " + written + " of " + vouchers + " bench vouchers were written to Redis");
                }
                batches.add(batch);
            }
        }
        Comparison c = measureRounds(redis.uri(), threads, vouchers, batches);
        return LimitRow.atLeast("voucher redemptions/s ÷ raw EVALSHA SET NX", c.ratio(), c.ratioRange().replace(" .. ", "–"), GOAL,
                String.format(Locale.ROOT, "%s/s vs %s/s, %d threads", Comparison.perSecond(c.ours()), Comparison.perSecond(c.raw()),
                        threads));
    }

    /** Waits for a background AOF rewrite (switching appendonly on starts one) to end, so that it does not fall in a round. */
    private static void awaitNoRewrite(RedisProcess redis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (String.valueOf(redis.call("INFO", "persistence")).contains("aof_rewrite_in_progress:1")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis " + redis.uri() + " was still rewriting its append-only file after 60 s");
            }
            Thread.sleep(50);
        }
    }

    /** Operations a slice of a round takes on each side (see {@link #measureRounds}). */
    private static final int SLICE = 1_000;

    /**
     * A warm-up round with {@code batches.get(0)}, then one measured round per further batch. The
     * same {@code threads} threads do both sides, each thread a till with its own connections
     * ({@link RedisVoucherRedemption} on its own {@link RedisConnections}) and a raw client with
     * its own connection, dialled before any clock starts. A round is cut into slices of about
     * {@value #SLICE} operations a side, ours and raw alternating (which goes first alternates
     * too), all threads starting each slice together; a side's figure for the round is its
     * operations over the sum of its slices' times. Slices a fraction of a second long let both
     * sides share whatever else the machine is doing at that moment, where whole rounds one after
     * the other gave ratios from 0.2 to 1.6 on a loaded machine.
     */
    private static Comparison measureRounds(String redisUri, int threads, int vouchers, List<List<Voucher>> batches)
            throws Exception {
        int rounds = batches.size() - 1;
        int slices = Math.max(1, vouchers / SLICE);
        String run = Long.toString(System.currentTimeMillis(), 36); // the raw side's keys are fresh on a Redis used before
        Phaser slicing = new Phaser(threads + 1); // the threads and the clock meet at each slice's start and end
        // phase k of a round: slice k / 2, ours when (k + k / 2) is even, else raw
        int phases = 2 * slices;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int threadNo = t;
                workers.add(pool.submit(() -> {
                    String tillId = "till-" + threadNo;
                    try (RedisConnections tillRedis = RedisConnections.create(redisUri);
                            RedisVoucherRedemption till = new RedisVoucherRedemption(tillRedis, "store-1");
                            RedisConnections rawRedis = RedisConnections.create(redisUri);
                            StatefulRedisConnection<String, String> rawConnection = rawRedis.connect()) {
                        till.lookup("warm-up-the-link"); // dial before the clock starts
                        RedisCommands<String, String> raw = rawConnection.sync();
                        String sha = raw.scriptLoad(RAW_SCRIPT);
                        for (int r = 0; r <= rounds; r++) {
                            List<Voucher> batch = batches.get(r);
                            // a till's sale has its transaction id before it redeems: made before the clock starts
                            List<String> transactionIds = new ArrayList<>();
                            for (int i = threadNo; i < batch.size(); i += threads) {
                                transactionIds.add(String.format("01JDB%s%02d%018d", r == 0 ? "W" : "R", threadNo, i));
                            }
                            for (int k = 0; k < phases; k++) {
                                int slice = k / 2;
                                int from = (int) ((long) vouchers * slice / slices);
                                int to = (int) ((long) vouchers * (slice + 1) / slices);
                                int first = from + Math.floorMod(threadNo - from, threads);
                                meet(slicing);
                                if ((k + slice) % 2 == 0) {
                                    for (int i = first; i < to; i += threads) {
                                        RedemptionResult result = till.redeem(batch.get(i), tillId, transactionIds.get(i / threads));
                                        if (!result.isSuccess()) {
                                            throw new IllegalStateException("a bench redemption failed: " + result.detail());
                                        }
                                    }
                                } else {
                                    for (int i = first; i < to; i += threads) {
                                        Object answer = raw.evalsha(sha, ScriptOutputType.STATUS,
                                                new String[] {"bench:raw:" + run + ":" + r + ":" + i}, "1");
                                        if (!"OK".equals(answer)) {
                                            throw new IllegalStateException("raw SET NX answered " + answer);
                                        }
                                    }
                                }
                                meet(slicing);
                            }
                        }
                    } catch (Exception | Error e) {
                        slicing.forceTermination(); // the others and the clock stop waiting for this thread
                        throw e;
                    }
                    return null;
                }));
            }
            double[] oursRounds = new double[rounds];
            double[] rawRounds = new double[rounds];
            for (int r = 0; r <= rounds; r++) {
                long oursNanos = 0;
                long rawNanos = 0;
                for (int k = 0; k < phases; k++) {
                    meetOrFail(slicing, workers);
                    long started = System.nanoTime();
                    meetOrFail(slicing, workers);
                    long took = System.nanoTime() - started;
                    if ((k + k / 2) % 2 == 0) {
                        oursNanos += took;
                    } else {
                        rawNanos += took;
                    }
                }
                if (r == 0) {
                    log.info("Warm-up: ours {}/s, raw {}/s", Comparison.perSecond(vouchers / (oursNanos / 1e9)),
                            Comparison.perSecond(vouchers / (rawNanos / 1e9)));
                    continue;
                }
                oursRounds[r - 1] = vouchers / (oursNanos / 1e9);
                rawRounds[r - 1] = vouchers / (rawNanos / 1e9);
                log.info("Round {}: ours {}/s, raw {}/s ({} slices a side)", r - 1, Comparison.perSecond(oursRounds[r - 1]),
                        Comparison.perSecond(rawRounds[r - 1]), slices);
            }
            for (Future<Void> worker : workers) {
                worker.get(1, TimeUnit.MINUTES);
            }
            return new Comparison(oursRounds, rawRounds, 1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A bench thread's side of a slice boundary. */
    private static void meet(Phaser slicing) {
        if (slicing.arriveAndAwaitAdvance() < 0) {
            throw new IllegalStateException("another bench thread failed");
        }
    }

    /** The clock's side of a slice boundary; when a bench thread failed, its failure is thrown with its own message. */
    private static void meetOrFail(Phaser slicing, List<Future<Void>> workers) throws Exception {
        if (slicing.arriveAndAwaitAdvance() >= 0) {
            return;
        }
        IllegalStateException stopped = new IllegalStateException("the bench threads stopped");
        for (Future<Void> worker : workers) {
            try {
                worker.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                if (!String.valueOf(failed.getCause().getMessage()).equals("another bench thread failed")) {
                    throw new IllegalStateException("a bench thread failed: " + failed.getCause().getMessage(), failed.getCause());
                }
                stopped.addSuppressed(failed.getCause());
            }
        }
        throw stopped;
    }

    private static int intOption(String[] args, String name, int defaultValue) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " wants a whole number: '" + args[i + 1] + "'", e);
                }
            }
        }
        return defaultValue;
    }
}
