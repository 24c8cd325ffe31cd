package pos.bench.jmh;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH micro-benchmarks ({@code ./pos bench jmh}) with modest defaults (one fork, two
 * warm-up and three measured iterations of one second) and prints, for each of ours, the ratio to
 * its raw baseline measured in the same run (DESIGN §5): {@code rules.RulesJmh} (rule base vs the
 * same rules hand-coded), {@code webcam.DecoderJmh} (the till's frame decoder vs bare ZXing on ready
 * luminance), {@code money.MoneyJmh} and {@code MoneyFormatJmh} (parse and format vs BigDecimal) and {@code wedge.BurstJmh}
 * (the wedge burst detector vs a bare buffer). A benchmark method {@code x} is compared with
 * {@code rawX} of its class if there is one, else with {@code raw}. The end-to-end load runs
 * ({@code ./pos bench}, {@code bench webcam}, ...) stay separate. Not thread-safe (a command line).
 *
 * <p>Usage: {@code ./pos bench jmh [--include REGEX] [--forks 1] [--warmups 2] [--iterations 3] [--seconds 1]}.
 */
public final class JmhMain {

    /** The benchmark classes, as JMH include patterns. */
    public static final List<String> BENCHMARKS = List.of("RulesJmh", "DecoderJmh", "MoneyJmh", "MoneyFormatJmh", "BurstJmh");

    private JmhMain() {
    }

    public static void main(String[] args) {
        String include = option(args, "--include", String.join("|", BENCHMARKS));
        run(include, args);
    }

    /** Runs the benchmarks whose names match {@code include} with the options in {@code args}, and prints the ratios. */
    public static void run(String include, String[] args) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("pos\\.bench\\..*\\.(" + include + ")\\.")
                .forks(intOption(args, "--forks", 1))
                .warmupIterations(intOption(args, "--warmups", 2))
                .measurementIterations(intOption(args, "--iterations", 3))
                .warmupTime(TimeValue.milliseconds(Math.round(doubleOption(args, "--seconds", 1) * 1000)))
                .measurementTime(TimeValue.milliseconds(Math.round(doubleOption(args, "--seconds", 1) * 1000)))
                .timeUnit(TimeUnit.NANOSECONDS)
                .verbosity(VerboseMode.NORMAL)
                .shouldFailOnError(true);
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("the JMH run failed: " + e.getMessage(), e);
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no JMH benchmark matches '" + include + "'; known: " + BENCHMARKS);
        }
        printRatios(ratios(results), System.out);
    }

    /** One of ours next to its raw baseline, both in ns per operation. */
    public record Ratio(String benchmark, String params, double oursNanos, double rawNanos) {
        public double ratio() {
            return oursNanos / rawNanos;
        }
    }

    /** Pairs each benchmark with its baseline (same class, same parameters). */
    public static List<Ratio> ratios(Collection<RunResult> results) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            scores.put(key(r.getParams().getBenchmark(), params(r)), r.getPrimaryResult().getScore());
        }
        List<Ratio> ratios = new ArrayList<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            if (method.startsWith("raw")) {
                continue;
            }
            String owner = benchmark.substring(0, benchmark.lastIndexOf('.') + 1);
            String params = params(r);
            Double raw = scores.get(key(owner + "raw" + Character.toUpperCase(method.charAt(0)) + method.substring(1), params));
            if (raw == null) {
                raw = scores.get(key(owner + "raw", params));
            }
            if (raw != null) {
                String shortName = benchmark.substring("pos.bench.".length());
                ratios.add(new Ratio(shortName, params, r.getPrimaryResult().getScore(), raw));
            }
        }
        return ratios;
    }

    static void printRatios(List<Ratio> ratios, PrintStream out) {
        out.println();
        out.println("ours against the raw baseline measured in the same run (ns per operation; ratio > 1 = slower than raw)");
        out.printf(Locale.ROOT, "%-34s %-22s %14s %14s %8s%n", "benchmark", "parameters", "ours ns/op", "raw ns/op", "ratio");
        for (Ratio r : ratios) {
            out.printf(Locale.ROOT, "%-34s %-22s %14.1f %14.1f %7.2fx%n", r.benchmark(), r.params(), r.oursNanos(), r.rawNanos(),
                    r.ratio());
        }
    }

    private static String key(String benchmark, String params) {
        return benchmark + " " + params;
    }

    private static String params(RunResult r) {
        List<String> parts = new ArrayList<>();
        for (String name : r.getParams().getParamsKeys()) {
            parts.add(name + "=" + r.getParams().getParam(name));
        }
        return String.join(",", parts);
    }

    private static String option(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }

    private static int intOption(String[] args, String name, int otherwise) {
        String value = option(args, name, null);
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + value + "'", e);
        }
    }

    private static double doubleOption(String[] args, String name, double otherwise) {
        String value = option(args, name, null);
        try {
            return value == null ? otherwise : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, not '" + value + "'", e);
        }
    }
}
