package pos.testkit.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import pos.testkit.MissingServerBinaryException;
import pos.testkit.UnableToReachServerException;
import pos.testkit.UnableToStartServerException;
import pos.testkit.internal.Binaries;
import pos.testkit.internal.ChildServer;
import pos.testkit.internal.InstanceDir;

/**
 * A real {@code redis-server} run as a child process of the test JVM, on a free port of
 * 127.0.0.1, with a throw-away data directory. Thread-safe: life-cycle methods are synchronized,
 * {@link #call} may be used from any thread.
 *
 * <p>By default the append-only file is on ({@code appendfsync everysec}) and RDB snapshots are
 * off, so data written before a {@link #stop()} or {@link #restart()} is there again after the
 * next {@link #start()}. After a {@link #kill()} that holds for every acknowledged write only
 * with {@link AppendFsync#ALWAYS}: under {@code everysec} Redis may postpone writing the AOF for
 * up to two seconds while a background fsync is slow, and still reply. The server listens on
 * the same port for its whole life, so clients can reconnect after a restart.
 *
 * <pre>{@code
 * try (RedisProcess redis = new RedisProcess().start()) {
 *     redis.call("SET", "greeting", "hello");
 *     RedisClient client = RedisClient.create(redis.uri());
 *     ...
 * }
 * }</pre>
 *
 * <p>The process dies with the JVM, even if the JVM is killed (see {@code pos.testkit.internal.Reaper}).
 */
public final class RedisProcess implements AutoCloseable {

    /** How Redis fsyncs its append-only file ({@code appendfsync}). Immutable. */
    public enum AppendFsync {
        /** fsync after every write command: nothing acknowledged is ever lost. */
        ALWAYS,
        /** fsync once a second (Redis' default): a kill or crash may lose up to about two seconds. */
        EVERYSEC,
        /** leave flushing to the OS. */
        NO
    }

    private static final String HOST = "127.0.0.1";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final Options options;
    private final Path binary;
    private final InstanceDir dir;
    private final ChildServer server;
    private Duration lastStartDuration = Duration.ZERO;
    private boolean closed;

    /**
     * Prepares a Redis with the default options (append-only file on, fsync every second);
     * call {@link #start()} to run it.
     *
     * @throws MissingServerBinaryException when {@code redis-server} is not installed
     */
    public RedisProcess() {
        this(new Builder());
    }

    private RedisProcess(Builder builder) {
        this.options = new Options(builder);
        this.binary = builder.binary != null ? builder.binary : Binaries.find("redis-server", "redis-server");
        this.dir = InstanceDir.create("redis");
        Path log = dir.resolve("redis.log");
        this.server = new ChildServer("redis-server", dir, log, this::commandLine, this::answersPing,
                builder.startTimeout, builder.stopTimeout);
    }

    /** @return a builder for a Redis with non-default options */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server and waits until it answers {@code PING}. The first start picks a free
     * port; later starts reuse it. Does nothing when the server is already running.
     *
     * @return this, for chaining
     * @throws UnableToStartServerException when it exits or does not answer in time; the message
     *     carries the tail of its log
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized RedisProcess start() {
        requireOpen();
        Duration took = server.start();
        if (!took.isZero()) {
            lastStartDuration = took;
        }
        return this;
    }

    /**
     * Stops the server gracefully (SIGTERM: Redis flushes and fsyncs its append-only file) and
     * waits for it to exit; SIGKILL if it takes longer than the stop timeout. Does nothing when
     * it is not running. The data directory is kept.
     */
    public synchronized void stop() {
        server.stop();
    }

    /**
     * Kills the server with SIGKILL, as a crash would, and waits for it to be gone. Does nothing
     * when it is not running. The data directory is kept.
     */
    public synchronized void kill() {
        server.kill();
    }

    /**
     * Stops the server if it is running, then starts it again on the same port with the same
     * data directory.
     *
     * @return this, for chaining
     * @throws UnableToStartServerException when it cannot start again (for instance because
     *     another process took the port meanwhile)
     */
    public synchronized RedisProcess restart() {
        requireOpen();
        server.stop();
        return start();
    }

    /** @return whether the server process is alive (it may still be loading right after a crash) */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** @return the host to connect to, always {@code 127.0.0.1} */
    public String host() {
        return HOST;
    }

    /**
     * @return the port; stable across restarts
     * @throws IllegalStateException before the first {@link #start()}
     */
    public int port() {
        int port = server.port();
        if (port == 0) {
            throw new IllegalStateException("redis-server has not been started yet; call start() first");
        }
        return port;
    }

    /** @return the address as a Redis URI, e.g. {@code redis://127.0.0.1:23817}, as Lettuce accepts it */
    public String uri() {
        return "redis://" + HOST + ":" + port();
    }

    /** @return the data directory (append-only file, {@code redis.log}); deleted by {@link #close()} */
    public Path dataDir() {
        return dir.path();
    }

    /** @return the pid of the current (or last) server process, or -1 before the first start */
    public long pid() {
        return server.pid();
    }

    /** @return how long the latest actual start took, from launch to the first PONG */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    /** @return the last lines of the server's log, for diagnosing a failing test */
    public String logTail() {
        return server.logTail();
    }

    /**
     * Sends one command over a fresh connection and returns the reply. Meant for test set-up and
     * assertions, not for the code under test (that uses Lettuce).
     *
     * @param command the command and its arguments, e.g. {@code "SET", "key", "value"}
     * @return a String (simple or bulk string), a Long (integer), null (nil) or a List of these
     * @throws RedisErrorReplyException when Redis answers with an error
     * @throws UnableToReachServerException when the connection fails or times out
     */
    public Object call(String... command) {
        int port = port();
        try {
            return Resp.call(HOST, port, CALL_TIMEOUT, command);
        } catch (IOException e) {
            throw new UnableToReachServerException("cannot send " + (command.length > 0 ? command[0] : "(nothing)")
                    + " to redis-server at " + HOST + ":" + port + (isRunning() ? "" : " (it is not running)"), e);
        }
    }

    /** @return whether the server answers {@code PING} with {@code PONG} right now */
    public boolean ping() {
        try {
            return answersPing(port());
        } catch (IOException | RedisErrorReplyException notAnswering) {
            return false; // the answer to "does it answer?" is no
        }
    }

    /**
     * Deletes every key in every database ({@code FLUSHALL SYNC}).
     *
     * @throws UnableToReachServerException when the server cannot be reached
     */
    public void flushAll() {
        call("FLUSHALL", "SYNC");
    }

    /**
     * Kills the server and deletes its data directory. Closing twice is harmless; the instance
     * cannot be started again.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.kill();
        dir.delete();
    }

    @Override
    public String toString() {
        int port = server.port();
        return "redis-server at " + (port == 0 ? "(not started)" : HOST + ":" + port) + " in " + dir;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this RedisProcess was closed; create a new one");
        }
    }

    private boolean answersPing(int port) throws IOException {
        try {
            return "PONG".equals(Resp.call(HOST, port, PROBE_TIMEOUT, "PING"));
        } catch (RedisErrorReplyException e) {
            if (e.reply().startsWith("LOADING")) {
                return false; // replaying the append-only file after a restart
            }
            throw e;
        }
    }

    private List<String> commandLine(int port) {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--protected-mode", "yes",
                "--daemonize", "no",
                "--dir", dir.path().toString(),
                "--logfile", dir.resolve("redis.log").toString(),
                "--save", "",
                "--appendonly", options.appendOnly ? "yes" : "no",
                "--appendfsync", options.appendFsync.name().toLowerCase(Locale.ROOT)));
        command.addAll(options.extraArguments);
        return command;
    }

    /** Options fixed at build time. */
    private static final class Options {
        final boolean appendOnly;
        final AppendFsync appendFsync;
        final List<String> extraArguments;

        Options(Builder builder) {
            appendOnly = builder.appendOnly;
            appendFsync = builder.appendFsync;
            extraArguments = List.copyOf(builder.extraArguments);
        }
    }

    /** Options for a {@link RedisProcess}. Not thread-safe; use from one thread, then {@link #build()}. */
    public static final class Builder {
        private boolean appendOnly = true;
        private AppendFsync appendFsync = AppendFsync.EVERYSEC;
        private Duration startTimeout = Duration.ofSeconds(15);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private final List<String> extraArguments = new ArrayList<>();
        private Path binary;

        private Builder() {
        }

        /**
         * @param appendOnly whether to keep an append-only file (default true), so data survives restarts
         * @return this builder
         */
        public Builder appendOnly(boolean appendOnly) {
            this.appendOnly = appendOnly;
            return this;
        }

        /**
         * @param appendFsync the AOF fsync policy (default {@link AppendFsync#EVERYSEC})
         * @return this builder
         */
        public Builder appendFsync(AppendFsync appendFsync) {
            this.appendFsync = Objects.requireNonNull(appendFsync, "appendFsync");
            return this;
        }

        /**
         * @param startTimeout how long a start may take until the first PONG (default 15 s)
         * @return this builder
         */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * @param stopTimeout how long a graceful stop may take before SIGKILL (default 10 s)
         * @return this builder
         */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /**
         * Adds {@code redis-server} options, appended after the harness' own (so they win),
         * e.g. {@code "--maxmemory", "10mb"}. Do not override {@code --port}, {@code --bind}
         * or {@code --dir}.
         *
         * @param arguments option names (with {@code --}) and values, as separate strings
         * @return this builder
         */
        public Builder extraArguments(String... arguments) {
            extraArguments.addAll(List.of(arguments));
            return this;
        }

        /**
         * @param binary the {@code redis-server} program to run (default: found on PATH, /usr/bin, /usr/sbin)
         * @return this builder
         */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /**
         * Prepares the Redis; call {@link RedisProcess#start()} to run it.
         *
         * @return a new, not yet started Redis with its own data directory
         * @throws MissingServerBinaryException when {@code redis-server} is not installed
         */
        public RedisProcess build() {
            return new RedisProcess(this);
        }
    }
}
