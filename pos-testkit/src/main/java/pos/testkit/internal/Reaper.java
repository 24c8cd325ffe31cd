package pos.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.testkit.MissingServerBinaryException;

/**
 * Makes sure server processes die with the test JVM and their directories are deleted.
 * Thread-safe (one instance per JVM, behind static methods).
 *
 * <p>Two layers: a shutdown hook kills every adopted child and deletes every registered
 * directory when the JVM exits normally; and a watchdog, one small bash process per JVM, holds
 * the read end of a pipe whose only writer is this JVM. Java closes all other descriptors in
 * children it starts, so when this JVM dies — even by SIGKILL, when no hook runs — the pipe
 * reports end-of-file and the watchdog SIGKILLs every pid it was told about. Directories left
 * by such a death are swept by {@link StaleSweeper} at the next start.
 */
public final class Reaper {

    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    /** Reads "pid" (adopt) and "-pid" (release) lines; on end-of-file kills what is adopted. */
    private static final String WATCHDOG_SCRIPT = String.join("\n",
            "trap '' INT TERM HUP",
            "declare -A kids",
            "while :; do",
            "  if IFS= read -r line; then",
            "    case \"$line\" in",
            "      -*) unset \"kids[${line#-}]\" ;;",
            "      ?*) kids[$line]=1 ;;",
            "    esac",
            "  else",
            "    for pid in \"${!kids[@]}\"; do kill -9 \"$pid\" 2>/dev/null; done",
            "    exit 0",
            "  fi",
            "done");

    private static final Set<ProcessHandle> CHILDREN = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRS = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;
    private static boolean watchdogUnavailable;
    private static Process watchdog;
    private static OutputStream watchdogInput;

    private Reaper() {
    }

    /**
     * Takes charge of a freshly started child: it is killed when this JVM exits or dies.
     *
     * @param child the server process
     */
    public static synchronized void adopt(ProcessHandle child) {
        installHook();
        CHILDREN.add(child);
        tellWatchdog(Long.toString(child.pid()));
    }

    /**
     * Hands a child back after it has exited, so that its pid, if reused, is never killed.
     *
     * @param child a process previously {@linkplain #adopt adopted}
     */
    public static synchronized void release(ProcessHandle child) {
        if (CHILDREN.remove(child)) {
            tellWatchdog("-" + child.pid());
        }
    }

    /** Registers a directory to delete when the JVM exits. */
    public static synchronized void deleteOnExit(Path dir) {
        installHook();
        DIRS.add(dir);
    }

    /** Unregisters a directory that its owner deleted itself. */
    public static void forget(Path dir) {
        DIRS.remove(dir);
    }

    /** @return the pid of this JVM's watchdog process, or -1 when none is running */
    public static synchronized long watchdogPid() {
        return watchdog != null && watchdog.isAlive() ? watchdog.pid() : -1L;
    }

    private static void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Reaper::onShutdown, "pos-testkit-reaper"));
            hookInstalled = true;
        }
    }

    private static void tellWatchdog(String line) {
        if (watchdogUnavailable) {
            return;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (watchdog == null || !watchdog.isAlive()) {
                    startWatchdog();
                    if (watchdogUnavailable) {
                        return;
                    }
                }
                watchdogInput.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                watchdogInput.flush();
                return;
            } catch (IOException e) {
                LOG.warn("Watchdog pipe broken ({}); starting a new watchdog", e.toString());
                watchdog = null;
            }
        }
        LOG.warn("Cannot reach a watchdog; server processes will outlive this JVM if it is killed "
                + "(the next run sweeps them)");
    }

    private static void startWatchdog() throws IOException {
        Path bash;
        try {
            bash = Binaries.find("bash", "bash");
        } catch (MissingServerBinaryException e) {
            watchdogUnavailable = true;
            LOG.warn("No bash, so no watchdog: server processes will outlive this JVM if it is killed "
                    + "with SIGKILL (the next run sweeps them)", e);
            return;
        }
        Process started = new ProcessBuilder(List.of(bash.toString(), "-c", WATCHDOG_SCRIPT, "pos-testkit-watchdog"))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD)
                .start();
        watchdog = started;
        watchdogInput = started.getOutputStream();
        // the new watchdog must know every child the old one knew
        for (ProcessHandle child : CHILDREN) {
            watchdogInput.write((child.pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        watchdogInput.flush();
        LOG.debug("Started watchdog pid {} for test server processes", started.pid());
    }

    private static void onShutdown() {
        Process dog;
        synchronized (Reaper.class) {
            dog = watchdog;
            watchdog = null;
        }
        if (dog != null) {
            // first, so it cannot SIGKILL a recycled pid after the children below are gone
            dog.destroyForcibly();
        }
        for (ProcessHandle child : CHILDREN) {
            child.destroyForcibly();
        }
        for (ProcessHandle child : CHILDREN) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                System.err.println("pos-testkit: server process " + child.pid() + " did not exit: " + e);
            }
        }
        for (Path dir : DIRS) {
            try {
                Dirs.deleteRecursively(dir);
            } catch (RuntimeException e) {
                // logging may already be shut down in a hook; stderr always works
                System.err.println("pos-testkit: cannot delete " + dir + ": " + e);
            }
        }
    }
}
