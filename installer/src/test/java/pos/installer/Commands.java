package pos.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end for the packaging tests: its exit code and its output (stdout and stderr). Stateless. */
final class Commands {

    private Commands() {
    }

    /** The exit code and the output of a command that ran. */
    record Result(List<String> command, int exitCode, String output) {
        /** This result, or an AssertionError naming the command and its output when it failed. */
        Result ok() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    static Result run(Duration timeout, String... command) {
        return run(timeout, List.of(command));
    }

    static Result run(Duration timeout, List<String> command) {
        try {
            Path log = Files.createTempFile("pos-installer-cmd", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** A file from a .deb's data, read with dpkg-deb and tar. */
    static String fileInDeb(Path deb, String path) {
        return run(Duration.ofMinutes(2), "sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -xO \"$2\"", "sh",
                deb.toString(), "." + path).ok().output();
    }
}
