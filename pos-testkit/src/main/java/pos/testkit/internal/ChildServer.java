package pos.testkit.internal;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.testkit.TestkitException;
import pos.testkit.UnableToStartServerException;

/**
 * The life cycle shared by every test server: launch on a free port (retrying on a bind race),
 * wait until a readiness probe succeeds, stop gracefully, kill, restart on the same port.
 * Thread-safe: life-cycle methods are synchronized.
 */
public final class ChildServer {

    /** Builds the server's command line for a port. */
    @FunctionalInterface
    public interface CommandLine {
        /** @return the full command, program first */
        List<String> forPort(int port);
    }

    /** Tells whether the server answers yet. */
    @FunctionalInterface
    public interface ReadinessProbe {
        /**
         * @return true when the server serves requests; false or an exception while it does not yet
         * @throws pos.testkit.TestkitException when the server answers in a way that waiting will
         *     not fix; the start fails at once
         * @throws Exception the latest reason it is not ready, reported if the start times out
         */
        boolean isReady(int port) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChildServer.class);
    private static final int BIND_RACE_ATTEMPTS = 5;
    private static final long PROBE_INTERVAL_MILLIS = 15;
    private static final int LOG_TAIL_LINES = 25;

    private final String name;
    private final InstanceDir dir;
    private final Path serverLog;
    private final Path consoleLog;
    private final CommandLine commandLine;
    private final ReadinessProbe probe;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private Process process;
    private int port;
    private List<String> lastCommand = List.of();

    /**
     * @param name the program's name for messages, e.g. {@code redis-server}
     * @param dir the instance directory; the server's stdout and stderr go to {@code console.log} in it
     * @param serverLog the log file the server writes itself
     * @param commandLine builds the command for a port
     * @param probe tells when the server is ready
     * @param startTimeout how long to wait for readiness
     * @param stopTimeout how long a graceful stop may take before SIGKILL
     */
    public ChildServer(String name, InstanceDir dir, Path serverLog, CommandLine commandLine, ReadinessProbe probe,
            Duration startTimeout, Duration stopTimeout) {
        this.name = name;
        this.dir = dir;
        this.serverLog = serverLog;
        this.consoleLog = dir.resolve("console.log");
        this.commandLine = commandLine;
        this.probe = probe;
        this.startTimeout = startTimeout;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts the server if it is not running: on a new free port the first time, on the same
     * port afterwards.
     *
     * @return how long it took until the server was ready; zero when it was already running
     * @throws UnableToStartServerException when it exits or is not ready within the timeout
     */
    public synchronized Duration start() {
        if (isRunning()) {
            return Duration.ZERO;
        }
        releaseExited();
        if (port != 0) {
            return launch(port, false);
        }
        for (int attempt = 1; ; attempt++) {
            int candidate = FreePorts.pick();
            try {
                Duration took = launch(candidate, attempt < BIND_RACE_ATTEMPTS);
                port = candidate;
                return took;
            } catch (BindRace race) {
                LOG.info("{}: port {} was taken before the server bound it; trying another port", name, candidate);
            }
        }
    }

    /** Stops gracefully (SIGTERM), waiting up to the stop timeout, then SIGKILLs. No-op when not running. */
    public synchronized void stop() {
        if (!isRunning()) {
            releaseExited();
            return;
        }
        process.destroy();
        if (!await(process, stopTimeout)) {
            LOG.warn("{} on port {} did not stop within {} after SIGTERM; killing it", name, port, stopTimeout);
            process.destroyForcibly();
            await(process, Duration.ofSeconds(10));
        }
        Reaper.release(process.toHandle());
        LOG.debug("{} on port {} stopped", name, port);
    }

    /** Kills with SIGKILL and waits until the process is gone. No-op when not running. */
    public synchronized void kill() {
        if (!isRunning()) {
            releaseExited();
            return;
        }
        process.destroyForcibly();
        if (!await(process, Duration.ofSeconds(10))) {
            throw new TestkitException(name + " pid " + process.pid() + " survived SIGKILL for 10 s");
        }
        Reaper.release(process.toHandle());
        LOG.debug("{} on port {} killed", name, port);
    }

    /** @return whether the server process is alive */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return the port, or 0 before the first start */
    public synchronized int port() {
        return port;
    }

    /** @return the pid of the current (or last) server process, or -1 before the first start */
    public synchronized long pid() {
        return process == null ? -1L : process.pid();
    }

    /** @return the command line of the last launch, for messages */
    public synchronized List<String> lastCommand() {
        return lastCommand;
    }

    /** @return the last lines of the server's logs, for messages */
    public String logTail() {
        return LogTail.format(List.of(serverLog, consoleLog), List.of(0L, 0L), LOG_TAIL_LINES);
    }

    /** A server that exited by itself (crashed) is no longer the reaper's business. */
    private void releaseExited() {
        if (process != null) {
            Reaper.release(process.toHandle());
        }
    }

    private Duration launch(int onPort, boolean retryOnBindRace) {
        List<String> command = commandLine.forPort(onPort);
        lastCommand = command;
        long serverLogOffset = LogTail.size(serverLog);
        long consoleOffset = LogTail.size(consoleLog);
        long startedAt = System.nanoTime();
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .directory(dir.path().toFile())
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(consoleLog.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UnableToStartServerException("cannot launch " + name + ": " + String.join(" ", command), e);
        }
        Reaper.adopt(started.toHandle());
        dir.recordChild(started.toHandle());
        process = started;

        long deadline = startedAt + startTimeout.toNanos();
        Exception lastProbeFailure = null;
        while (true) {
            if (!started.isAlive()) {
                Reaper.release(started.toHandle());
                String fresh = LogTail.since(serverLog, serverLogOffset) + LogTail.since(consoleLog, consoleOffset);
                if (retryOnBindRace && fresh.contains("Address already in use")) {
                    throw new BindRace();
                }
                throw new UnableToStartServerException(name + " exited with code " + started.exitValue()
                        + " while starting on 127.0.0.1:" + onPort + (fresh.contains("Address already in use")
                                ? " (the port is taken by another process)" : "")
                        + "\n  command: " + String.join(" ", command)
                        + LogTail.format(List.of(serverLog, consoleLog), List.of(serverLogOffset, consoleOffset),
                                LOG_TAIL_LINES), lastProbeFailure);
            }
            try {
                if (probe.isReady(onPort)) {
                    Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
                    LOG.info("{} ready on 127.0.0.1:{} in {} ms (pid {}, dir {})", name, onPort, took.toMillis(),
                            started.pid(), dir);
                    return took;
                }
            } catch (TestkitException fatal) {
                // the server answers, but in a way waiting will not fix (refused login, error reply)
                started.destroyForcibly();
                await(started, Duration.ofSeconds(10));
                Reaper.release(started.toHandle());
                throw new UnableToStartServerException(name + " on 127.0.0.1:" + onPort + " answers but is unusable: "
                        + fatal.getMessage() + "; killed it\n  command: " + String.join(" ", command)
                        + LogTail.format(List.of(serverLog, consoleLog), List.of(serverLogOffset, consoleOffset),
                                LOG_TAIL_LINES), fatal);
            } catch (Exception notYet) {
                lastProbeFailure = notYet; // kept for the timeout message; expected while starting
            }
            if (System.nanoTime() > deadline) {
                started.destroyForcibly();
                await(started, Duration.ofSeconds(10));
                Reaper.release(started.toHandle());
                throw new UnableToStartServerException(name + " on 127.0.0.1:" + onPort + " not ready after "
                        + startTimeout.toMillis() + " ms; killed it"
                        + "\n  command: " + String.join(" ", command)
                        + LogTail.format(List.of(serverLog, consoleLog), List.of(serverLogOffset, consoleOffset),
                                LOG_TAIL_LINES), lastProbeFailure);
            }
            sleep(PROBE_INTERVAL_MILLIS, started);
        }
    }

    private static boolean await(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TestkitException("interrupted while waiting for pid " + process.pid() + " to exit; killed it", e);
        }
    }

    private static void sleep(long millis, Process starting) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            starting.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UnableToStartServerException("interrupted while waiting for pid " + starting.pid()
                    + " to become ready; killed it", e);
        }
    }

    /** The server lost the race for its port to another process; pick another port. */
    private static final class BindRace extends RuntimeException {
        BindRace() {
            super(null, null, false, false);
        }
    }
}
