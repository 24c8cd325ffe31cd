package pos.app.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A till's main in a child JVM on this class path, killed with SIGKILL ({@link Process#destroyForcibly()}).
 * Its output goes to a log file. Not thread-safe.
 */
final class ChildTill implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildTill(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildTill start(Path log, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            return new ChildTill(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + main.getName(), e);
        }
    }

    /** Waits for a line starting with {@code prefix} and answers it. */
    String awaitLine(String prefix, Duration timeout) {
        try {
            return Awaitility.await(prefix + " from the child till").atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the child till exited with " + process.exitValue() + ":\n" + output());
                        }
                        return output().lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
                    }, line -> line != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no line " + prefix + " from the child till:\n" + output(), e);
        }
    }

    private String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the child till survived SIGKILL");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
