package pos.sync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Java main run in a child JVM on this JVM's class path, with its output in a log file. The
 * child runs {@link WatchedMain}, which exits when this JVM dies (its stdin closes), so no child
 * outlives a killed test run. Not thread-safe.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String name;

    private ChildJvm(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    /** Starts {@code mainClass} with {@code args}; stdout and stderr go to {@code log}. */
    public static ChildJvm start(Path log, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"),
                WatchedMain.class.getName(), mainClass.getName()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildJvm(process, log, mainClass.getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for " + mainClass.getName(), e);
        }
    }

    /** Waits until a line of the child's output matches; fails if it exits or the time runs out. */
    public String awaitLine(Duration timeout, Predicate<String> matches) {
        try {
            return Awaitility.await(name + " to print the line").atMost(timeout).pollInterval(Duration.ofMillis(10))
                    .until(() -> firstLine(matches), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not print the line within " + timeout.toMillis() + " ms; log:\n" + tail(), e);
        }
    }

    private Optional<String> firstLine(Predicate<String> matches) {
        Optional<String> line = lines().stream().filter(matches).findFirst();
        if (line.isEmpty() && !process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + " before the line was printed; log:\n"
                    + tail());
        }
        return line;
    }

    /** Waits for the child to exit and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout.toMillis() + " ms; log:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGKILL, as a power cut or the OOM killer would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's output so far. */
    public List<String> lines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last 40 lines of output. */
    public String tail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
