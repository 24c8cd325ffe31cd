package pos.bench.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./pos bench startup} (issue 14 point 4 and its third "Done when"): launch-to-usable seconds and resident
 * memory 10 s later, median of 5 rounds with min–max, for the till and, in the same run, for a minimal JavaFX window
 * started the same way (the floor, {@link FloorApp}), and the ratios till ÷ floor, next to the goal (usable within
 * 1.5 s, under 200 MiB).
 *
 * <p>Both run on an Xvfb display of the bench's own, with the same java and the java arguments {@code ./pos till}
 * uses (the {@code pos} script writes them to the file given by {@code --java-args}: the options of
 * {@code assets/jvm/till-java-options}, JavaFX on the module path, the till's class path); the floor gets the same
 * ones with its own class path and without the till's class-data sharing archive. "Usable" is the line
 * {@code pos: usable after N ms} each prints from the first pulse after its window is shown (the till: the sell screen
 * or sign-in, with the keyboard scanner installed); the time is taken from just before the process is started to
 * that line. RSS is VmRSS of the process, and of each child process (the fingerprint worker) apart. The till starts
 * each round with a new data directory and {@code POS_SETUP=off}. One untimed warm-up round of each comes first (it
 * writes the class-data sharing archive when there is none yet). {@code --legacy} starts both the old way instead
 * (everything on the class path, no JVM options), for the figure before issue 14.
 *
 * <p>Usage: {@code StartupBench --java-args FILE [--cds "-XX:... -Xlog:..."] [--rounds 5] [--settle 10] [--legacy]}. Run from the
 * repository's root. Not thread-safe (a command-line program).
 */
public final class StartupBench {

    private static final String USABLE = "pos: usable after ";
    private static final double GOAL_SECONDS = 1.5;
    private static final double GOAL_MIB = 200;

    /** One start of one program: launch-to-usable, the RSS of the process and of its children by name. */
    record Run(double seconds, long reportedMs, long rssKib, Map<String, Long> childrenKib) {
    }

    private final Path root;
    private final Path workDir;
    private final String display;
    private final int settleSeconds;

    private StartupBench(Path root, Path workDir, String display, int settleSeconds) {
        this.root = root;
        this.workDir = workDir;
        this.display = display;
        this.settleSeconds = settleSeconds;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(option(args, "--rounds", "5"));
        int settle = Integer.parseInt(option(args, "--settle", "10"));
        boolean legacy = Arrays.asList(args).contains("--legacy");
        String argsFile = option(args, "--java-args", null);
        String cds = option(args, "--cds", "");
        Path root = Path.of("").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        String benchJar = Path.of(FloorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        List<String> till = new ArrayList<>(List.of(java));
        List<String> floor = new ArrayList<>(List.of(java));
        if (legacy) {
            till.addAll(List.of("-cp", "pos-app/target/pos-app.jar:pos-app/target/lib/*"));
            floor.addAll(List.of("-cp", benchJar + ":pos-app/target/lib/*"));
        } else {
            if (argsFile == null) {
                throw new IllegalArgumentException("give --java-args FILE (the java arguments of ./pos till; ./pos bench startup writes it)");
            }
            List<String> javaArgs = Files.readAllLines(Path.of(argsFile)).stream().filter(line -> !line.isBlank()).toList();
            till.addAll(javaArgs);
            for (int i = 0; i < javaArgs.size(); i++) {
                boolean classPath = javaArgs.get(i).equals("-cp") || javaArgs.get(i).equals("-classpath");
                floor.add(javaArgs.get(i));
                if (classPath && i + 1 < javaArgs.size()) {
                    floor.add(benchJar); // the floor's own class; JavaFX stays on the module path as for the till
                    i++;
                }
            }
        }
        Path workDir = Files.createTempDirectory("pos-bench-startup");
        PrintStream out = System.out;
        out.println("pos: starting Xvfb, then " + (rounds + 1) + " rounds of the till and the floor (" + settle
                + " s each after usable); logs in " + workDir);
        try (VirtualDisplay screen = VirtualDisplay.start(workDir.resolve("xvfb.log"))) {
            StartupBench bench = new StartupBench(root, workDir, screen.name(), settle);
            List<Run> tills = new ArrayList<>();
            List<Run> floors = new ArrayList<>();
            String cdsNow = cds;
            for (int round = 0; round <= rounds; round++) {
                List<String> tillCommand = new ArrayList<>(till);
                if (!cdsNow.isBlank()) {
                    tillCommand.addAll(1, List.of(cdsNow.strip().split("\\s+")));
                }
                tillCommand.add("pos.app.Launcher");
                Run t = bench.run("till-" + round, tillCommand, true);
                List<String> floorCommand = new ArrayList<>(floor);
                floorCommand.add(FloorMain.class.getName());
                Run f = bench.run("floor-" + round, floorCommand, false);
                out.printf(Locale.ROOT, "  round %d%s: till %.2f s %d MiB, floor %.2f s %d MiB%n", round,
                        round == 0 ? " (warm-up)" : "", t.seconds(), t.rssKib() / 1024, f.seconds(), f.rssKib() / 1024);
                if (round == 0) {
                    // the warm-up wrote the class-data sharing archive at its exit: the timed rounds use it
                    cdsNow = cds.replace("-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=");
                    continue;
                }
                tills.add(t);
                floors.add(f);
            }
            print(out, tills, floors, till, legacy, cdsNow, java, settle);
        }
        System.exit(0);
    }

    /** Starts {@code command}, times it to its usable line, reads its RSS {@code settleSeconds} later, stops it. */
    private Run run(String name, List<String> command, boolean isTill) throws Exception {
        List<String> full = new ArrayList<>(command);
        Path dataDir = null;
        if (isTill) {
            dataDir = Files.createDirectory(workDir.resolve(name + "-data"));
            full.addAll(List.of("--data-dir", dataDir.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(full).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        builder.environment().put("POS_SETUP", "off"); // the first-run set-up screen would stand before the sell screen
        Path log = workDir.resolve(name + ".log");
        CompletableFuture<Long> usable = new CompletableFuture<>();
        long started = System.nanoTime();
        Process process = builder.start();
        long[] seenAt = new long[1];
        Thread reader = new Thread(() -> readOutput(process, log, usable, seenAt), name + "-output");
        reader.setDaemon(true);
        reader.start();
        long reported;
        try {
            reported = usable.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            stop(process);
            throw new IllegalStateException(name + " did not say it was usable within 120 s (or ended); its output: " + log, e);
        }
        double seconds = (seenAt[0] - started) / 1e9;
        Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " ended within " + settleSeconds + " s of being usable; its output: " + log);
        }
        long rss = rssKib(process.pid());
        Map<String, Long> children = new LinkedHashMap<>();
        process.descendants().forEach(child -> children.merge(childName(child), rssKib(child.pid()), Long::sum));
        stop(process);
        if (dataDir != null) {
            deleteRecursively(dataDir);
        }
        return new Run(seconds, reported, rss, children);
    }

    private static void readOutput(Process process, Path log, CompletableFuture<Long> usable, long[] seenAt) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!usable.isDone() && line.startsWith(USABLE)) {
                    seenAt[0] = System.nanoTime();
                    usable.complete(Long.parseLong(line.substring(USABLE.length()).replace(" ms", "").strip()));
                }
                file.println(line);
                file.flush();
            }
            usable.completeExceptionally(new IOException("the process ended (exit " + process.waitFor() + ")"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            usable.completeExceptionally(e);
        }
    }

    /** SIGTERM (the JVM's shutdown writes the class-data sharing archive), then its children that are left. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroy();
            }
        }
    }

    private static String childName(ProcessHandle child) {
        String command = child.info().commandLine().orElse(child.info().command().orElse("pid " + child.pid()));
        if (command.contains("Fingerprint") || command.contains("fingerprint")) {
            return "fingerprint worker";
        }
        String[] words = command.split(" ");
        return Path.of(words[0]).getFileName() + (words.length > 1 ? " " + words[words.length - 1] : "");
    }

    /** VmRSS of {@code pid} in KiB, from /proc; 0 when the process is gone. */
    static long rssKib(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.substring(6).replace("kB", "").strip())).findFirst().orElse(0L);
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static void print(PrintStream out, List<Run> tills, List<Run> floors, List<String> till, boolean legacy,
            String cds, String java, int settle) {
        out.println();
        out.printf(Locale.ROOT, "Start-up: launch to usable (window shown, accepting a scan) and RSS %d s later; median of %d"
                + " [min-max]%n", settle, tills.size());
        out.println("java " + java + " (" + System.getProperty("java.version") + "), " + Runtime.getRuntime().availableProcessors()
                + " CPUs; " + (legacy ? "legacy launch: class path only, no JVM options"
                        : "JVM options: " + String.join(" ", jvmOptions(till)) + (cds.isBlank() ? "" : " " + cds + " (till only)")));
        out.println("-".repeat(96));
        out.printf(Locale.ROOT, "%-22s %-26s %-26s %s%n", "", "usable (s)", "RSS (MiB)", "children (MiB)");
        out.printf(Locale.ROOT, "%-22s %-26s %-26s %s%n", "till", seconds(tills), mib(tills), children(tills));
        out.printf(Locale.ROOT, "%-22s %-26s %-26s %s%n", "floor (one Label)", seconds(floors), mib(floors), children(floors));
        double secondsRatio = median(tills.stream().mapToDouble(Run::seconds).toArray())
                / median(floors.stream().mapToDouble(Run::seconds).toArray());
        double rssRatio = median(tills.stream().mapToDouble(Run::rssKib).toArray())
                / median(floors.stream().mapToDouble(Run::rssKib).toArray());
        out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "till ÷ floor", String.format(Locale.ROOT, "%.2f×", secondsRatio),
                String.format(Locale.ROOT, "%.2f×", rssRatio));
        double tillSeconds = median(tills.stream().mapToDouble(Run::seconds).toArray());
        double tillMib = median(tills.stream().mapToDouble(Run::rssKib).toArray()) / 1024;
        out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "goal (till)",
                String.format(Locale.ROOT, "≤ %.1f (%s)", GOAL_SECONDS, tillSeconds <= GOAL_SECONDS ? "met" : "not met"),
                String.format(Locale.ROOT, "< %.0f (%s)", GOAL_MIB, tillMib < GOAL_MIB ? "met" : "not met"));
        out.println("-".repeat(96));
        out.printf(Locale.ROOT, "the process's own figure (start to the line): till %.2f s, floor %.2f s (median)%n",
                median(tills.stream().mapToDouble(Run::reportedMs).toArray()) / 1000,
                median(floors.stream().mapToDouble(Run::reportedMs).toArray()) / 1000);
    }

    private static List<String> jvmOptions(List<String> command) {
        List<String> options = new ArrayList<>();
        for (int i = 1; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--module-path")) {
                options.add(arg + " …");
                i++;
            } else {
                options.add(arg);
            }
        }
        return options;
    }

    private static String seconds(List<Run> runs) {
        double[] values = runs.stream().mapToDouble(Run::seconds).toArray();
        return String.format(Locale.ROOT, "%.2f [%.2f-%.2f]", median(values), min(values), max(values));
    }

    private static String mib(List<Run> runs) {
        double[] values = runs.stream().mapToDouble(run -> run.rssKib() / 1024.0).toArray();
        return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", median(values), min(values), max(values));
    }

    private static String children(List<Run> runs) {
        Map<String, List<Double>> byName = new LinkedHashMap<>();
        for (Run run : runs) {
            run.childrenKib().forEach((name, kib) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(kib / 1024.0));
        }
        if (byName.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byName.forEach((name, values) -> parts.add(String.format(Locale.ROOT, "%s %.0f (in %d of %d rounds)", name,
                median(values.stream().mapToDouble(Double::doubleValue).toArray()), values.size(), runs.size())));
        return String.join(", ", parts);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static String option(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
