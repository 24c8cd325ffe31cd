package pos.bench.limits;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.bench.ArchiverThroughput;
import pos.bench.Bench;
import pos.bench.fingerprint.FingerprintIdentifyBench;
import pos.bench.rules.RuleVerificationBench;
import pos.bench.vouchers.VoucherRedemptionBench;
import pos.bench.webcam.WebcamPipelineBench;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.redis.RedisProcess;

/**
 * {@code ./pos bench limits}: every row of issue 15's table in one run — the archiver, voucher redemptions, the rule
 * base (100 and 10,000 rules), fingerprint identify among 1,000, the webcam pipeline and the journal — each against
 * its raw engine measured in the same run, with its goal and whether the median meets it. Starts its own Redis
 * servers and MariaDB (pos-testkit). Each part's own command ({@code ./pos bench vouchers} …) prints the
 * full figures behind its row. A command-line program; not thread-safe.
 */
public final class Limits {

    private static final Logger log = LoggerFactory.getLogger(Limits.class);

    private Limits() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = intOption(args, "--rounds", 5);
        boolean quick = List.of(args).contains("--quick");
        long started = System.nanoTime();
        List<LimitRow> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        log.info("Starting redis-server and mariadbd (pos-testkit)");
        try (RedisProcess redis = new RedisProcess().start(); MariaDbProcess mariadb = new MariaDbProcess().start()) {
            part(rows, failed, "archiver", () -> List.of(ArchiverThroughput.archiverRow(redis, mariadb, quick ? 2_000 : 20_000, rounds)));
        }
        // the voucher part sets appendonly yes / appendfsync always on the Redis it is given: a Redis of its own
        try (RedisProcess redis = new RedisProcess().start()) {
            part(rows, failed, "vouchers", () -> List.of(VoucherRedemptionBench.limitRow(redis, 16, quick ? 2_000 : 20_000, rounds)));
        }
        part(rows, failed, "rules", () -> RuleVerificationBench.limitRows(1, quick ? 1 : 2, quick ? 2 : 3, quick ? 0.3 : 1));
        part(rows, failed, "fingerprint", () -> List.of(FingerprintIdentifyBench.limitRow(1_000, quick ? 1 : rounds)));
        part(rows, failed, "webcam", () -> List.of(WebcamPipelineBench.limitRow(quick ? 1 : 3, rounds)));
        part(rows, failed, "journal", () -> List.of(Bench.journalRow(quick ? 500 : 5_000, rounds)));
        print(System.out, rows, failed, (System.nanoTime() - started) / 1_000_000_000L, rounds);
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    /** One part of the run; a part that throws is named in the table's foot, and the others still run. */
    private static void part(List<LimitRow> rows, List<String> failed, String name, Part part) {
        log.info("Limits: {}", name);
        try {
            rows.addAll(part.rows());
        } catch (Exception e) {
            log.error("Limits: the {} part failed", name, e);
            failed.add(name + ": " + e);
        }
    }

    static void print(PrintStream out, List<LimitRow> rows, List<String> failed, long seconds, int rounds) {
        String rule = "-".repeat(118);
        out.println();
        out.printf(Locale.ROOT, "At the engines' limits (issue 15): ours against the raw engine in the same run, median of %d rounds"
                + " (range); run took %d s, %d CPUs%n", rounds, seconds, Runtime.getRuntime().availableProcessors());
        out.println(rule);
        out.printf(Locale.ROOT, "%-66s %12s %-14s %-8s %s%n", "measure", "now", "(range)", "goal", "");
        out.println(rule);
        for (LimitRow row : rows) {
            out.println(row.line());
            if (!row.detail().isEmpty()) {
                out.println("    " + row.detail());
            }
        }
        out.println(rule);
        long met = rows.stream().filter(LimitRow::met).count();
        out.printf(Locale.ROOT, "%d of %d goals met%n", met, rows.size());
        for (String f : failed) {
            out.println("FAILED PART " + f);
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    @FunctionalInterface
    private interface Part {
        List<LimitRow> rows() throws Exception;
    }
}
