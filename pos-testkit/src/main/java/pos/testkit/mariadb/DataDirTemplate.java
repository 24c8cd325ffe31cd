package pos.testkit.mariadb;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.testkit.UnableToStartServerException;
import pos.testkit.internal.Dirs;
import pos.testkit.internal.InstanceDir;
import pos.testkit.internal.LogTail;

/**
 * A data directory freshly initialised by {@code mariadb-install-db}, made once per JVM (per
 * InnoDB log size) and copied for every server: copying 25 MB is much faster than installing.
 * Thread-safe.
 */
final class DataDirTemplate {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirTemplate.class);
    private static final long INSTALL_TIMEOUT_SECONDS = 120;
    private static final Map<String, Path> TEMPLATES = new HashMap<>();

    private DataDirTemplate() {
    }

    /**
     * Copies a freshly installed data directory to {@code target}, installing the template first
     * if this JVM has none for these options yet.
     */
    static void copyTo(Path target, Path installDb, boolean runningAsRoot, String logFileSize) {
        Path template = template(installDb, runningAsRoot, logFileSize);
        long startedAt = System.nanoTime();
        Dirs.copyRecursively(template, target);
        LOG.debug("Copied MariaDB template data directory in {} ms", (System.nanoTime() - startedAt) / 1_000_000);
    }

    private static synchronized Path template(Path installDb, boolean runningAsRoot, String logFileSize) {
        String key = installDb + "|" + runningAsRoot + "|" + logFileSize;
        Path existing = TEMPLATES.get(key);
        if (existing != null) {
            return existing;
        }
        InstanceDir home = InstanceDir.create("mariadb-template");
        Path dataDir = home.resolve("data");
        Path installLog = home.resolve("install.log");
        List<String> command = new ArrayList<>(List.of(
                installDb.toString(),
                "--no-defaults",
                "--datadir=" + dataDir,
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve",
                "--innodb-log-file-size=" + logFileSize));
        if (runningAsRoot) {
            command.add("--user=root");
        }
        long startedAt = System.nanoTime();
        Process install;
        try {
            install = new ProcessBuilder(command)
                    .directory(home.path().toFile())
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(installLog.toFile())
                    .start();
        } catch (IOException e) {
            throw new UnableToStartServerException("cannot run " + String.join(" ", command), e);
        }
        try {
            if (!install.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                install.destroyForcibly();
                throw new UnableToStartServerException("mariadb-install-db did not finish in "
                        + INSTALL_TIMEOUT_SECONDS + " s; killed it\n  command: " + String.join(" ", command)
                        + LogTail.format(List.of(installLog), List.of(0L), 25));
            }
        } catch (InterruptedException e) {
            install.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UnableToStartServerException("interrupted while running mariadb-install-db; killed it", e);
        }
        if (install.exitValue() != 0) {
            throw new UnableToStartServerException("mariadb-install-db failed with exit code "
                    + install.exitValue() + "\n  command: " + String.join(" ", command)
                    + LogTail.format(List.of(installLog), List.of(0L), 25));
        }
        LOG.info("Installed MariaDB template data directory {} in {} ms", dataDir,
                (System.nanoTime() - startedAt) / 1_000_000);
        TEMPLATES.put(key, dataDir);
        return dataDir;
    }
}
