package pos.bench.payments;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import pos.bench.Comparison;

/**
 * What a {@link PaymentsFaultRun} found: its checks (each passed or failed, with the figures that
 * decided it), its counts, durations and, when measured, latencies and the archiver ratio.
 * Immutable once built; built by one thread.
 */
public final class FaultRunReport {

    /** One check of the run. */
    public record Check(String requirement, String name, boolean passed, String detail) {
        public Check {
            Objects.requireNonNull(requirement, "requirement");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Percentiles of one latency series, in milliseconds. */
    public record Latency(String path, int samples, double p50, double p99, double max) {
    }

    private final String title;
    private final String protocol;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> timeline = new ArrayList<>();
    private final List<Latency> latencies = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Comparison archiver;
    private int archiverSales;

    FaultRunReport(String title) {
        this(title, FaultRunSettings.SANDBOX);
    }

    /** @param protocol the protocol the sandbox gateway spoke (issue 13), named again on the PASS/FAIL line */
    FaultRunReport(String title, String protocol) {
        this.title = title;
        this.protocol = protocol;
    }

    /** The protocol the sandbox gateway spoke in this run. */
    public String protocol() {
        return protocol;
    }

    void check(String requirement, String name, boolean passed, String detail) {
        checks.add(new Check(requirement, name, passed, detail));
    }

    void figure(String name, Object value) {
        figures.put(name, String.valueOf(value));
    }

    void counts(Map<String, Long> values) {
        counts.putAll(values);
    }

    void timeline(String event) {
        timeline.add(event);
    }

    void latency(Latency latency) {
        latencies.add(latency);
    }

    void problems(List<String> found) {
        problems.addAll(found);
    }

    void archiver(Comparison comparison, int sales) {
        this.archiver = comparison;
        this.archiverSales = sales;
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /** The check named {@code name}. */
    public Check check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check named '" + name + "'; the checks are "
                        + checks.stream().map(Check::name).toList()));
    }

    public Map<String, String> figures() {
        return Map.copyOf(figures);
    }

    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public List<Latency> latencies() {
        return List.copyOf(latencies);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public Comparison archiver() {
        return archiver;
    }

    /** True when every check passed. */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** The failed checks, one line each, for an assertion message. */
    public String failures() {
        StringBuilder text = new StringBuilder();
        for (Check c : checks) {
            if (!c.passed()) {
                text.append(c.requirement()).append(' ').append(c.name()).append(": ").append(c.detail()).append('\n');
            }
        }
        return text.toString();
    }

    /** The whole report as a table, ending with a PASS or FAIL line. */
    public void print(PrintStream out) {
        String rule = "-".repeat(110);
        out.println();
        out.println(title);
        out.println(rule);
        out.println("Timeline");
        timeline.forEach(line -> out.println("  " + line));
        out.println(rule);
        out.printf(Locale.ROOT, "%-58s %s%n", "Figure", "value");
        figures.forEach((name, value) -> out.printf(Locale.ROOT, "  %-56s %s%n", name, value));
        out.println(rule);
        out.printf(Locale.ROOT, "%-58s %s%n", "Count", "value");
        counts.forEach((name, value) -> out.printf(Locale.ROOT, "  %-56s %,d%n", name, value));
        if (!latencies.isEmpty()) {
            out.println(rule);
            out.printf(Locale.ROOT, "%-58s %8s %8s %8s %8s%n", "Notify-to-till latency (ms)", "samples", "p50", "p99", "max");
            for (Latency l : latencies) {
                out.printf(Locale.ROOT, "  %-56s %8d %8.1f %8.1f %8.1f%n", l.path(), l.samples(), l.p50(), l.p99(), l.max());
            }
        }
        if (archiver != null) {
            out.println(rule);
            out.printf(Locale.ROOT, "%-58s %14s %10s   %s%n", "Archiver vs raw JDBC, same MariaDB (" + archiverSales + " sales)",
                    "sales/s", "ours/raw", "min .. max");
            out.printf(Locale.ROOT, "  %-56s %14s %10s   %s%n", "Archiver: stream -> MariaDB upserts, N="
                    + pos.bench.ArchiverThroughput.BATCH, Comparison.perSecond(archiver.ours()), "", archiver.oursRange());
            out.printf(Locale.ROOT, "  %-56s %14s %10s   %s%n", "raw JDBC batches of plain INSERTs, same rows",
                    Comparison.perSecond(archiver.raw()), "", archiver.rawRange());
            out.printf(Locale.ROOT, "  %-56s %14s %10.2f   %s%n", "ratio (median of the rounds' ratios)", "", archiver.ratio(),
                    archiver.ratioRange());
            out.printf(Locale.ROOT, "  %-56s %14.2f%n", "rows per sale (sale + lines + tenders)", archiver.rowsPerSale());
        }
        if (!problems.isEmpty()) {
            out.println(rule);
            out.println("Problems (" + problems.size() + ")");
            problems.stream().limit(20).forEach(p -> out.println("  " + p));
        }
        out.println(rule);
        out.printf(Locale.ROOT, "%-5s %-8s %-52s %s%n", "", "req.", "check", "detail");
        for (Check c : checks) {
            out.printf(Locale.ROOT, "%-5s %-8s %-52s %s%n", c.passed() ? "ok" : "FAIL", c.requirement(), c.name(), c.detail());
        }
        out.println(rule);
        out.println(passed() ? "PASS (protocol " + protocol + "): every check of the payments fault run passed"
                : "FAIL (protocol " + protocol + "): " + checks.stream().filter(c -> !c.passed()).count() + " of "
                        + checks.size() + " checks failed");
    }
}
