package pos.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes instance directories whose owning JVM is gone, killing the server processes recorded
 * in them first. Directories of live JVMs (other test runs on the same machine) are left alone.
 * Stateless, thread-safe; concurrent sweeps from several JVMs are harmless.
 */
public final class StaleSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StaleSweeper.class);
    /** A directory without an owner file is being created right now, unless it is this old. */
    private static final Duration UNOWNED_GRACE = Duration.ofMinutes(10);

    private StaleSweeper() {
    }

    /**
     * Sweeps {@code root}.
     *
     * @param root the directory holding instance directories
     * @return the directories that were removed
     */
    public static List<Path> sweep(Path root) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return removed;
        }
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(root)) {
            candidates = entries.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            LOG.warn("Cannot list {} to sweep stale test servers; leaving it as it is", root, e);
            return removed;
        }
        for (Path dir : candidates) {
            try {
                if (isStale(dir)) {
                    int killed = killRecordedChildren(dir);
                    Dirs.deleteRecursively(dir);
                    removed.add(dir);
                    LOG.info("Removed {} left by a dead test JVM (killed {} leftover server process(es))", dir, killed);
                }
            } catch (NoSuchFileException concurrentlySwept) {
                LOG.debug("{} vanished while sweeping (another JVM swept it)", dir);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot sweep stale test directory {}; leaving it", dir, e);
            }
        }
        return removed;
    }

    private static boolean isStale(Path dir) throws IOException {
        Path ownerFile = dir.resolve(InstanceDir.OWNER_FILE);
        if (!Files.exists(ownerFile)) {
            Instant modified = Files.getLastModifiedTime(dir).toInstant();
            return modified.isBefore(Instant.now().minus(UNOWNED_GRACE));
        }
        String line = Files.readString(ownerFile, StandardCharsets.US_ASCII);
        if (line.isBlank()) {
            return false; // being written right now
        }
        return Owner.parse(line).live().isEmpty();
    }

    private static int killRecordedChildren(Path dir) throws IOException {
        Path childrenFile = dir.resolve(InstanceDir.CHILDREN_FILE);
        if (!Files.exists(childrenFile)) {
            return 0;
        }
        int killed = 0;
        for (String line : Files.readAllLines(childrenFile, StandardCharsets.US_ASCII)) {
            if (line.isBlank()) {
                continue;
            }
            var child = Owner.parse(line).live();
            if (child.isPresent()) {
                child.get().destroyForcibly();
                awaitExit(child.get());
                killed++;
            }
        }
        return killed;
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for stale process " + process.pid(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("stale process " + process.pid() + " did not die after SIGKILL", e);
        }
    }
}
