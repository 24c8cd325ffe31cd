package pos.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throw-away directory for one server instance, marked with the owning JVM and the pids of
 * the children started in it, so that a later JVM can clean up after this one if it dies
 * without running its shutdown hooks. Thread-safe.
 *
 * <p>Layout: {@code <root>/<kind>-<random>/owner} holds "{@code pid startMillis}" of the JVM;
 * {@code children} holds one such line per process started for the instance.
 */
public final class InstanceDir {

    /** System property that overrides the root directory (default: tmpdir/pos-testkit-USER). */
    public static final String ROOT_PROPERTY = "pos.testkit.dir";
    static final String OWNER_FILE = "owner";
    static final String CHILDREN_FILE = "children";
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private final Path path;

    private InstanceDir(Path path) {
        this.path = path;
    }

    /** @return the directory under which all instance directories live */
    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "pos-testkit-" + user);
    }

    /**
     * Creates a fresh instance directory owned by this JVM and deleted when it exits. The first
     * call in a JVM first sweeps directories (and processes) left behind by dead JVMs.
     *
     * @param kind a short prefix naming the server, e.g. {@code redis}
     * @return the new directory
     */
    public static InstanceDir create(String kind) {
        Path root = root();
        try {
            Files.createDirectories(root);
            if (SWEPT.compareAndSet(false, true)) {
                StaleSweeper.sweep(root);
            }
            Path dir = Files.createTempDirectory(root, kind + "-");
            Reaper.deleteOnExit(dir);
            Files.writeString(dir.resolve(OWNER_FILE), Owner.currentJvm() + "\n", StandardCharsets.US_ASCII);
            return new InstanceDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + kind + " directory under " + root, e);
        }
    }

    /** @return the directory */
    public Path path() {
        return path;
    }

    /** @return {@code path().resolve(name)} */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** @return whether the directory still exists */
    public boolean exists() {
        return Files.isDirectory(path);
    }

    /** Records a child process so that a sweep can kill it if this JVM dies without cleaning up. */
    public synchronized void recordChild(ProcessHandle child) {
        try {
            Files.writeString(path.resolve(CHILDREN_FILE), Owner.of(child) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record child " + child.pid() + " in " + path, e);
        }
    }

    /** Deletes the directory and everything in it; the caller must have stopped its processes. */
    public void delete() {
        Dirs.deleteRecursively(path);
        Reaper.forget(path);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
